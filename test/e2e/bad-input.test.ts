// Bad input at every edge, as the reliability review typed it: terminal escapes and bidi overrides in free
// text, a future awareness time, hostile or missing files, reserved keys in a facts patch. Each is refused
// with exit 2 (CLI) or 400 (API) naming the flag or field, or shown neutralised, never run.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIRECTORY } from '../support/people';
import { type CliApp, startCliApp } from '../support/cli';
import { startTestStack, type TestStack } from '../support/temporal';

const dir = mkdtempSync(join(tmpdir(), 'bp-bad-input-'));
const file = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const HOSTILE = 'Ctrl \u001b[31mRED\u001b[0m \u001b]0;pwned\u0007 rtl\u202eexe.fdp';
/** No ESC, BEL, C1 control or bidi override reaches the reader. */
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('bad input at every edge', () => {
  let stack: TestStack;
  let app: CliApp;
  let incidentId: string;
  beforeAll(async () => {
    stack = await startTestStack({ directory: DIRECTORY });
    app = await startCliApp(stack);
    const r = await app.cli('carol', 'declare', '--title', 'Plain title', '--severity', 'sev2', '--json');
    expect(r.err).toBe('');
    incidentId = (JSON.parse(r.out) as { incidentId: string }).incidentId;
  });
  afterAll(async () => {
    await app?.stop();
    await stack?.stop();
  });

  it('refuses control characters and bidi overrides in titles and notes, naming the field', async () => {
    const title = await app.cli('carol', 'declare', '--title', HOSTILE, '--severity', 'sev2');
    expect(title.code).toBe(2);
    expect(title.err).toMatch(/^refused: body: title: must not contain control characters or bidi overrides/);
    expect(title.err).not.toMatch(RAW);
    const note = await app.cli('carol', 'note', incidentId, `hello \u001b]0;pwned\u0007`);
    expect(note.code).toBe(2);
    expect(note.err).toMatch(/text: must not contain control characters/);
    const bidi = await app.cli(
      'carol',
      'facts',
      incidentId,
      '--set',
      'title=abc\u202egnp.exe',
      '--reason',
      'x',
    );
    expect(bidi.code).toBe(2);
    expect(bidi.err).toMatch(/patch\.title: must not contain .*\\u202e/);
    // A note may span lines.
    expect((await app.cli('carol', 'note', incidentId, 'line one\nline two')).code).toBe(0);
  });

  it('refuses a future awareness time at every declare and facts change', async () => {
    const later = new Date(Date.now() + 24 * 3600_000).toISOString();
    const d = await app.cli(
      'carol',
      'declare',
      '--title',
      'Future',
      '--severity',
      'sev2',
      '--aware-at',
      later,
    );
    expect(d.code).toBe(2);
    expect(d.err).toMatch(/awareAt: must not be in the future/);
    const f = await app.cli('carol', 'facts', incidentId, '--set', `awareAt=${later}`, '--reason', 'x');
    expect(f.code).toBe(2);
    expect(f.err).toMatch(/patch\.awareAt: must not be in the future/);
  });

  it('exits 2 naming the flag for a missing or hostile runbook and a negative estimate', async () => {
    const missing = await app.cli(
      'carol',
      'declare',
      '--title',
      'Runbook',
      '--severity',
      'sev2',
      '--runbook',
      join(dir, 'nope.yaml'),
    );
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^refused: --runbook .*nope\.yaml: no such file/);
    const laughs = file(
      'laughs.yaml',
      [
        'a: &a ["x","x","x","x","x","x","x","x","x"]',
        ...'bcdefghi'
          .split('')
          .map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
      ].join('\n'),
    );
    const hostile = await app.cli(
      'carol',
      'declare',
      '--title',
      'Runbook',
      '--severity',
      'sev2',
      '--runbook',
      laughs,
    );
    expect(hostile.code).toBe(2);
    expect(hostile.err).toMatch(/^refused: --runbook .*laughs\.yaml: /);
    const estimated = await app.cli(
      'carol',
      'declare',
      '--title',
      'Estimate',
      '--severity',
      'sev2',
      '--estimated',
      '-1',
    );
    expect(estimated.code).toBe(2);
    expect(estimated.err).toMatch(/--estimated/);
  });

  it('refuses __proto__ and constructor keys in a facts patch by name', async () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const r = await app.cli(
        'carol',
        'facts',
        incidentId,
        '--set',
        `${key}={"polluted":"yes"}`,
        '--reason',
        'x',
      );
      expect(r.code).toBe(2);
      expect(r.err).toContain(`--set: "${key}" is not a fact`);
    }
  });

  it('exits 2 naming an unknown incident and an unreadable import file', async () => {
    const unknown = await app.cli('carol', 'status', 'INC-20260101-ZZZZZZ');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^refused: no incident INC-20260101-ZZZZZZ/);
    const unreadable = await app.cli('carol', 'recipients', 'import', incidentId, dir);
    expect(unreadable.code).toBe(2);
    expect(unreadable.err).toMatch(/^refused: .*: cannot read: (EISDIR|is a directory)/i);
    expect(unreadable.err).not.toMatch(/node:events|at .*\.js:\d+/);
  });
});
