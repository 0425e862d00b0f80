// The incident as it stood at a moment, rebuilt by folding its timeline entries up to that time: facts known,
// phases, roles, tasks done, approvals, holds, notices sent and deadline clocks. Pure, so an auditor's
// reconstruction depends only on the (hash-chained) timeline, never on current state.
import * as clock from './deadline';
import type { Actor } from './roles';
import type { TimelineEntry } from './timeline';

export interface AsOfApproval {
  gateId: string;
  status: 'pending' | 'approved' | 'rejected';
  requestId?: string;
  contentHash?: string;
  requestedBy: Actor;
  requestedAt: string;
  votes: { actor: Actor; role: string; at: string; comment?: string }[];
  rejection?: { actor: Actor; reason: string; at: string };
}

export interface AsOfDeadline {
  id: string;
  title: string;
  /** Legal clocks come from the obligations engine; a runbook's deadlines are internal targets. */
  source?: clock.DeadlineState['source'];
  citation?: string;
  status: clock.DeadlineStatus;
  dueAt?: string;
  metAt?: string;
  missedAt?: string;
  paused: boolean;
  remindersSent: number;
}

export interface AsOfState {
  asOf: string;
  /** How many entries were folded, and the hash of the last one: what the state is bound to. */
  entries: number;
  head: string;
  status: 'not_declared' | 'open' | 'closed';
  declaredAt?: string;
  declaredBy?: Actor;
  closedAt?: string;
  facts: Record<string, unknown>;
  factsVersion: number;
  phases: { id: string; status: 'active' | 'done'; startedAt: string; completedAt?: string; note?: string }[];
  roles: { personId: string; role: string; by: Actor; at: string }[];
  tasksDone: { taskId: string; phase?: string; by: Actor; at: string; note?: string }[];
  approvals: AsOfApproval[];
  holds: {
    holdId: string;
    agency: string;
    reference: string;
    placedAt: string;
    placedBy: Actor;
    until?: string;
    endedAt?: string;
    ended?: 'released' | 'expired';
  }[];
  notices: {
    gateId: string;
    channel: string;
    reference?: string;
    recipients?: number;
    at: string;
    by: Actor;
    contentHash?: string;
  }[];
  deadlines: AsOfDeadline[];
  notes: number;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const iso = (ms?: number) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** A deadline's clock as it was at declaration: the static parts of a current state, the moving parts reset. */
function freshClock(d: clock.DeadlineState): clock.DeadlineState {
  return {
    ...d,
    reminders: [...d.reminders],
    remindersSent: [],
    pausedMs: 0,
    pausedSince: undefined,
    status: 'awaiting_trigger',
    startAt: undefined,
    dueAt: undefined,
    metAt: undefined,
    missedAt: undefined,
  };
}

/**
 * Folds `entries` with `at <= asOf`. `deadlines` are the incident's deadline definitions (any current
 * DeadlineState; only their static parts are used): runbook clocks are re-run from the facts and holds on the
 * timeline; obligation clocks (added by the obligations engine) take their times from their own events.
 */
export function incidentAsOf(
  entries: readonly TimelineEntry[],
  asOf: string,
  deadlines: readonly clock.DeadlineState[] = [],
): AsOfState {
  const until = Date.parse(asOf);
  if (Number.isNaN(until)) throw new RangeError(`as-of time "${asOf}" is not an ISO-8601 time`);
  const state: AsOfState = {
    asOf: new Date(until).toISOString(),
    entries: 0,
    head: '',
    status: 'not_declared',
    facts: {},
    factsVersion: 0,
    phases: [],
    roles: [],
    tasksDone: [],
    approvals: [],
    holds: [],
    notices: [],
    deadlines: [],
    notes: 0,
  };
  const runbookClocks = deadlines.filter((d) => d.source !== 'obligation').map(freshClock);
  const obligationClocks = deadlines.filter((d) => d.source === 'obligation');
  const events = new Map<string, { status?: clock.DeadlineStatus; dueAt?: string; at?: string }>();
  // Obligation clocks exist from the moment the obligations engine added their duty (its timeline entry), not
  // from their trigger: a duty found later (new facts) was not known before, though its clock starts earlier.
  const duties = new Map<string, 'added' | 'removed'>();
  const facts = () => state.facts as unknown as Parameters<typeof clock.restart>[1];
  const activeHolds = () => state.holds.filter((h) => !h.endedAt);

  for (const e of entries) {
    const at = Date.parse(e.at);
    if (at > until) break;
    const d = e.details;
    state.entries += 1;
    state.head = e.hash;
    switch (e.type) {
      case 'incident.declared':
        state.status = 'open';
        state.declaredAt = e.at;
        state.declaredBy = e.actor;
        state.facts = { ...((d.facts as Record<string, unknown>) ?? {}) };
        state.factsVersion = 1;
        for (const c of runbookClocks) clock.restart(c, facts());
        break;
      case 'facts.changed':
        state.facts = { ...state.facts, ...((d.after as Record<string, unknown>) ?? {}) };
        state.factsVersion = num(d.factsVersion) ?? state.factsVersion + 1;
        for (const c of runbookClocks) clock.restart(c, facts());
        break;
      case 'role.assigned':
        state.roles.push({ personId: String(d.personId), role: String(d.role), by: e.actor, at: e.at });
        break;
      case 'phase.started':
        state.phases.push({ id: String(d.phase), status: 'active', startedAt: e.at });
        break;
      case 'phase.completed': {
        const p = state.phases.find((x) => x.id === d.phase && x.status === 'active');
        const note = d.skipped ? 'skipped' : d.forced ? 'forced' : undefined;
        if (p) Object.assign(p, { status: 'done', completedAt: e.at, note });
        else
          state.phases.push({
            id: String(d.phase),
            status: 'done',
            startedAt: e.at,
            completedAt: e.at,
            note,
          });
        break;
      }
      case 'task.completed':
        state.tasksDone.push({
          taskId: String(d.taskId),
          phase: str(d.phase),
          by: e.actor,
          at: e.at,
          note: str(d.note),
        });
        break;
      case 'note.added':
        state.notes += 1;
        break;
      case 'obligation.added':
      case 'obligation.removed':
        if (typeof d.obligation === 'string')
          duties.set(`obl-${d.obligation}`, e.type === 'obligation.added' ? 'added' : 'removed');
        break;
      case 'approval.requested':
        state.approvals = state.approvals.filter((a) => a.gateId !== d.gateId);
        state.approvals.push({
          gateId: String(d.gateId),
          status: 'pending',
          requestId: str(d.requestId),
          contentHash: str(d.contentHash),
          requestedBy: e.actor,
          requestedAt: e.at,
          votes: [],
        });
        break;
      case 'approval.granted': {
        const a = state.approvals.find((x) => x.gateId === d.gateId);
        a?.votes.push({ actor: e.actor, role: String(d.role), at: e.at, comment: str(d.comment) });
        break;
      }
      case 'approval.completed': {
        const a = state.approvals.find((x) => x.gateId === d.gateId);
        if (a) a.status = 'approved';
        break;
      }
      case 'approval.rejected': {
        const a = state.approvals.find((x) => x.gateId === d.gateId);
        if (a)
          Object.assign(a, {
            status: 'rejected',
            rejection: { actor: e.actor, reason: str(d.reason) ?? '', at: e.at },
          });
        break;
      }
      case 'hold.placed':
        state.holds.push({
          holdId: String(d.holdId),
          agency: String(d.agency),
          reference: String(d.reference),
          placedAt: e.at,
          placedBy: e.actor,
          until: str(d.until),
        });
        for (const c of runbookClocks) clock.pause(c, at);
        break;
      case 'hold.released':
      case 'hold.expired': {
        const h = state.holds.find((x) => x.holdId === d.holdId);
        if (h)
          Object.assign(h, { endedAt: e.at, ended: e.type === 'hold.released' ? 'released' : 'expired' });
        if (activeHolds().length === 0) for (const c of runbookClocks) clock.resume(c, at);
        break;
      }
      case 'notice.sent':
        state.notices.push({
          gateId: String(d.gateId),
          channel: String(d.channel),
          reference: str(d.reference),
          recipients: num(d.recipients),
          at: e.at,
          by: e.actor,
          contentHash: str(d.contentHash),
        });
        break;
      case 'deadline.reminder':
      case 'deadline.met':
      case 'deadline.missed': {
        const id = String(d.deadline);
        const c = runbookClocks.find((x) => x.id === id);
        if (e.type === 'deadline.reminder') {
          if (c && typeof d.fraction === 'number') c.remindersSent.push(d.fraction);
        } else if (c) {
          c.status =
            e.type === 'deadline.missed' ? 'missed' : ((str(d.status) ?? 'met') as clock.DeadlineStatus);
          if (e.type === 'deadline.missed') c.missedAt = at;
          else c.metAt = at;
        }
        const seen = events.get(id) ?? {};
        events.set(id, {
          status:
            e.type === 'deadline.reminder'
              ? seen.status
              : e.type === 'deadline.missed'
                ? 'missed'
                : ((str(d.status) ?? 'met') as clock.DeadlineStatus),
          dueAt: str(d.dueAt) ?? seen.dueAt,
          at: e.type === 'deadline.reminder' ? seen.at : e.at,
        });
        break;
      }
      case 'incident.closed':
        state.status = 'closed';
        state.closedAt = e.at;
        break;
      default:
        break;
    }
  }

  state.deadlines = [
    ...runbookClocks.map((c) => ({
      id: c.id,
      title: c.title,
      source: c.source,
      citation: c.citation,
      status: c.status,
      dueAt: iso(c.dueAt),
      metAt: iso(c.metAt),
      missedAt: iso(c.missedAt),
      paused: c.pausedSince !== undefined,
      remindersSent: c.remindersSent.length,
    })),
    ...obligationClocks
      .filter((c) => events.has(c.id) || (duties.has(c.id) && c.startAt !== undefined && c.startAt <= until))
      .map((c) => {
        const ev = events.get(c.id);
        const status = ev?.status ?? (duties.get(c.id) === 'removed' ? 'waived' : 'pending');
        return {
          id: c.id,
          title: c.title,
          source: c.source,
          citation: c.citation,
          status,
          dueAt: ev?.dueAt ?? iso(c.dueAt),
          metAt: status === 'met' || status === 'met_late' ? ev?.at : undefined,
          missedAt: status === 'missed' ? ev?.at : undefined,
          paused: false,
          remindersSent: 0,
        };
      }),
  ];
  return state;
}
