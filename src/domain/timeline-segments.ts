// Sealed timeline segments: an incident's older timeline entries leave workflow state in segments of a few
// hundred, encrypted at rest, named by the hash of their content and chained to each other and to the live
// tail, so the whole timeline reads (and verifies) as one chain while the workflow carries only its end.
import { hashCanonical } from './hash';
import { GENESIS_HASH, type TimelineEntry } from './timeline';

export interface SegmentRef {
  /** SHA-256 of the canonical JSON of the entries: the segment's name in the store. */
  id: string;
  fromSeq: number;
  toSeq: number;
  /** The prevHash of the first entry (the last hash of the segment before, or the genesis hash). */
  prevHash: string;
  /** The hash of the last entry: the next segment (or the live tail) starts from it. */
  lastHash: string;
}

/** The entries that stay live; once a run holds keep + size entries the oldest size are sealed. */
export const SEGMENT_SIZE = 500;
export const LIVE_TAIL = 200;
/** Bytes bound the same way (notes may be long): a sealed segment stays far below Temporal's 2 MB payload. */
export const SEGMENT_BYTES = 512 * 1024;
export const LIVE_TAIL_BYTES = 768 * 1024;

export function segmentId(entries: TimelineEntry[]): string {
  return hashCanonical(entries);
}

export function segmentRefOf(entries: TimelineEntry[]): SegmentRef {
  const first = entries[0];
  const last = entries[entries.length - 1];
  if (!first || !last) throw new Error('a segment holds at least one entry');
  return {
    id: segmentId(entries),
    fromSeq: first.seq,
    toSeq: last.seq,
    prevHash: first.prevHash,
    lastHash: last.hash,
  };
}

/**
 * Checks that refs form one chain from the genesis (each starts where the previous ended), and that the
 * tail starts where the last ref ends. Returns a sentence saying what is wrong, or null.
 */
export function chainProblem(refs: SegmentRef[], tail: TimelineEntry[]): string | null {
  let seq = 0;
  let hash = GENESIS_HASH;
  for (const r of refs) {
    if (r.fromSeq !== seq + 1 || r.prevHash !== hash)
      return `segment ${r.id.slice(0, 12)} (entries ${r.fromSeq}-${r.toSeq}) does not follow entry ${seq}`;
    seq = r.toSeq;
    hash = r.lastHash;
  }
  const first = tail[0];
  if (first && (first.seq !== seq + 1 || first.prevHash !== hash))
    return `the live timeline (from entry ${first.seq}) does not follow the sealed segments (to entry ${seq})`;
  return null;
}
