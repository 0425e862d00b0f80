// Client-side incident operations shared by every edge (CLI, web, Slack): declare, look up, and send
// validated commands, turning the workflow's refusals into one error type the edges show as-is.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  type Client,
  type WorkflowHandle,
  WorkflowUpdateFailedError,
  WorkflowExecutionAlreadyStartedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { type IncidentFactsInput, incidentFactsSchema, workflowIdFor } from '../domain/incident';
import { describeIssues } from '../domain/commands';
import type { PinnedRunbook } from '../domain/runbook';
import { parseRunbookYaml } from '../domain/runbook-yaml';
import type { Actor } from '../domain/roles';
import { DECLARERS, mayDeclare } from '../domain/access';
import { DEFAULT_RUNBOOK } from '../paths';
import { incidentWorkflow } from '../../workflows/incident';
import type { IncidentInput } from '../domain/incident-view';
import { PHASE, RESTRICTED, SEVERITY, STATUS } from '../../workflows/search-attributes';

export class RefusedError extends Error {
  override name = 'RefusedError';
  constructor(
    message: string,
    public readonly code: string,
  ) {
    super(message);
  }
}

export function loadRunbookFile(path = DEFAULT_RUNBOOK): PinnedRunbook {
  return parseRunbookYaml(readFileSync(path, 'utf8'), path);
}

/** INC-<yyyymmdd>-<6 chars>; derived from a request key when given, so a retried request finds the same id. */
export function newIncidentId(at: Date, requestKey?: string): string {
  const day = at.toISOString().slice(0, 10).replace(/-/g, '');
  const bytes = requestKey ? createHash('sha256').update(requestKey).digest() : randomBytes(6);
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const suffix = Array.from(bytes.subarray(0, 6), (b) => alphabet[b % 32]).join('');
  return `INC-${day}-${suffix}`;
}

export interface DeclareRequest {
  facts: IncidentFactsInput;
  runbook: PinnedRunbook;
  actor: Actor;
  incidentId?: string;
  requestKey?: string;
}

export { DECLARERS };

export async function declareIncident(
  client: Client,
  taskQueue: string,
  req: DeclareRequest,
): Promise<{ incidentId: string; created: boolean }> {
  if (!mayDeclare(req.actor)) {
    throw new RefusedError(
      `${req.actor.id} may not declare an incident: needs the commander or responder role`,
      'not_authorized',
    );
  }
  const parsed = incidentFactsSchema.safeParse(req.facts);
  if (!parsed.success) throw new RefusedError(describeIssues(parsed.error), 'invalid_input');
  // A given id or request key names one incident: finding it already started is the idempotent answer.
  // A random id that collides is not ours: draw another.
  const idempotent = Boolean(req.incidentId ?? req.requestKey);
  for (let attempt = 0; ; attempt++) {
    const incidentId = req.incidentId ?? newIncidentId(new Date(), req.requestKey);
    const input: IncidentInput = {
      incidentId,
      facts: parsed.data,
      runbook: req.runbook.runbook,
      runbookHash: req.runbook.hash,
      declaredBy: req.actor,
    };
    try {
      await client.workflow.start(incidentWorkflow, {
        workflowId: workflowIdFor(incidentId),
        taskQueue,
        args: [input],
        typedSearchAttributes: [
          { key: SEVERITY, value: parsed.data.severity },
          { key: PHASE, value: req.runbook.runbook.phases[0]!.id },
          { key: STATUS, value: 'open' },
          { key: RESTRICTED, value: parsed.data.restricted ? 'true' : 'false' },
        ],
      });
      return { incidentId, created: true };
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      if (idempotent) return { incidentId, created: false };
      if (attempt >= 4) throw err;
    }
  }
}

export function incidentHandle(client: Client, incidentId: string): WorkflowHandle<typeof incidentWorkflow> {
  return client.workflow.getHandle<typeof incidentWorkflow>(workflowIdFor(incidentId));
}

/**
 * Runs an update; a validator's refusal becomes a RefusedError carrying the workflow's own message. An update
 * id makes a redelivered request (e.g. a Slack event retry) the same update: Temporal applies it once and
 * answers both with its outcome.
 */
export async function sendCommand<R, C>(
  handle: WorkflowHandle,
  def: import('@temporalio/common').UpdateDefinition<R, [C]>,
  command: C,
  options: { updateId?: string } = {},
): Promise<R> {
  try {
    return await handle.executeUpdate(def, { args: [command], updateId: options.updateId });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      throw new RefusedError(err.cause.message, err.cause.type ?? 'refused');
    }
    throw err;
  }
}
