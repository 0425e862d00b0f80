// Archives a closed incident: its raw history (fetched without decoding, so payloads stay encrypted as
// Temporal stored them) and its signed timeline export, written to the archive store. Idempotent: a retry
// rewrites the same files.
import { Context } from '@temporalio/activity';
import type { temporal } from '@temporalio/proto';
import { ArchiveStore, encodeHistory, fetchRunChain, runIdOf, sha256File } from '../src/audit/archive';
import { buildExport, serializeExport } from '../src/audit/export';
import type { Signer } from '../src/audit/signing';
import { workflowIdFor } from '../src/domain/incident';
import type { TimelineEntry } from '../src/domain/timeline';
import type { SegmentRef } from '../src/domain/timeline-segments';
import type { CodecKey } from '../src/crypto/keyring';
import type { IncidentView } from '../src/domain/incident-view';
import { SegmentStore } from '../src/audit/segments';
import { activityFailure } from './failure';

export interface ArchiveDeps {
  archiveDir: string;
  /** The deployment's signing key, loaded on first use (a missing key fails the activity, which retries). */
  signer: () => Signer;
  /** A Temporal connection's raw workflow service: histories are fetched without the codec. */
  workflowService: () => temporal.api.workflowservice.v1.WorkflowService;
}

export interface ArchiveRequest {
  incidentId: string;
  view: IncidentView;
  /** The live timeline; with segments, only its tail (the sealed part is read back from the store). */
  timeline: TimelineEntry[];
  segments?: SegmentRef[];
}

export interface SealRequest {
  incidentId: string;
  entries: TimelineEntry[];
  prevId: string | null;
}

export interface ArchiveResult {
  dir: string;
  entries: number;
  events: number;
  historySha256: string;
}

export function createArchiveActivities(deps: ArchiveDeps | undefined, keys: CodecKey[]) {
  const store = deps && new ArchiveStore(deps.archiveDir);
  const segments = deps && new SegmentStore(deps.archiveDir, keys);
  return {
    /** Seals the oldest live timeline entries into an encrypted, content-addressed segment. */
    async sealTimelineSegment(req: SealRequest): Promise<SegmentRef> {
      if (!segments) throw activityFailure('ArchiveNotConfigured', 'this worker has no archive configured');
      return segments.write(req.incidentId, req.entries, req.prevId);
    },
    async archiveIncident(input: ArchiveRequest): Promise<ArchiveResult> {
      if (!deps || !store || !segments)
        throw activityFailure('ArchiveNotConfigured', 'this worker has no archive configured');
      const req = input.segments?.length
        ? { ...input, timeline: await segments.readAll(input.incidentId, input.segments, input.timeline) }
        : input;
      const tail = req.timeline[req.timeline.length - 1];
      if ((tail?.hash ?? '') !== req.view.timelineHead)
        throw activityFailure('ArchiveMismatch', 'the timeline does not end at the snapshot head');
      const info = Context.current().info;
      const workflowId = info.workflowExecution?.workflowId ?? workflowIdFor(req.incidentId);
      const runId = info.workflowExecution?.runId ?? '';
      // Every run of the incident (it continues as new on long incidents), each hashed, the chain signed.
      const chain = await fetchRunChain(
        deps.workflowService(),
        info.workflowNamespace ?? 'default',
        workflowId,
        runId || undefined,
      );
      const encoded = chain.map((h, i) => {
        const bytes = encodeHistory(h);
        return {
          runId: i === chain.length - 1 && runId ? runId : runIdOf(h),
          bytes,
          events: h.events?.length ?? 0,
          sha256: sha256File(bytes),
        };
      });
      // The current run: its history is the archive's history file, the earlier ones go beside it.
      const last = encoded[encoded.length - 1]!;
      const doc = buildExport(
        {
          view: req.view,
          timeline: req.timeline,
          source: 'archive',
          history: {
            workflowId,
            runId,
            events: last.events,
            sha256: last.sha256,
            runs: encoded.map((r) => ({ runId: r.runId, events: r.events, sha256: r.sha256 })),
          },
        },
        deps.signer(),
      );
      const { dir } = store.write(req.incidentId, {
        history: last.bytes,
        timeline: serializeExport(doc),
        earlierRuns: encoded.slice(0, -1).map((r) => ({ runId: r.runId, bytes: r.bytes })),
      });
      return { dir, entries: req.timeline.length, events: last.events, historySha256: last.sha256 };
    },
  };
}
