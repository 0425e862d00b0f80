import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { registerObligationsCommand, runObligationsCommand } from '../../../src/cli/obligations';

const ROOT = resolve(__dirname, '../../..');
const FIXTURE = join(ROOT, 'test/fixtures/facts/multi-jurisdiction.json');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: (t: string) => void out.push(t),
      stderr: (t: string) => void err.push(t),
      readFile: (p: string) => require('node:fs').readFileSync(p, 'utf8') as string,
    },
  };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'breachplan-obligations-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeFacts(name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

describe('runObligationsCommand', () => {
  it('prints a table for valid facts', () => {
    const c = capture();
    expect(runObligationsCommand({ facts: FIXTURE }, c.io)).toBe(0);
    const text = c.out.join('');
    expect(text).toMatch(/^id\s+jurisdiction\s+recipient\s+status\s+due\s+citation/);
    expect(text).toMatch(/us-sec-8k-item-1-05\s+US\s+regulator\s+required\s+2026-12-03T04:59:59.999Z/);
    expect(text).toMatch(/\d+ obligation\(s\): \d+ required/);
    expect(c.err).toEqual([]);
  });

  it('prints {"obligations": [...]} with --json', () => {
    const c = capture();
    expect(runObligationsCommand({ facts: FIXTURE, json: true }, c.io)).toBe(0);
    const parsed = JSON.parse(c.out.join('')) as { obligations: { id: string }[] };
    expect(parsed.obligations.map((o) => o.id)).toContain('eu-gdpr-art33');
  });

  it('exits 2 naming each bad field', () => {
    const file = writeFacts('bad.json', {
      awareAt: 'yesterday',
      dataCategories: ['name', 'ssn', 'horoscope'],
      encrypted: false,
      keyCompromised: false,
      affected: [{ country: 'US', region: 'CA-QC', count: -3 }],
    });
    const c = capture();
    expect(runObligationsCommand({ facts: file }, c.io)).toBe(2);
    const lines = c.err.join('').trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^error: awareAt: /),
        expect.stringMatching(/^error: dataCategories\[2\]: /),
        expect.stringMatching(/^error: affected\[0\]\.count: /),
      ]),
    );
    expect(c.out).toEqual([]);
  });

  it.each([
    ['UK', 'error: affected[0].country: UK is not an ISO 3166 code: did you mean GB (United Kingdom)?'],
    ['EL', "error: affected[0].country: EL is the EU's code for Greece, not ISO 3166: did you mean GR?"],
    ['XX', 'error: affected[0].country: XX is not an ISO 3166-1 alpha-2 country code'],
  ])('exits 2 for country %s with the hint', (country, line) => {
    const file = writeFacts(`country-${country}.json`, {
      awareAt: '2026-11-20T10:00:00Z',
      dataCategories: ['name'],
      encrypted: false,
      keyCompromised: false,
      affected: [{ country, count: 3 }],
    });
    const c = capture();
    expect(runObligationsCommand({ facts: file }, c.io)).toBe(2);
    expect(c.err.join('')).toBe(`${line}\n`);
    expect(c.out).toEqual([]);
  });

  it('prints the coverage table with --coverage, and JSON with --json', () => {
    const c = capture();
    expect(runObligationsCommand({ coverage: true }, c.io)).toBe(0);
    const text = c.out.join('');
    expect(text).toMatch(/^jurisdiction\s+recipient\s+deadline\s+citation\s+reviewed\s+id/);
    expect(text).toMatch(
      /\nCH\s+regulator\s+without undue delay\s+revFADP Art\. 24\(1\) †\s+2026-12-01\s+ch-fadp-regulator/,
    );
    expect(text).toMatch(/\d+ rules in \d+ jurisdictions/);
    const j = capture();
    expect(runObligationsCommand({ coverage: true, json: true }, j.io)).toBe(0);
    const parsed = JSON.parse(j.out.join('')) as { summary: { rules: number }; rules: { id: string }[] };
    expect(parsed.rules).toHaveLength(parsed.summary.rules);
  });

  it('exits 2 without --facts or --coverage', () => {
    const c = capture();
    expect(runObligationsCommand({}, c.io)).toBe(2);
    expect(c.err.join('')).toMatch(/^error: --facts: required/);
  });

  it('exits 2 for unreadable or non-JSON files', () => {
    const c = capture();
    expect(runObligationsCommand({ facts: writeFacts('broken.json', '{ nope') }, c.io)).toBe(2);
    expect(runObligationsCommand({ facts: join(dir, 'missing.json') }, c.io)).toBe(2);
    expect(c.err.join('')).toMatch(/^error: --facts: cannot read JSON/);
  });
});

describe('registerObligationsCommand', () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('sets exit code 2 through commander for bad facts', async () => {
    const file = writeFacts('neg.json', {
      awareAt: '2026-11-20T10:00:00Z',
      dataCategories: [],
      encrypted: false,
      keyCompromised: false,
      affected: [{ country: 'US', count: -1 }],
    });
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const program = new Command().exitOverride();
      registerObligationsCommand(program);
      await program.parseAsync(['node', 'breachplan', 'obligations', '--facts', file]);
      expect(process.exitCode).toBe(2);
      expect(write).toHaveBeenCalledWith(expect.stringMatching(/^error: affected\[0\]\.count: /));
    } finally {
      write.mockRestore();
    }
  });

  it('runs as a real process via tsx', () => {
    const script = writeFacts(
      'entry.ts',
      [
        `import { Command } from ${JSON.stringify(require.resolve('commander'))};`,
        `import { registerObligationsCommand } from ${JSON.stringify(join(ROOT, 'src/cli/obligations'))};`,
        'const program = new Command();',
        'registerObligationsCommand(program);',
        'program.parse();',
      ].join('\n'),
    );
    const bad = writeFacts('bad-region.json', {
      awareAt: '2026-11-20T10:00:00Z',
      dataCategories: ['name'],
      encrypted: false,
      keyCompromised: false,
      affected: [{ country: 'US', region: 'GB-LND', count: 1 }],
    });
    const tsx = join(ROOT, 'node_modules/.bin/tsx');
    const failed = spawnSync(tsx, [script, 'obligations', '--facts', bad], { cwd: ROOT, encoding: 'utf8' });
    expect(failed.status).toBe(2);
    expect(failed.stderr).toMatch(/error: affected\[0\]\.region: /);
    const uk = writeFacts('uk.json', {
      awareAt: '2026-11-20T10:00:00Z',
      dataCategories: ['name'],
      encrypted: false,
      keyCompromised: false,
      affected: [{ country: 'UK', count: 1 }],
    });
    const refused = spawnSync(tsx, [script, 'obligations', '--facts', uk], { cwd: ROOT, encoding: 'utf8' });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(
      'error: affected[0].country: UK is not an ISO 3166 code: did you mean GB',
    );
    const ok = spawnSync(tsx, [script, 'obligations', '--facts', FIXTURE, '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).obligations.length).toBeGreaterThan(5);
  });
});
