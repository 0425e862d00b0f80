// The audit sink: every timeline entry the workflow records, handed out of the sandbox. Live workers ignore it;
// `breachplan replay` registers it with callDuringReplay to rebuild the timeline the current code produces.
import type { Sinks } from '@temporalio/workflow';
import type { TimelineEntry } from '../src/domain/timeline';

export interface AuditSinks extends Sinks {
  audit: { timelineEntry(entry: TimelineEntry): void };
}

/** The patch id guarding the archive step at close (histories recorded before it replay without it). */
export const ARCHIVE_ON_CLOSE_PATCH = 'archive-on-close';
