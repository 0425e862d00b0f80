// Tests send commands as an edge does: with an AuthenticatedActor, signed by the test deployment's edge key
// (the client's, see testClient). The principal says a test token authenticated the person.
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { AuthenticatedActor, Edge } from '../../src/domain/principal';
import type { Actor } from '../../src/domain/roles';
import { type DeclareRequest, declareIncident, sendCommand } from '../../src/temporal/incidents';

const EDGE_OF: Record<Actor['source'], Edge> = {
  cli: 'cli',
  web: 'web',
  slack: 'slack',
  system: 'system',
  alerts: 'alerts',
};

/** The actor as if an edge had authenticated them with a personal token `tok-<id>`. */
export function authenticated(actor: Actor): AuthenticatedActor {
  return {
    actor,
    principal: {
      personId: actor.id,
      method: 'token',
      subject: `tok-${actor.id}`,
      edge: EDGE_OF[actor.source],
    },
  };
}

/** sendCommand for a command that names its actor, authenticated as that actor. */
export function sendAs<R, C extends { actor: Actor }>(
  handle: WorkflowHandle,
  def: UpdateDefinition<R, [C]>,
  command: C,
  options: { updateId?: string } = {},
): Promise<R> {
  return sendCommand(handle, def, command, { ...options, as: authenticated(command.actor) });
}

/** declareIncident with the declarer authenticated. */
export function declareAs(
  client: Client,
  taskQueue: string,
  req: Omit<DeclareRequest, 'as'> & { actor: Actor },
): ReturnType<typeof declareIncident> {
  const { actor, ...rest } = req;
  return declareIncident(client, taskQueue, { ...rest, as: authenticated(actor) });
}
