import { NEVER_IN_TEXT, neutralise } from '../domain/text';

// Readable tables for people, JSON for scripts.
export function table(headers: string[], rows: (string | number | undefined | null)[][]): string {
  const cells = rows.map((r) => r.map((c) => (c === undefined || c === null ? '-' : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

export function print(json: boolean | undefined, value: unknown, human: () => string): void {
  process.stdout.write(json ? `${jsonForTerminal(value)}\n` : human());
}

/** Text for a terminal: control characters (ANSI/OSC escapes) and bidi overrides are shown, not run. */
export const clean: (text: string) => string = neutralise;

const RAW_IN_JSON = new RegExp(`[${NEVER_IN_TEXT}]`, 'g');

/**
 * JSON as printed: JSON.stringify escapes C0 controls already; DEL, C1 and bidi overrides, which it leaves raw, are
 * escaped too (they can only occur inside strings, so the text stays the same JSON).
 */
export function jsonForTerminal(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    RAW_IN_JSON,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
