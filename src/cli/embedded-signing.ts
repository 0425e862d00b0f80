// Until the CLI is a client of the HTTP API (#11, id-api), it talks to Temporal itself and names its actor with
// --as: nothing authenticates that person. Its commands are signed with the edge key of the embedded stack
// (or BREACHPLAN_EDGE_SIGNING_KEY) and say so on the timeline: method "system", subject "cli-claim:<person>",
// edge "cli" — `breachplan verify` shows them as an unauthenticated CLI claim, never as a signed-in person.
import type { WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { AuthenticatedActor } from '../domain/principal';
import type { Actor } from '../domain/roles';
import { sendCommand } from '../temporal/incidents';

export const CLI_CLAIM_PREFIX = 'cli-claim:';

export function cliAuthenticated(actor: Actor): AuthenticatedActor {
  return {
    actor,
    principal: {
      personId: actor.id,
      method: 'system',
      subject: `${CLI_CLAIM_PREFIX}${actor.id}`,
      edge: 'cli',
    },
  };
}

/** sendCommand as the CLI's claimed actor (the command's `actor`). */
export function cliSend<R, C extends { actor: Actor }>(
  handle: WorkflowHandle,
  def: UpdateDefinition<R, [C]>,
  command: C,
): Promise<R> {
  return sendCommand(handle, def, command, { as: cliAuthenticated(command.actor) });
}
