// Archives a closed incident: its raw history (fetched without decoding, so payloads stay encrypted as
// Temporal stored them) and its signed timeline export, written to the archive store. Idempotent: a retry
// rewrites the same files.
import { Context } from '@temporalio/activity';
import type { temporal } from '@temporalio/proto';
import { ArchiveStore, encodeHistory, fetchRawHistory, sha256File } from '../src/audit/archive';
import { buildExport, serializeExport } from '../src/audit/export';
import type { Signer } from '../src/audit/signing';
import { workflowIdFor } from '../src/domain/incident';
import type { TimelineEntry } from '../src/domain/timeline';
import type { IncidentView } from '../src/domain/incident-view';
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
  timeline: TimelineEntry[];
}

export interface ArchiveResult {
  dir: string;
  entries: number;
  events: number;
  historySha256: string;
}

export function createArchiveActivities(deps: ArchiveDeps | undefined) {
  const store = deps && new ArchiveStore(deps.archiveDir);
  return {
    async archiveIncident(req: ArchiveRequest): Promise<ArchiveResult> {
      if (!deps || !store)
        throw activityFailure('ArchiveNotConfigured', 'this worker has no archive configured');
      const last = req.timeline[req.timeline.length - 1];
      if ((last?.hash ?? '') !== req.view.timelineHead)
        throw activityFailure('ArchiveMismatch', 'the timeline does not end at the snapshot head');
      const info = Context.current().info;
      const workflowId = info.workflowExecution?.workflowId ?? workflowIdFor(req.incidentId);
      const runId = info.workflowExecution?.runId ?? '';
      const history = await fetchRawHistory(deps.workflowService(), info.workflowNamespace ?? 'default', {
        workflowId,
        runId,
      });
      const bytes = encodeHistory(history);
      const historySha256 = sha256File(bytes);
      const doc = buildExport(
        {
          view: req.view,
          timeline: req.timeline,
          source: 'archive',
          history: { workflowId, runId, events: history.events?.length ?? 0, sha256: historySha256 },
        },
        deps.signer(),
      );
      const { dir } = store.write(req.incidentId, { history: bytes, timeline: serializeExport(doc) });
      return { dir, entries: req.timeline.length, events: history.events?.length ?? 0, historySha256 };
    },
  };
}
