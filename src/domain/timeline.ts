// The timeline: every change to an incident, with time, actor, source and details, hash-chained so that
// any later edit of an exported copy is detectable.
import { hashCanonical } from './hash';
import type { Actor } from './roles';

export const TIMELINE_TYPES = [
  'incident.declared',
  'facts.changed',
  'role.assigned',
  'phase.started',
  'phase.completed',
  'task.completed',
  'note.added',
  'approval.requested',
  'approval.granted',
  'approval.rejected',
  'approval.completed',
  'approval.compliance_overridden',
  'hold.placed',
  'hold.released',
  'hold.expired',
  'notice.sent',
  'campaign.started',
  'campaign.paused',
  'campaign.resumed',
  'campaign.cancelled',
  'campaign.completed',
  'campaign.failed',
  'deadline.reminder',
  'deadline.met',
  'deadline.missed',
  'obligation.added',
  'obligation.removed',
  'obligation.changed',
  'obligation.overridden',
  'incident.closed',
  'slack.channel_archived',
  'slack.channel_archive_failed',
  'alert.received',
  'webhook.redelivered',
] as const;
export type TimelineType = (typeof TIMELINE_TYPES)[number];

export interface TimelineEntry {
  seq: number;
  at: string;
  type: TimelineType;
  actor: Actor;
  summary: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The hash of an entry: SHA-256 over the canonical JSON of everything but the hash itself. */
export function entryHash(entry: Omit<TimelineEntry, 'hash'>): string {
  return hashCanonical({
    seq: entry.seq,
    at: entry.at,
    type: entry.type,
    actor: entry.actor,
    summary: entry.summary,
    details: entry.details,
    prevHash: entry.prevHash,
  });
}

export function appendEntry(
  timeline: TimelineEntry[],
  draft: { at: string; type: TimelineType; actor: Actor; summary: string; details?: Record<string, unknown> },
): TimelineEntry {
  const prev = timeline[timeline.length - 1];
  const base = {
    seq: timeline.length + 1,
    at: draft.at,
    type: draft.type,
    actor: draft.actor,
    summary: draft.summary,
    details: draft.details ?? {},
    prevHash: prev ? prev.hash : GENESIS_HASH,
  };
  const entry = { ...base, hash: entryHash(base) };
  timeline.push(entry);
  return entry;
}

/** Checks the chain; returns the seq of the first entry that does not match, or null when intact. */
export function firstBrokenEntry(timeline: TimelineEntry[]): number | null {
  let prev = GENESIS_HASH;
  for (const entry of timeline) {
    const { hash, ...rest } = entry;
    if (entry.prevHash !== prev || entryHash(rest) !== hash) return entry.seq;
    prev = hash;
  }
  return null;
}
