// The signed timeline export: the incident snapshot, its hash-chained timeline entries, and an Ed25519
// signature over the canonical JSON (RFC 8785) of everything else. Written one entry per line, so a damaged
// file can still be traced to the entry it breaks.
import { type AsOfState, incidentAsOf } from '../domain/as-of';
import { canonicalJson } from '../domain/hash';
import type { TimelineEntry } from '../domain/timeline';
import type { IncidentView } from '../domain/incident-view';
import type { Signer } from './signing';

export const EXPORT_FORMAT = 'breachplan.timeline-export/v1';

export interface HistoryReference {
  workflowId: string;
  runId: string;
  events: number;
  /** SHA-256 of the archived raw history file (protobuf, payloads encrypted as Temporal stored them). */
  sha256: string;
  /**
   * Every run of an incident that continued as new, oldest first, the last one being this reference's own
   * run; each archived beside it with its SHA-256. Absent in archives of single-run incidents before v0.2.
   */
  runs?: RunReference[];
}

export interface RunReference {
  runId: string;
  events: number;
  sha256: string;
}

export interface ExportSignature {
  algorithm: 'Ed25519';
  /** What was signed: the canonical JSON of the export without this member. */
  signed: 'RFC8785(export - signature)';
  keyId: string;
  publicKey: string;
  value: string;
}

export interface TimelineExport {
  format: typeof EXPORT_FORMAT;
  incidentId: string;
  exportedAt: string;
  source: 'temporal' | 'archive';
  /** Set when the export stops at a moment: entries up to it, and the state rebuilt from them. */
  asOf: string | null;
  incident: IncidentView;
  state: AsOfState;
  history: HistoryReference | null;
  chain: { algorithm: 'sha256(RFC8785(entry - hash))'; length: number; head: string };
  entries: TimelineEntry[];
  signature: ExportSignature;
}

export type UnsignedExport = Omit<TimelineExport, 'signature'>;

export interface BuildExportInput {
  view: IncidentView;
  timeline: TimelineEntry[];
  source: TimelineExport['source'];
  asOf?: string;
  history?: HistoryReference;
  exportedAt?: Date;
}

/** The later of the export time and the last entry (a worker's clock may run ahead of the exporter's). */
function latest(exportedAt: string, entries: TimelineEntry[]): string {
  const last = entries[entries.length - 1]?.at;
  return last && last > exportedAt ? last : exportedAt;
}

export function buildExport(input: BuildExportInput, signer: Signer): TimelineExport {
  const exportedAt = (input.exportedAt ?? new Date()).toISOString();
  const asOf = input.asOf ? new Date(Date.parse(input.asOf)).toISOString() : null;
  const entries = asOf ? input.timeline.filter((e) => e.at <= asOf) : [...input.timeline];
  const unsigned: UnsignedExport = {
    format: EXPORT_FORMAT,
    incidentId: input.view.incidentId,
    exportedAt,
    source: input.source,
    asOf,
    incident: input.view,
    state: incidentAsOf(entries, asOf ?? latest(exportedAt, entries), input.view.deadlines),
    history: input.history ?? null,
    chain: {
      algorithm: 'sha256(RFC8785(entry - hash))',
      length: entries.length,
      head: entries[entries.length - 1]?.hash ?? '',
    },
    entries,
  };
  return signExport(unsigned, signer);
}

export function signExport(unsigned: UnsignedExport, signer: Signer): TimelineExport {
  const body = JSON.parse(JSON.stringify(unsigned)) as UnsignedExport;
  return {
    ...body,
    signature: {
      algorithm: 'Ed25519',
      signed: 'RFC8785(export - signature)',
      keyId: signer.keyId,
      publicKey: signer.publicKeyPem,
      value: signer.sign(canonicalJson(body)),
    },
  };
}

/** Pretty JSON with one timeline entry per line (entries and signature last). */
export function serializeExport(doc: TimelineExport): string {
  const { entries, signature, ...head } = doc;
  const headText = JSON.stringify(head, null, 2);
  const entryLines = entries.map((e) => `    ${JSON.stringify(e)}`).join(',\n');
  const sig = JSON.stringify(signature, null, 2).replace(/\n/g, '\n  ');
  return `${headText.slice(0, -2)},\n  "entries": [\n${entryLines}\n  ],\n  "signature": ${sig}\n}\n`;
}
