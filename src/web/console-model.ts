// What the console tells people who must decide: the next legal deadline (legal clocks come only from the
// obligations engine; a runbook's deadlines are the company's internal targets), what the incident waits for and
// on whom (by name), and each person's own queue. Pure: computed from the workflow's view and the directory.
import { type GateState, checkApproval, checkRejection, openSeats } from '../domain/approval';
import type { DeadlineState } from '../domain/deadline';
import { type IncidentView, effectiveStatus } from '../domain/incident-view';
import { HOLDERS, SENDERS } from '../domain/incident-rules';
import type { Actor, Role, RoleDirectory } from '../domain/roles';
import { when } from './views';

export type Tone = 'ok' | 'warn' | 'bad' | 'muted';

export function duration(ms: number): string {
  const m = Math.max(0, Math.round(ms / 60_000));
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  if (d > 0) return `${d}d ${h}h`;
  return h > 0 ? `${h}h ${m % 60}m` : `${m}m`;
}

export const isLegal = (d: Pick<DeadlineState, 'source'>) => d.source === 'obligation';

/**
 * A deadline's clock in words, with a tone for the eye (late is red, the last quarter amber). A closed incident
 * has no running clock: what was still open says so, frozen at the close. A runbook deadline is an internal
 * target: passing it is not a missed legal deadline.
 */
export function clockOf(
  d: DeadlineState,
  now: number,
  closedAt?: string,
): { text: string; tone: Tone; overdueMs?: number; leftMs?: number } {
  const legal = isLegal(d);
  const open = d.status === 'pending' || d.status === 'awaiting_trigger';
  if (closedAt && open) {
    const at = Date.parse(closedAt);
    const late = d.dueAt !== undefined && d.dueAt < at;
    return {
      text: `not met when the incident closed ${when(closedAt)}${
        d.dueAt === undefined ? '' : late ? ` (${duration(at - d.dueAt)} after it was due)` : ''
      }`,
      tone: 'muted',
    };
  }
  switch (d.status) {
    case 'awaiting_trigger':
      return { text: 'not started: waiting for the fact that starts it', tone: 'muted' };
    case 'met':
      return { text: `met ${when(d.metAt)}`, tone: 'ok' };
    case 'met_late':
      return { text: `met late ${when(d.metAt)}`, tone: 'warn' };
    case 'waived':
      return { text: 'waived', tone: 'muted' };
    case 'missed': {
      const over = d.dueAt === undefined ? 0 : (closedAt ? Date.parse(closedAt) : now) - d.dueAt;
      return legal
        ? {
            text: `missed: was due ${when(d.dueAt)}, overdue by ${duration(over)}; the notice is still owed (say why it is late)`,
            tone: 'bad',
            overdueMs: over,
          }
        : { text: `target passed: was due ${when(d.dueAt)} (${duration(over)} ago)`, tone: 'warn' };
    }
    case 'pending': {
      if (d.dueAt === undefined) return { text: 'pending', tone: 'muted' };
      const left = d.dueAt - (d.pausedSince ?? now);
      if (d.pausedSince !== undefined)
        return { text: `paused by a hold with ${duration(left)} left`, tone: 'warn', leftMs: left };
      if (left < 0)
        return legal
          ? { text: `overdue by ${duration(-left)}`, tone: 'bad', overdueMs: -left }
          : { text: `target passed ${duration(-left)} ago`, tone: 'warn' };
      return { text: `${duration(left)} left`, tone: left < d.durationMs / 4 ? 'warn' : 'ok', leftMs: left };
    }
  }
}

export const personName = (a?: Pick<Actor, 'id' | 'name'>) =>
  a ? (a.name ? `${a.name} (${a.id})` : a.id) : '—';

/** The people who hold `role` here: those assigned it on this incident first, else the directory's. */
export function peopleFor(role: Role, v: IncidentView, dir: RoleDirectory | undefined): string[] {
  const byId = new Map((dir?.people ?? []).map((p) => [p.id, p]));
  const assigned = v.assignments.filter((a) => a.role === role).map((a) => a.personId);
  const ids = assigned.length
    ? assigned
    : (dir?.people ?? []).filter((p) => p.roles.includes(role)).map((p) => p.id);
  return [...new Set(ids)].map((id) => personName({ id, name: byId.get(id)?.name }));
}

export interface Step {
  /** What must happen, in words. */
  what: string;
  /** Who can do it: roles and, by name, the people who hold them. */
  who: string;
  /** Ids of the people who can do it (for "waiting for me"). */
  people: string[];
  tone: Tone;
  href?: string;
  /** A reason recorded with the state (a rejection's, a hold's agency). */
  detail?: string;
}

const phaseActive = (v: IncidentView, phase: string) =>
  v.phases.some((p) => p.id === phase && p.status === 'active');

function gateDeadline(v: IncidentView, g: GateState, now: number): string {
  const d = v.deadlines
    .filter((x) => isLegal(x) && 'gate' in x.metBy && x.metBy.gate === g.id && x.status === 'pending')
    .sort((a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity))[0];
  return d ? ` — ${clockOf(d, now).text}` : '';
}

/**
 * What the incident waits for, and on whom: approvals to give, notices to record or send, rejected drafts to
 * redo, holds that pause notices, required tasks of the active phases, and the phase to advance.
 */
export function nextSteps(
  v: IncidentView,
  dir: RoleDirectory | undefined,
  now: number,
  href: { approval: (gateId: string) => string } = { approval: () => '' },
): Step[] {
  if (v.status === 'closed') return [];
  const idsFor = (roles: Role[]) => {
    const names = new Set<string>();
    for (const r of roles) {
      const assigned = v.assignments.filter((a) => a.role === r).map((a) => a.personId);
      const ids = assigned.length
        ? assigned
        : (dir?.people ?? []).filter((p) => p.roles.includes(r)).map((p) => p.id);
      ids.forEach((id) => names.add(id));
    }
    return [...names];
  };
  const whoFor = (roles: Role[], exclude: string[] = []) => {
    const ids = idsFor(roles).filter((id) => !exclude.includes(id));
    const byId = new Map((dir?.people ?? []).map((p) => [p.id, p]));
    const names = ids.map((id) => personName({ id, name: byId.get(id)?.name }));
    return { who: `${roles.join(' or ')}${names.length ? `: ${names.join(', ')}` : ''}`, people: ids };
  };
  const steps: Step[] = [];
  const holds = v.holds.filter((h) => !h.endedAt);
  for (const g of v.gates) {
    const due = gateDeadline(v, g, now);
    if (g.status === 'pending') {
      const seats = [...openSeats(g)];
      const voted = g.votes.map((x) => x.actor.id);
      const requester = g.requestedBy ? [g.requestedBy.id] : [];
      const w = whoFor(
        seats.map(([r]) => r),
        [...voted, ...requester],
      );
      steps.push({
        what: `Approve or reject the draft of ${g.title} (still needed: ${seats.map(([r, n]) => `${n} × ${r}`).join(', ')})${due}`,
        ...w,
        tone: due.includes('overdue') ? 'bad' : 'warn',
        href: href.approval(g.id),
      });
    } else if (g.status === 'rejected') {
      steps.push({
        what: `Request a new draft of ${g.title}: the last one was rejected${due}`,
        ...whoFor(['commander', 'responder', 'legal']),
        tone: 'bad',
        href: href.approval(g.id),
        detail: g.rejection
          ? `Rejected by ${personName(g.rejection.actor)}, ${when(g.rejection.at)}: ${g.rejection.reason}`
          : undefined,
      });
    } else if (g.status === 'approved' && !g.noticeSent) {
      const customer = g.kind === 'customer_notice';
      const held = customer && holds.length > 0;
      steps.push({
        what: held
          ? `${g.title} is approved but held: a law-enforcement hold stops customer notices`
          : customer
            ? `Send the approved ${g.title} (start the campaign, or record it as sent)${due}`
            : `File the approved ${g.title} and record it as sent (reference and receipt)${due}`,
        ...whoFor(SENDERS),
        tone: held ? 'muted' : 'warn',
        href: href.approval(g.id),
      });
    } else if (g.status === 'not_requested' && phaseActive(v, g.phase)) {
      steps.push({
        what: `Request approval of ${g.title}${due}`,
        ...whoFor(['commander', 'responder', 'legal']),
        tone: due ? 'warn' : 'muted',
        href: href.approval(g.id),
      });
    }
  }
  for (const d of undecidedDuties(v, now))
    steps.push({
      what: `Decide whether ${d.title} applies — ${d.text.replace(/^may apply: counsel must decide /, '')}`,
      ...whoFor(['legal']),
      tone: d.tone,
      detail: d.reason,
    });
  for (const h of holds)
    steps.push({
      what: `Customer notices are paused by a hold from ${h.agency} (${h.reference})${h.until ? ` until ${when(h.until)}` : ''}: release it when the agency allows`,
      ...whoFor(HOLDERS),
      tone: 'muted',
    });
  const active = new Set(v.phases.filter((p) => p.status === 'active').map((p) => p.id));
  const openTasks = v.tasks.filter((t) => t.status === 'open' && t.required && active.has(t.phase));
  for (const t of openTasks) {
    const late = t.dueAt !== undefined && Date.parse(t.dueAt) < now;
    steps.push({
      what: `Task: ${t.title}${t.dueAt ? (late ? ` (was due ${when(t.dueAt)})` : ` (due ${when(t.dueAt)})`) : ''}`,
      ...whoFor([t.owner]),
      tone: late ? 'warn' : 'muted',
    });
  }
  if (active.size > 0 && openTasks.length === 0 && v.phases.some((p) => p.status === 'pending'))
    steps.push({
      what: 'Every required task of the active phase is done: advance to the next phase',
      ...whoFor(['commander']),
      tone: 'ok',
    });
  return steps;
}

/**
 * Duties the obligations engine could not settle from the facts (needs more info) that have a legal due time:
 * no clock runs for them, yet the time does; counsel decides whether they apply.
 */
export function undecidedDuties(v: IncidentView, now: number) {
  return v.obligations
    .filter((o) => effectiveStatus(o) === 'needs_more_info' && o.due)
    .map((o) => {
      const dueAt = Date.parse(o.due!);
      const left = dueAt - now;
      const time = left < 0 ? `overdue by ${duration(-left)}` : `${duration(left)} left`;
      return {
        id: o.id,
        title: `${o.authority ?? o.recipient} (${o.jurisdiction})`,
        dueAt,
        citation: o.citation,
        text: `may apply: counsel must decide (${time})`,
        tone: (left < 0 ? 'bad' : 'warn') as Tone,
        reason: o.reason,
      };
    })
    .sort((a, b) => a.dueAt - b.dueAt);
}

/** The legal clock that falls due first (pending or missed, or a duty counsel must still decide). */
export function nextLegalClock(v: IncidentView, now: number) {
  if (v.status === 'closed') return undefined;
  const live = v.deadlines
    .filter((d) => isLegal(d) && (d.status === 'pending' || d.status === 'missed') && d.dueAt !== undefined)
    .sort((a, b) => a.dueAt! - b.dueAt!)[0];
  const clock = live && {
    title: live.title,
    dueAt: live.dueAt!,
    citation: live.citation,
    ...clockOf(live, now),
  };
  const undecided = undecidedDuties(v, now)[0];
  if (undecided && (!clock || undecided.dueAt < clock.dueAt)) return undecided;
  return clock;
}

export const PHASE_WORDS: Record<string, string> = {
  triage: 'Triage',
  contain: 'Contain',
  investigate: 'Investigate',
  notify_customers: 'Notify customers',
  inform_authorities: 'Inform authorities',
  remediate: 'Remediate',
  review: 'Review and close',
};

/** The phase (or phases, joined by +) in words, from the view's names or from a search attribute's ids. */
export function phaseWords(v: Pick<IncidentView, 'phases'> | string | undefined): string {
  if (v === undefined || v === '') return '—';
  if (typeof v === 'string')
    return v
      .split('+')
      .map((p) => PHASE_WORDS[p] ?? p.replace(/_/g, ' '))
      .join(' + ');
  return (
    v.phases
      .filter((p) => p.status === 'active')
      .map((p) => p.name)
      .join(' + ') || '—'
  );
}

/** Whether this person can approve or reject this gate now, and if not, why (the workflow's own rules). */
export function decisionRights(
  g: GateState,
  v: IncidentView,
  actor: Actor,
): { approve: boolean; reject: boolean; why?: string } {
  if (g.status !== 'pending' || !g.draft || v.status !== 'open') return { approve: false, reject: false };
  const ask = { requestId: g.requestId, contentHash: g.draft.contentHash };
  const reason = (fn: () => unknown) => {
    try {
      fn();
      return undefined;
    } catch (err) {
      return (err as Error).message;
    }
  };
  const noApprove = reason(() => checkApproval(g, actor, ask, v.factsVersion));
  const noReject = reason(() => checkRejection(g, actor, ask, v.factsVersion));
  return { approve: !noApprove, reject: !noReject, why: noApprove ?? noReject };
}
