// Who may do what in an incident, and how phases move: deterministic rules the incident workflow's
// validators apply before anything is written to history.
import { ApplicationFailure } from '@temporalio/workflow';
import type { ZodError } from 'zod';
import type { GateState } from '../src/domain/approval';
import { describeIssues } from '../src/domain/commands';
import type { PhaseId, Runbook } from '../src/domain/runbook';
import type { Actor, Role } from '../src/domain/roles';
import type { HoldState, IncidentView, PhaseStatus, TaskState } from './messages';
import type { CommandRefusalCode } from '../src/domain/failures';

/** A refusal the caller sees as-is: a validator throws it, the update is rejected, history is untouched. */
export function refuse(message: string, code: CommandRefusalCode = 'refused'): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true });
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

/**
 * Whether a gate's notice may go out now, by hand or by campaign: approved, not sent yet, and for a customer
 * notice no law-enforcement hold active.
 */
export function checkNoticeMaySend(gate: GateState, activeHolds: HoldState[]): void {
  if (gate.status !== 'approved' || !gate.draft)
    refuse(`"${gate.title}" is not approved (status ${gate.status}): nothing may be sent`, 'not_approved');
  if (gate.noticeSent) refuse(`"${gate.title}" was already recorded as sent`, 'already_done');
  if (gate.kind === 'customer_notice' && activeHolds.length > 0)
    refuse(
      `a law-enforcement hold (${activeHolds[0]!.agency}) stops customer notices until it ends`,
      'on_hold',
    );
}

/**
 * Roles an incident assignment grants. Legal authority (approvals, overrides, holds) and audit come from the
 * role directory only, so a commander cannot make anyone, themselves included, counsel by assignment.
 */
export const GRANTED_BY_ASSIGNMENT: readonly Role[] = ['commander', 'responder', 'communications'];

export function effectiveRoles(actor: Actor, assignments: IncidentView['assignments']): Set<Role> {
  const roles = new Set<Role>(actor.roles);
  for (const a of assignments) {
    if (a.personId === actor.id && GRANTED_BY_ASSIGNMENT.includes(a.role)) roles.add(a.role);
  }
  return roles;
}

export function requireRole(
  actor: Actor,
  assignments: IncidentView['assignments'],
  action: string,
  ...allowed: Role[]
): void {
  const roles = effectiveRoles(actor, assignments);
  if (!allowed.some((r) => roles.has(r))) {
    refuse(`${actor.id} may not ${action}: needs the ${allowed.join(' or ')} role`, 'not_authorized');
  }
}

export const CHANGERS: Role[] = ['commander', 'responder', 'legal'];
export const PARTICIPANTS: Role[] = ['commander', 'responder', 'legal', 'communications'];

export interface PhasePlan {
  complete: PhaseId[];
  start: PhaseId[];
  skipped: PhaseId[];
}

/** Which phases an advance completes and starts; refuses a move backwards. */
export function planAdvance(runbook: Runbook, statuses: Map<PhaseId, PhaseStatus>, to?: PhaseId): PhasePlan {
  const order = runbook.phases.map((p) => p.id);
  const withStarts = (id: PhaseId) => [
    id,
    ...runbook.phases.filter((p) => p.startsWith === id).map((p) => p.id),
  ];
  const startedTogether = new Set(runbook.phases.filter((p) => p.startsWith).map((p) => p.id));
  const target = to ?? order.find((id) => statuses.get(id) === 'pending' && !startedTogether.has(id));
  if (!target) refuse('no phase left to start: close the incident instead', 'invalid_phase');
  if (!order.includes(target)) refuse(`phase "${target}" is not in this runbook`, 'invalid_phase');
  if (statuses.get(target) !== 'pending') refuse(`phase "${target}" has already started`, 'invalid_phase');
  const targetIndex = order.indexOf(target);
  const starting = new Set(withStarts(target));
  const complete = order.filter(
    (id, i) => i < targetIndex && statuses.get(id) === 'active' && !starting.has(id),
  );
  const skipped = order.filter(
    (id, i) => i < targetIndex && statuses.get(id) === 'pending' && !starting.has(id),
  );
  return { complete, start: [...starting].filter((id) => statuses.get(id) === 'pending'), skipped };
}

export function openRequiredTasks(tasks: TaskState[], phases: PhaseId[]): TaskState[] {
  return tasks.filter((t) => phases.includes(t.phase) && t.required && t.status === 'open');
}
