// The timeline as CSV for spreadsheets: one row per entry (details as canonical JSON), then one row per
// deadline with its due time and outcome. Cells that a spreadsheet would run as a formula are defused.
import { canonicalJson } from '../domain/hash';
import { neutralise } from '../domain/text';
import type { TimelineExport } from './export';

const HEADERS = [
  'seq',
  'at',
  'type',
  'actor',
  'actor_name',
  'actor_roles',
  'source',
  'summary',
  'details',
  'hash',
];

export function csvCell(value: unknown): string {
  let text = neutralise(value === undefined || value === null ? '' : String(value));
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(doc: Pick<TimelineExport, 'entries' | 'state'>): string {
  const rows: unknown[][] = doc.entries.map((e) => [
    e.seq,
    e.at,
    e.type,
    e.actor.id,
    e.actor.name,
    e.actor.roles.join(' '),
    e.actor.source,
    e.summary,
    canonicalJson(e.details),
    e.hash,
  ]);
  for (const d of doc.state.deadlines) {
    rows.push([
      '',
      d.dueAt,
      'deadline.status',
      '',
      '',
      '',
      'system',
      `${d.title}: ${d.status}`,
      canonicalJson({
        deadline: d.id,
        status: d.status,
        dueAt: d.dueAt,
        metAt: d.metAt,
        missedAt: d.missedAt,
      }),
      '',
    ]);
  }
  return [HEADERS, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
