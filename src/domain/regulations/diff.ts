// Compares two obligation lists by id so the workflow can record why duties appeared, vanished or changed
// when the facts change (a new state crosses a threshold, an encryption finding removes a duty...).
import type { Obligation, ObligationChange, ObligationDiff } from './obligation';

/** Fields whose change matters to the plan; prose-only changes to `reason` are not reported alone. */
const TRACKED_FIELDS = [
  'status',
  'due',
  'internalTarget',
  'deadline',
  'recipient',
  'authority',
  'jurisdiction',
  'citation',
  'template',
  'missing',
] as const satisfies readonly (keyof Obligation)[];

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function show(value: unknown): string {
  if (value === undefined || value === null) return 'none';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function diffObligations(before: readonly Obligation[], after: readonly Obligation[]): ObligationDiff {
  const old = new Map(before.map((o) => [o.id, o]));
  const now = new Map(after.map((o) => [o.id, o]));
  const added = after.filter((o) => !old.has(o.id));
  const removed = before.filter((o) => !now.has(o.id));
  const changed: ObligationChange[] = [];
  for (const next of after) {
    const prev = old.get(next.id);
    if (!prev) continue;
    const fields = TRACKED_FIELDS.filter((f) => !same(prev[f], next[f]));
    if (fields.length === 0) continue;
    const what = fields.map((f) => `${f}: ${show(prev[f])} → ${show(next[f])}`).join('; ');
    changed.push({ id: next.id, fields, before: prev, after: next, reason: `${what} (${next.reason})` });
  }
  return { added, removed, changed };
}
