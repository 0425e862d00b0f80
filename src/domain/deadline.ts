// Deadline clocks: when each notice falls due, its reminders, and the pause a law-enforcement hold grants.
// Pure arithmetic over epoch milliseconds, so the workflow can drive timers from it deterministically.
import { durationMs } from './duration';
import type { IncidentFacts } from './incident';
import type { RunbookDeadline } from './runbook';

export type DeadlineStatus = 'awaiting_trigger' | 'pending' | 'met' | 'met_late' | 'missed' | 'waived';

export interface DeadlineState {
  id: string;
  title: string;
  source: 'runbook' | 'obligation';
  citation?: string;
  metBy: RunbookDeadline['metBy'] | { obligation: string };
  trigger: RunbookDeadline['from'];
  durationMs: number;
  reminders: number[];
  remindersSent: number[];
  pausedByHold: boolean;
  pausedMs: number;
  pausedSince?: number;
  startAt?: number;
  dueAt?: number;
  status: DeadlineStatus;
  metAt?: number;
  missedAt?: number;
}

export function triggerTime(trigger: RunbookDeadline['from'], facts: IncidentFacts): number | undefined {
  const iso = trigger === 'awareness' ? facts.awareAt : facts.determinedAt;
  return iso ? Date.parse(iso) : undefined;
}

export function deadlineFromRunbook(d: RunbookDeadline, facts: IncidentFacts): DeadlineState {
  const state: DeadlineState = {
    id: d.id,
    title: d.title,
    source: 'runbook',
    citation: d.citation,
    metBy: d.metBy,
    trigger: d.from,
    durationMs: durationMs(d.after),
    reminders: [...d.reminders].sort((a, b) => a - b),
    remindersSent: [],
    pausedByHold: d.pausedByHold,
    pausedMs: 0,
    status: 'awaiting_trigger',
  };
  restart(state, facts);
  return state;
}

/** Re-anchors an open clock after its trigger fact changed. */
export function restart(d: DeadlineState, facts: IncidentFacts): void {
  if (d.status !== 'awaiting_trigger' && d.status !== 'pending') return;
  const start = triggerTime(d.trigger, facts);
  d.startAt = start;
  d.status = start === undefined ? 'awaiting_trigger' : 'pending';
  d.dueAt = start === undefined ? undefined : start + d.durationMs + d.pausedMs;
}

export function pause(d: DeadlineState, now: number): void {
  if (!d.pausedByHold || d.pausedSince !== undefined || d.status !== 'pending') return;
  d.pausedSince = now;
}

export function resume(d: DeadlineState, now: number): void {
  if (d.pausedSince === undefined) return;
  d.pausedMs += Math.max(0, now - d.pausedSince);
  d.pausedSince = undefined;
  if (d.startAt !== undefined) d.dueAt = d.startAt + d.durationMs + d.pausedMs;
}

/** The time of the next reminder or the due time itself; undefined while paused, untriggered or closed. */
export function nextEventAt(d: DeadlineState): number | undefined {
  if (
    d.status !== 'pending' ||
    d.pausedSince !== undefined ||
    d.startAt === undefined ||
    d.dueAt === undefined
  )
    return undefined;
  const pending = d.reminders.find((f) => !d.remindersSent.includes(f));
  if (pending !== undefined) return d.startAt + d.pausedMs + Math.round(d.durationMs * pending);
  return d.dueAt;
}

export type DeadlineEvent = { kind: 'reminder'; fraction: number } | { kind: 'missed' };

/** Everything due at `now`: reminders whose time has come (in order), then the miss. Mutates the state. */
export function fireDue(d: DeadlineState, now: number): DeadlineEvent[] {
  const events: DeadlineEvent[] = [];
  for (;;) {
    const at = nextEventAt(d);
    if (at === undefined || at > now) return events;
    const pending = d.reminders.find((f) => !d.remindersSent.includes(f));
    if (pending !== undefined) {
      d.remindersSent.push(pending);
      events.push({ kind: 'reminder', fraction: pending });
    } else {
      d.status = 'missed';
      d.missedAt = now;
      events.push({ kind: 'missed' });
      return events;
    }
  }
}

export function markMet(d: DeadlineState, now: number): void {
  if (d.status === 'pending' || d.status === 'awaiting_trigger') {
    d.status = d.dueAt !== undefined && now > d.dueAt ? 'met_late' : 'met';
    d.metAt = now;
  } else if (d.status === 'missed') {
    d.status = 'met_late';
    d.metAt = now;
  }
}
