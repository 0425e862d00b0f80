// Web tokens at rest: `breachplan operator web-token` prints a token once and keeps only its SHA-256; the store re-reads
// the file when it changes, and a file that no longer parses accepts no token at all.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { TokenStore, addToken, hashToken } from '../../src/web/tokens';
import { runCliProcess } from '../support/cli';
import { DIRECTORY } from '../support/people';

describe('web tokens file', () => {
  const scratch = () => mkdtempSync(join(tmpdir(), 'bp-tokens-'));

  it('`breachplan operator web-token` prints the token once and stores only its hash, for people in the directory', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'roles.yaml'), stringify(DIRECTORY));
    const env = { ...process.env, BREACHPLAN_DATA_DIR: dir, BREACHPLAN_ROLES_FILE: join(dir, 'roles.yaml') };
    const minted = await runCliProcess(
      env,
      'operator',
      'web-token',
      'audrey@example.test',
      '--label',
      'audit laptop',
    );
    expect(minted.code).toBe(0);
    const token = minted.out.trim();
    expect(token).toMatch(/^bpt_[A-Za-z0-9_-]{43}$/);
    expect(minted.err).toContain(`token for audrey (auditor) added to ${join(dir, 'web-tokens.yaml')}`);

    const file = join(dir, 'web-tokens.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(token);
    expect(text).toContain(`sha256: ${hashToken(token)}`);
    expect(text).toContain('user: audrey');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(new TokenStore(file).userOfHash(hashToken(token))).toBe('audrey');

    const stranger = await runCliProcess(env, 'operator', 'web-token', 'mallory');
    expect(stranger.code).toBe(2);
    expect(stranger.err).toContain('mallory is not in the role directory');
  });

  it('re-reads the file when it changes and fails closed when it no longer parses', () => {
    const file = join(scratch(), 'web-tokens.yaml');
    const store = new TokenStore(file);
    expect(store.size).toBe(0);
    const lena = addToken(file, 'lena');
    const leo = addToken(file, 'leo', 'second');
    expect(store.userOfHash(hashToken(lena))).toBe('lena');
    expect(store.userOfHash(hashToken(leo))).toBe('leo');
    expect(store.userOfHash(hashToken('bpt_guess'))).toBeUndefined();

    writeFileSync(file, `${readFileSync(file, 'utf8')}\n  - sha256: not-a-hash\n    user: eve\n`);
    expect(store.userOfHash(hashToken(lena))).toBeUndefined();
    expect(store.problem()).toMatch(
      /BREACHPLAN_WEB_TOKENS_FILE .*: tokens\.2\.sha256: the SHA-256 of the token/,
    );
    expect(() => addToken(file, 'rick')).toThrow(/tokens\.2\.sha256/);

    writeFileSync(file, 'tokens: []\n');
    const rick = addToken(file, 'rick');
    expect(store.problem()).toBeUndefined();
    expect(store.userOfHash(hashToken(rick))).toBe('rick');
    expect(store.userOfHash(hashToken(lena))).toBeUndefined();
  });
});
