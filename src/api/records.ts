// An incident's record for the auditor's reads (timeline exports, as-of): live from Temporal or, when its
// history is gone (or when asked), the archive written at close, trusted only as far as it verifies.
import type { Client } from '@temporalio/client';
import { ArchiveMissingError, ArchiveStore } from '../audit/archive';
import { type TimelineExport, buildExport } from '../audit/export';
import { type Signer, parsePublicKeyPem } from '../audit/signing';
import { verifyExportText } from '../audit/verify';
import type { Actor } from '../domain/roles';
import type { TimelineEntry } from '../domain/timeline';
import { incidentHandle } from '../temporal/incidents';
import { IncidentNotVisibleError, assertVisible, isWorkflowNotFound } from '../temporal/incident-reads';
import { ApiProblem } from './problem';
import * as msg from '../../workflows/messages';

export type IncidentRecord =
  | { kind: 'temporal'; view: msg.IncidentView; timeline: TimelineEntry[] }
  | { kind: 'archive'; doc: TimelineExport; text: string };

export interface RecordDeps {
  client: Client;
  archiveDir: string;
  signer: () => Signer;
}

function readArchive(d: RecordDeps, id: string): IncidentRecord {
  let text: string;
  try {
    text = new ArchiveStore(d.archiveDir).readTimelineText(id);
  } catch (err) {
    if (err instanceof ArchiveMissingError) throw new IncidentNotVisibleError(id);
    throw err;
  }
  let pinned;
  try {
    pinned = parsePublicKeyPem(d.signer().publicKeyPem, 'signing key');
  } catch {
    pinned = undefined;
  }
  const check = verifyExportText(text, pinned);
  // A damaged archive is refused, not served: the server's fault, not the reader's.
  if (!check.ok)
    throw new ApiProblem(
      500,
      'archive_damaged',
      `the archived timeline of ${id} does not verify: ${check.message}`,
    );
  const doc = JSON.parse(text) as TimelineExport;
  if (doc.incidentId !== id)
    throw new ApiProblem(500, 'archive_damaged', `the archive folder of ${id} holds ${doc.incidentId}`);
  return { kind: 'archive', doc, text };
}

/** The record `reader` may see: live, or archived when Temporal no longer has it (or `fromArchive`). */
export async function loadRecord(
  d: RecordDeps,
  id: string,
  reader: Actor,
  fromArchive = false,
): Promise<IncidentRecord> {
  if (!fromArchive) {
    const handle = incidentHandle(d.client, id);
    try {
      const view = await handle.query(msg.getIncident);
      assertVisible(reader, view);
      return { kind: 'temporal', view, timeline: await handle.query(msg.getTimeline) };
    } catch (err) {
      if (!isWorkflowNotFound(err)) throw err;
    }
  }
  const record = readArchive(d, id);
  if (record.kind === 'archive') assertVisible(reader, record.doc.incident);
  return record;
}

export function exportOf(d: RecordDeps, r: IncidentRecord, asOf?: string): TimelineExport {
  if (r.kind === 'archive' && !asOf) return r.doc;
  const base =
    r.kind === 'archive'
      ? { view: r.doc.incident, timeline: r.doc.entries, history: r.doc.history ?? undefined }
      : { view: r.view, timeline: r.timeline };
  return buildExport({ ...base, source: r.kind, asOf }, d.signer());
}
