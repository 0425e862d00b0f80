// An incident's whole timeline as the edges read it: the sealed segments from the segment store, then the
// live tail from the workflow, checked to be one hash chain. Segments only grow, so the tail is asked first
// and the index after it: the index then names every segment before the tail.
import type { WorkflowHandle } from '@temporalio/client';
import { SegmentStore } from '../audit/segments';
import type { TimelineEntry } from '../domain/timeline';
import * as msg from '../../workflows/messages';
import type { CodecKey } from './codec';

export interface TimelineSource {
  archiveDir: string;
  keys: CodecKey[];
}

export async function readTimeline(handle: WorkflowHandle, source: TimelineSource): Promise<TimelineEntry[]> {
  const tail = await handle.query(msg.getTimeline);
  const first = tail[0];
  if (!first || first.seq === 1) return tail;
  const index = await handle.query(msg.getTimelineIndex);
  const refs = index.segments.filter((r) => r.toSeq < first.seq);
  return new SegmentStore(source.archiveDir, source.keys).readAll(
    handle.workflowId.replace(/^incident-/, ''),
    refs,
    tail,
  );
}
