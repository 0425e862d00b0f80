// The incident's rules, pure and deterministic: who may act (roles by directory and by assignment), how phases
// move, and when a notice may go out. The workflow's validators apply them before anything reaches history;
// a broken rule throws Refused, which the workflow turns into the refusal the caller sees.
import type { GateState } from './approval';
import type { RefusalCode } from './failures';
import type { PhaseId, Runbook } from './runbook';
import type { Actor, Role } from './roles';
import type { HoldState, IncidentView, PhaseStatus, TaskState } from './incident-view';

/** A command refused by a rule: a stable code the edges map (not_found, not_authorized, …) and a sentence. */
export class Refused extends Error {
  override name = 'Refused';
  constructor(
    message: string,
    public readonly code: RefusalCode = 'refused',
  ) {
    super(message);
  }
}

export function refuse(message: string, code: RefusalCode = 'refused'): never {
  throw new Refused(message, code);
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
  // Someone outside the role directory (no role of their own) gets no power from an assignment (M2). The
  // roles are the directory's: the edge looked them up and its signed assertion binds them.
  if (actor.roles.length === 0) return roles;
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
export const HOLDERS: Role[] = ['commander', 'legal'];
export const SENDERS: Role[] = ['commander', 'legal', 'communications'];
export const CAMPAIGN_CONTROLLERS: Role[] = ['commander', 'legal', 'communications'];

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

/** Authority that only the role directory gives, never an assignment (e.g. releasing a hold). */
export function requireDirectoryRole(actor: Actor, action: string, ...allowed: Role[]): void {
  if (!actor.roles.some((r) => allowed.includes(r)))
    refuse(
      `${actor.id} may not ${action}: needs the ${allowed.join(' or ')} role in the role directory (an assignment does not give it)`,
      'not_authorized',
    );
}

/** An assignment gives only the roles of GRANTED_BY_ASSIGNMENT: never legal or auditor. */
export function checkAssignable(role: Role): void {
  if (!GRANTED_BY_ASSIGNMENT.includes(role))
    refuse(
      `${role} cannot be assigned: it comes from the role directory only (assignable: ${GRANTED_BY_ASSIGNMENT.join(', ')})`,
      'not_assignable',
    );
}
