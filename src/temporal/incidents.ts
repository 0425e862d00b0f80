// Client-side incident operations shared by every edge (CLI, web, Slack): declare, look up, and send
// validated commands, turning the workflow's refusals into one error type the edges show as-is.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  type Client,
  type WorkflowHandle,
  WorkflowUpdateFailedError,
  WorkflowExecutionAlreadyStartedError,
} from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { type IncidentFactsInput, declaredFactsSchema, workflowIdFor } from '../domain/incident';
import { describeIssues } from '../domain/commands';
import type { PinnedRunbook } from '../domain/runbook';
import { parseRunbookYaml } from '../domain/runbook-yaml';
import type { Actor } from '../domain/roles';
import type { AuthenticatedActor } from '../domain/principal';
import { type EdgeSigningKey, START_MESSAGE, signAssertion } from '../crypto/edge-keys';
import { DEFAULT_RUNBOOK } from '../paths';
import { incidentWorkflow } from '../../workflows/incident';
import type { IncidentInput } from '../domain/incident-view';
import { PHASE, RESTRICTED, SEVERITY, STATUS } from '../../workflows/search-attributes';
import { TemporalRefusal, isRunSwitch, isTaskRace, temporalRefusal } from './errors';
import { DECLARERS, mayDeclare } from '../domain/access';
import { ACTIVITY_FAILURES, isActivityFailureType } from '../domain/failures';

export class RefusedError extends Error {
  override name = 'RefusedError';
  constructor(
    message: string,
    public readonly code: string,
  ) {
    super(message);
  }
}

/**
 * A command whose activity failed for good (a notice that cannot be drafted from the facts): a refusal that
 * says what to fix, like the workflow's own (exit 2, 409), not "Temporal did not record it" (an outage, 503).
 */
function doneForGood(err: unknown): RefusedError | undefined {
  if (!(err instanceof WorkflowUpdateFailedError) || !(err.cause instanceof ActivityFailure))
    return undefined;
  const cause = err.cause.cause;
  if (!(cause instanceof ApplicationFailure) || !cause.type || !isActivityFailureType(cause.type))
    return undefined;
  if (ACTIVITY_FAILURES[cause.type].retryable) return undefined;
  const what =
    cause.type === 'TemplateError'
      ? `the notice cannot be drafted: ${cause.message}. Fix the facts (breachplan facts … --set) or the template, then ask again`
      : `${cause.message} (nothing was recorded)`;
  return new RefusedError(what, cause.type);
}

// The edge signing key of each client: set once where the client is made (connectFromConfig, the tests), so
// every command sent through it carries the edge's signed assertion of who sent it.
interface EdgeSigner {
  key: EdgeSigningKey;
  /** The time to sign with: the wall clock, except against a time-skipping test server. */
  now: () => Date | Promise<Date>;
}
const edgeSigners = new WeakMap<object, EdgeSigner>();

/** Makes `client` sign every command it sends with the edge key (see src/crypto/edge-keys.ts). */
export function withEdgeSigner<T extends Client>(
  client: T,
  key: EdgeSigningKey,
  now: () => Date | Promise<Date> = () => new Date(),
): T {
  edgeSigners.set(client.workflow, { key, now });
  return client;
}

async function sign(
  workflowClient: object,
  who: AuthenticatedActor,
  workflowId: string,
  message: string,
  command: unknown,
) {
  const signer = edgeSigners.get(workflowClient);
  if (!signer)
    throw new Error('this Temporal client has no edge signing key: commands need one (withEdgeSigner)');
  return signAssertion(signer.key, who, workflowId, message, command, await signer.now());
}

export function loadRunbookFile(path = DEFAULT_RUNBOOK): PinnedRunbook {
  return parseRunbookYaml(readFileSync(path, 'utf8'), path);
}

const ID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const idChars = (bytes: Buffer, n: number) =>
  Array.from(bytes.subarray(0, n), (b) => ID_ALPHABET[b % 32]).join('');

/** INC-<yyyymmdd>-<6 random chars>: a new incident declared without a request key. */
export function newIncidentId(at: Date): string {
  const day = at.toISOString().slice(0, 10).replace(/-/g, '');
  return `INC-${day}-${idChars(randomBytes(6), 6)}`;
}

/**
 * INC-REQ-<10 chars>, from the request key alone: a retried or duplicated request (a form submitted twice,
 * either side of midnight) names the same incident. Nothing from the clock goes into it.
 */
export function incidentIdForRequest(requestKey: string): string {
  return `INC-REQ-${idChars(createHash('sha256').update(requestKey).digest(), 10)}`;
}

export interface DeclareRequest {
  facts: IncidentFactsInput;
  runbook: PinnedRunbook;
  /** Who declares, as the edge authenticated them. */
  as: AuthenticatedActor;
  incidentId?: string;
  requestKey?: string;
  /** Hand over to a new run after this many updates (tests, benchmarks; the workflow has its own default). */
  updatesPerRun?: number;
  /** The edge's clock for "not in the future" (default now; a time-skipping test server passes its own). */
  now?: number;
}

export { DECLARERS };

export async function declareIncident(
  client: Client,
  taskQueue: string,
  req: DeclareRequest,
): Promise<{ incidentId: string; created: boolean }> {
  const actor: Actor = req.as.actor;
  if (!mayDeclare(actor)) {
    throw new RefusedError(
      `${actor.id} may not declare an incident: needs the commander or responder role`,
      'not_authorized',
    );
  }
  const parsed = declaredFactsSchema(req.now).safeParse(req.facts);
  if (!parsed.success) throw new RefusedError(describeIssues(parsed.error), 'invalid_input');
  // A given id or request key names one incident: finding it already started is the idempotent answer.
  // A random id that collides is not ours: draw another.
  const idempotent = Boolean(req.incidentId ?? req.requestKey);
  for (let attempt = 0; ; attempt++) {
    const incidentId =
      req.incidentId ?? (req.requestKey ? incidentIdForRequest(req.requestKey) : newIncidentId(new Date()));
    const input: IncidentInput = {
      incidentId,
      facts: parsed.data,
      runbook: req.runbook.runbook,
      runbookHash: req.runbook.hash,
      declaredBy: actor,
      ...(req.updatesPerRun ? { updatesPerRun: req.updatesPerRun } : {}),
    };
    const workflowId = workflowIdFor(incidentId);
    const assertion = await sign(client.workflow, req.as, workflowId, START_MESSAGE, input);
    try {
      await client.workflow.start(incidentWorkflow as never, {
        workflowId,
        taskQueue,
        args: [input, assertion] as never,
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

async function stillRunning(handle: WorkflowHandle): Promise<boolean> {
  try {
    return (await handle.describe()).status.name === 'RUNNING';
  } catch {
    return true;
  }
}

/**
 * Runs an update; a validator's refusal becomes a RefusedError carrying the workflow's own message. An update
 * id makes a redelivered request (e.g. a Slack event retry) the same update: Temporal applies it once and
 * answers both with its outcome. While the incident hands over to a new run (continue-as-new) the command is
 * sent again, with the same update id, until the new run answers; what Temporal itself refuses becomes a
 * TemporalRefusal in words the person can act on.
 */
export async function sendCommand<R, C extends { actor: Actor }>(
  handle: WorkflowHandle,
  def: import('@temporalio/common').UpdateDefinition<R, [C]>,
  command: Omit<C, 'actor'>,
  options: { as: AuthenticatedActor; updateId?: string; switchWaitMs?: number },
): Promise<R> {
  // The command's actor is always the authenticated one: the assertion binds its id and roles.
  const full = { ...command, actor: options.as.actor } as C;
  const updateId = options.updateId ?? randomUUID();
  const deadline = Date.now() + (options.switchWaitMs ?? 60_000);
  let raced = 0;
  for (let attempt = 0; ; attempt++) {
    // Signed afresh on each attempt (a new nonce and time); the update id keeps it one update.
    const assertion = await sign(handle.client, options.as, handle.workflowId, def.name, full);
    try {
      return await handle.executeUpdate(def as never, { args: [full, assertion] as never, updateId });
    } catch (err) {
      // A task race is sent again a few times only: a workflow task that always fails is a bug, not a race.
      if ((isRunSwitch(err) || (isTaskRace(err) && raced++ < 3)) && Date.now() < deadline) {
        // "Already completed" also answers a closed incident: only a running new run is worth waiting for.
        if (!(await stillRunning(handle)))
          throw new RefusedError(
            `incident ${handle.workflowId.replace(/^incident-/, '')} is closed`,
            'closed',
          );
        await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 1_000)));
        continue;
      }
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
        if (err.cause.type === 'continuing')
          throw new TemporalRefusal(
            `the incident is still moving to a new run after ${Math.round((options.switchWaitMs ?? 60_000) / 1000)} s: ${def.name} was not recorded, send it again`,
            'timeout',
          );
        throw new RefusedError(err.cause.message, err.cause.type ?? 'refused');
      }
      const failed = doneForGood(err);
      if (failed) throw failed;
      throw temporalRefusal(err, def.name) ?? err;
    }
  }
}
