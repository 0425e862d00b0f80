// Text limits shared by the workflow and the edges: what is shown of a long text, and how it is cut; and the
// one rule for characters that must never reach a reader raw (terminal escapes, bidi overrides).

/** Shortens text to at most `max` characters, marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * DEL, the C1 controls (ESC starts ANSI/OSC sequences, CSI is C1 0x9b), and the bidi embeddings, overrides and
 * isolates (U+202A–202E, U+2066–2069) that make text read other than it is: never allowed, in any text. As the
 * inside of a regex character class.
 */
export const NEVER_IN_TEXT = '\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069';

/** A regex for one unsafe character: a C0 control other than those in `allow` (e.g. '\t\n'), or NEVER_IN_TEXT. */
export function unsafeCharacters(allow = '', flags = ''): RegExp {
  let c0 = '';
  for (let n = 0; n < 0x20; n++)
    if (!allow.includes(String.fromCharCode(n))) c0 += `\\u${n.toString(16).padStart(4, '0')}`;
  return new RegExp(`[${c0}${NEVER_IN_TEXT}]`, flags);
}

// What output neutralises: every C0 control but tab and newline.
const UNSAFE = unsafeCharacters('\t\n', 'g');
// What multi-line input may not hold: the same but CR too (a browser's textarea sends CRLF).
const UNSAFE_ONE = unsafeCharacters('\t\n\r');
// Every C0 control, tab, CR and newline too: for one-line text (titles, names, ids).
const UNSAFE_LINE = unsafeCharacters();

const visible = (c: string) => {
  const n = c.charCodeAt(0);
  return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
};

/**
 * Text as a reader may see it: every control character and bidi override shown as `\x1b` / `\u202e`, never
 * run. Every output (CLI tables and text, CSV, HTML, Slack mrkdwn) passes user text through this.
 */
export function neutralise(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(UNSAFE, visible);
}

/**
 * The reason a text is refused at an edge, or undefined when it is fine. Multi-line text (notes, summaries,
 * reasons) may hold tabs and line ends (LF, CRLF); one-line text (titles, names) may not.
 */
export function unsafeTextReason(text: string, multiline = true): string | undefined {
  const m = (multiline ? UNSAFE_ONE : UNSAFE_LINE).exec(text);
  if (!m) return undefined;
  return `must not contain control characters or bidi overrides (found ${visible(m[0])} at character ${m.index + 1})`;
}
