// When Temporal itself says no (a history limit, no answer in time, the server unreachable), the edges tell
// the person in words they can act on and exit non-zero; they never pass on a bare "Workflow Update failed".
import {
  ServiceError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';

export type TemporalProblem = 'limit' | 'timeout' | 'unavailable' | 'gone' | 'failed';

export class TemporalRefusal extends Error {
  override name = 'TemporalRefusal';
  constructor(
    message: string,
    readonly problem: TemporalProblem,
  ) {
    super(message);
  }
  /** CLI exit code: 75 (try again later) for timeouts and outages, 1 otherwise. */
  get exitCode(): number {
    return this.problem === 'timeout' || this.problem === 'unavailable' ? 75 : 1;
  }
  /** HTTP status for the web edge. */
  get httpStatus(): number {
    return this.problem === 'gone' ? 404 : this.problem === 'timeout' ? 504 : 503;
  }
}

const GRPC = {
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  UNAVAILABLE: 14,
};

function grpcCode(err: unknown): number | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; i++) {
    if (typeof e.code === 'number') return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

function messages(err: unknown): string {
  const out: string[] = [];
  for (let e = err as { message?: string; cause?: unknown } | undefined, i = 0; e && i < 5; i++) {
    if (e.message) out.push(e.message);
    e = e.cause as typeof e;
  }
  return out.join(': ');
}

/** The first sentence of the innermost message, without the gRPC status prefix ("9 FAILED_PRECONDITION: "). */
function rootSentence(err: unknown): string {
  let e = err as { message?: string; cause?: unknown } | undefined;
  let last = '';
  for (let i = 0; e && i < 5; i++, e = e.cause as typeof e) if (e.message) last = e.message;
  const plain = last.replace(/^\d+ [A-Z_]+: /, '');
  return (/^(.*?[.!?])(\s|$)/.exec(plain)?.[1] ?? plain).replace(/\.$/, '');
}

/** Temporal's "the run is closing or closed" answers: the command went nowhere and may be sent again. */
export function isRunSwitch(err: unknown): boolean {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure)
    return err.cause.type === 'continuing';
  const text = messages(err);
  return /workflow execution already completed|workflow is closing|continued as new|update was aborted/i.test(
    text,
  );
}

/**
 * The workflow task that carried the command failed, e.g. a run's last task (continue-as-new) raced an activity
 * result: the task and the command in it were not recorded, and the next try of the task goes on.
 */
export function isTaskRace(err: unknown): boolean {
  return /unexpected workflow task failure/i.test(messages(err));
}

/** The words for a failure Temporal caused, or undefined when it is not one (a refusal, a bug). */
export function temporalRefusal(err: unknown, what = 'the command'): TemporalRefusal | undefined {
  if (err instanceof TemporalRefusal) return err;
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) return undefined;
  const text = messages(err);
  const code = grpcCode(err);
  if (err instanceof WorkflowNotFoundError || (code === GRPC.NOT_FOUND && /not found/i.test(text)))
    return new TemporalRefusal(
      `Temporal has no such incident running: ${what} was not recorded (it may be closed and archived)`,
      'gone',
    );
  if (code === GRPC.UNAVAILABLE || /connect|unavailable|ECONNREFUSED|socket|no connection/i.test(text))
    return new TemporalRefusal(
      `cannot reach the Temporal server: ${what} was not recorded. Try again when it is back (${rootSentence(err)})`,
      'unavailable',
    );
  if (code === GRPC.RESOURCE_EXHAUSTED || /limit|too many|exceed|too large|ResourceExhausted/i.test(text))
    return new TemporalRefusal(
      `Temporal refused ${what}: ${rootSentence(err)}. Nothing was recorded; the incident moves to a new run on its own, send it again in a minute`,
      'limit',
    );
  if (
    err instanceof WorkflowUpdateRPCTimeoutOrCancelledError ||
    code === GRPC.DEADLINE_EXCEEDED ||
    /deadline|timed? ?out/i.test(text)
  )
    return new TemporalRefusal(
      `Temporal did not answer in time: ${what} may not have been recorded (is a Breachplan worker running?). Sending it again is safe`,
      'timeout',
    );
  if (err instanceof WorkflowUpdateFailedError || err instanceof ServiceError)
    return new TemporalRefusal(`Temporal did not record ${what}: ${text}`, 'failed');
  return undefined;
}
