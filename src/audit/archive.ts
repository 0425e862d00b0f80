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
 * Every run of a workflow still on the server, oldest first: each run's first event names the run it
 * continued from. Runs already deleted after retention end the walk.
 */
export async function fetchRunChain(
  service: WorkflowService,
  namespace: string,
  workflowId: string,
): Promise<History[]> {
  const chain = [await fetchRawHistory(service, namespace, { workflowId })];
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
  write(incidentId: string, files: { history: Uint8Array; timeline: string }): { dir: string } {
    const dir = this.folder(incidentId);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const put = (name: string, data: Uint8Array | string) => {
      const tmp = join(dir, `.${name}.${process.pid}.tmp`);
      writeFileSync(tmp, data, { mode: 0o600 });
      renameSync(tmp, join(dir, name));
    };
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

  readHistory(incidentId: string): History {
    return decodeHistory(this.readHistoryBytes(incidentId));
  }
}
