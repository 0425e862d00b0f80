// The workflow side of the incident's rules: a refusal as Temporal carries it to the caller, and the pure
// rules themselves (src/domain/incident-rules) re-exported for the workflow's files.
import { ApplicationFailure } from '@temporalio/workflow';
import type { ZodError } from 'zod';
import { ApprovalRefused } from '../src/domain/approval';
import { describeIssues } from '../src/domain/commands';
import { Refused } from '../src/domain/incident-rules';

export {
  CHANGERS,
  PARTICIPANTS,
  GRANTED_BY_ASSIGNMENT,
  checkAssignable,
  checkNoticeMaySend,
  effectiveRoles,
  openRequiredTasks,
  planAdvance,
  requireDirectoryRole,
  requireRole,
  type PhasePlan,
} from '../src/domain/incident-rules';
import type { CommandRefusalCode } from '../src/domain/failures';

/** A refusal the caller sees as-is: a validator throws it, the update is rejected, history is untouched. */
export function refuse(message: string, code: CommandRefusalCode = 'refused'): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true });
}

/** Runs a rule check; a domain refusal (Refused, ApprovalRefused) becomes the refusal Temporal carries. */
export function refusing<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof Refused || err instanceof ApprovalRefused)
      refuse(err.message, err.code as CommandRefusalCode);
    throw err;
  }
}

/** A command checked against its schema, or refused with one line per bad field. */
export function parseOrRefuse<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: ZodError } },
  input: unknown,
): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) refuse(describeIssues(parsed.error), 'invalid_input');
  return parsed.data;
}
