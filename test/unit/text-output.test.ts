// One rule for characters that must never reach a reader raw (ANSI/OSC escapes, C1 controls, bidi overrides):
// every output (CLI text and JSON, CSV, HTML report and pages, Slack) shows them, and the schemas refuse them.
import { csvCell, renderCsv } from '../../src/audit/csv';
import { esc } from '../../src/audit/report';
import { clean, jsonForTerminal } from '../../src/cli/output';
import { addNoteSchema, assignRoleSchema, describeIssues } from '../../src/domain/commands';
import { factsPatchSchema } from '../../src/domain/incident';
import { neutralise, unsafeTextReason } from '../../src/domain/text';
import { createSlackTemplates, escapeMrkdwn } from '../../src/slack-kit/format';
import { neutraliseDeep } from '../../src/web/views';
import { join } from 'node:path';

const HOSTILE = 'Ctrl \u001b[31mRED\u001b[0m \u001b]0;pwned\u0007 \u009b2J rtl\u202eexe.fdp \u2066iso\u2069';
const CAROL = { id: 'carol', name: 'Carol', roles: ['commander' as const], source: 'cli' as const };
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('text that reaches a reader', () => {
  it('shows escapes and bidi overrides instead of running them, keeping tabs and line ends', () => {
    expect(neutralise(HOSTILE)).toBe(
      'Ctrl \\x1b[31mRED\\x1b[0m \\x1b]0;pwned\\x07 \\x9b2J rtl\\u202eexe.fdp \\u2066iso\\u2069',
    );
    expect(neutralise('a\tb\nc\r\nd\re')).toBe('a\tb\nc\nd\\x0de');
    expect(neutralise('Zoë 東京 \u200f')).toBe('Zoë 東京 \u200f');
  });

  it('is applied by every output: CLI text and JSON, CSV, HTML, Slack mrkdwn and blocks, web pages', () => {
    for (const out of [
      clean(HOSTILE),
      jsonForTerminal({ title: HOSTILE }),
      csvCell(HOSTILE),
      esc(HOSTILE),
      escapeMrkdwn(HOSTILE),
      (neutraliseDeep({ a: [{ b: HOSTILE }] }) as { a: { b: string }[] }).a[0]!.b,
    ])
      expect(out).not.toMatch(RAW);
    expect(JSON.parse(jsonForTerminal({ title: HOSTILE }))).toEqual({ title: HOSTILE });
    const templates = createSlackTemplates(join(__dirname, '..', '..', 'templates'));
    const status = JSON.stringify(templates.render('notice', { text: HOSTILE, icon: ':memo:' }));
    expect(JSON.parse(status)).toBeTruthy();
    expect(JSON.stringify(JSON.parse(status))).not.toMatch(/\\u001b|\\u0007/);
    expect(status).not.toMatch(RAW);
  });

  it('defuses spreadsheet formulas after neutralising', () => {
    for (const f of ['=HYPERLINK("x")', '+1', '-1', '@SUM(A1)', '\tx', '\u001b=1'])
      expect(csvCell(f)).toMatch(/^"?'|^\\x1b/);
    const csv = renderCsv({
      entries: [
        {
          seq: 1,
          at: '2026-11-24T09:30:00.000Z',
          type: 'note.added',
          actor: { id: 'carol', name: '=cmd|x', roles: ['commander'], source: 'cli' },
          summary: HOSTILE,
          details: { text: HOSTILE },
          hash: 'h',
          prevHash: '',
        } as never,
      ],
      state: { deadlines: [] } as never,
    });
    expect(csv.replace(/\r\n/g, '')).not.toMatch(RAW);
    expect(csv).toContain(",'=cmd|x,");
  });

  it('is refused at the schemas of new input, naming the field and the character', () => {
    expect(unsafeTextReason('fine\r\nlines\tand tabs')).toBeUndefined();
    expect(unsafeTextReason('one\nline', false)).toMatch(/\\x0a at character 4/);
    const note = addNoteSchema.safeParse({ actor: CAROL, text: HOSTILE });
    expect(note.success).toBe(false);
    expect(describeIssues(note.error!)).toMatch(
      /^text: must not contain control characters or bidi overrides/,
    );
    const person = assignRoleSchema.safeParse({
      actor: CAROL,
      personId: 'bob\u202e',
      role: 'scribe',
    });
    expect(person.success).toBe(false);
    expect(describeIssues(person.error!)).toMatch(/personId: .*\\u202e/);
    const patch = factsPatchSchema.safeParse({ title: 'x\u001b]0;t\u0007', summary: 'ok\nok' });
    expect(describeIssues(patch.error!)).toMatch(/^title: must not contain/);
    expect(factsPatchSchema.safeParse({ summary: 'two\r\nlines' }).success).toBe(true);
  });
});
