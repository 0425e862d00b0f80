// The archive of closed incidents: Temporal deletes closed histories after retention, so at close the
// workflow stores (through the archiveIncident activity) its signed timeline export and its raw history —
// payloads still encrypted exactly as Temporal stored them — in a directory per incident.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { incidentIdSchema } from '../domain/incident';

export type History = temporal.api.history.v1.IHistory;
type WorkflowService = temporal.api.workflowservice.v1.WorkflowService;

export const ARCHIVE_FILES = { timeline: 'timeline.json', history: 'history.binpb' } as const;

/** An earlier run of a continued-as-new incident: `history.<runId>.binpb` beside the last run's. */
const RUN_ID = /^[0-9a-f-]{8,64}$/i;
export const earlierRunFile = (runId: string) => {
  if (!RUN_ID.test(runId)) throw new Error(`"${runId}" is not a Temporal run id`);
  return `history.${runId.toLowerCase()}.binpb`;
};

/** Every event of a run, page by page, without decoding a single payload. */
export async function fetchRawHistory(
  service: WorkflowService,
  namespace: string,
  execution: { workflowId: string; runId?: string },
): Promise<History> {
  const events: temporal.api.history.v1.IHistoryEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await service.getWorkflowExecutionHistory({ namespace, execution, nextPageToken });
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return { events };
}

/**
 * Every run of a workflow still on the server, oldest first, ending at `runId` (default: the latest run):
 * each run's first event names the run it continued from. Runs already deleted after retention end the walk.
 */
export async function fetchRunChain(
  service: WorkflowService,
  namespace: string,
  workflowId: string,
  runId?: string,
): Promise<History[]> {
  const chain = [await fetchRawHistory(service, namespace, { workflowId, ...(runId ? { runId } : {}) })];
  for (;;) {
    const prev = chain[0]!.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
    if (!prev) return chain;
    try {
      chain.unshift(await fetchRawHistory(service, namespace, { workflowId, runId: prev }));
    } catch {
      return chain;
    }
  }
}

export function encodeHistory(history: History): Uint8Array {
  return temporal.api.history.v1.History.encode(history).finish();
}

export function decodeHistory(bytes: Uint8Array): History {
  return temporal.api.history.v1.History.decode(bytes);
}

/** The run id in a history: its first event's original execution run id (set on every started event). */
export function runIdOf(history: History): string {
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
  return started?.originalExecutionRunId ?? '';
}

export const sha256File = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

export class ArchiveMissingError extends Error {
  override name = 'ArchiveMissingError';
}

export class ArchiveStore {
  constructor(readonly dir: string) {}

  private folder(incidentId: string): string {
    // The id names a directory: only ids of the documented shape, never a path.
    return join(this.dir, incidentIdSchema.parse(incidentId));
  }

  has(incidentId: string): boolean {
    return existsSync(join(this.folder(incidentId), ARCHIVE_FILES.timeline));
  }

  /** Writes both files atomically (temp file + rename), so a retried activity never leaves half a file. */
  write(
    incidentId: string,
    files: { history: Uint8Array; timeline: string; earlierRuns?: { runId: string; bytes: Uint8Array }[] },
  ): { dir: string } {
    const dir = this.folder(incidentId);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const put = (name: string, data: Uint8Array | string) => {
      const tmp = join(dir, `.${name}.${process.pid}.tmp`);
      writeFileSync(tmp, data, { mode: 0o600 });
      renameSync(tmp, join(dir, name));
    };
    // The runs first and the signed export last: an export on disk names only histories already written.
    for (const run of files.earlierRuns ?? []) put(earlierRunFile(run.runId), run.bytes);
    put(ARCHIVE_FILES.history, files.history);
    put(ARCHIVE_FILES.timeline, files.timeline);
    return { dir };
  }

  private read(incidentId: string, name: string): Buffer {
    const file = join(this.folder(incidentId), name);
    if (!existsSync(file)) throw new ArchiveMissingError(`${incidentId} is not in the archive (${file})`);
    return readFileSync(file);
  }

  readTimelineText(incidentId: string): string {
    return this.read(incidentId, ARCHIVE_FILES.timeline).toString('utf8');
  }

  readHistoryBytes(incidentId: string): Buffer {
    return this.read(incidentId, ARCHIVE_FILES.history);
  }

  /** An earlier run's raw history, by the run id the signed export lists. */
  readRunBytes(incidentId: string, runId: string): Buffer {
    return this.read(incidentId, earlierRunFile(runId));
  }

  readHistory(incidentId: string): History {
    return decodeHistory(this.readHistoryBytes(incidentId));
  }
}
