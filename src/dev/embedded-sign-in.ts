// The embedded stack's example people can sign in at once: one token each (only hashes in the tokens file),
// kept with the app's address in <data dir>/embedded-sign-in.json (0600) for `breachplan login --embedded`.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RoleDirectory } from '../domain/roles';
import { TokenStore, addToken, hashToken } from '../web/tokens';

export const EMBEDDED_SIGN_IN_FILE = 'embedded-sign-in.json';

export interface EmbeddedSignIn {
  server: string;
  tokens: Record<string, string>;
}

/** Reuses the tokens of the last start that are still in the tokens file; mints the missing ones. */
export function ensureEmbeddedSignIn(
  dataDir: string,
  tokensFile: string,
  directory: RoleDirectory,
  server: string,
): { file: string; signIn: EmbeddedSignIn } {
  const file = join(dataDir, EMBEDDED_SIGN_IN_FILE);
  let previous: Record<string, string> = {};
  if (existsSync(file)) {
    try {
      previous = (JSON.parse(readFileSync(file, 'utf8')) as EmbeddedSignIn).tokens ?? {};
    } catch {
      previous = {};
    }
  }
  const store = new TokenStore(tokensFile);
  const tokens: Record<string, string> = {};
  for (const person of directory.people) {
    const old = previous[person.id];
    tokens[person.id] =
      old && store.userOfHash(hashToken(old)) === person.id
        ? old
        : addToken(tokensFile, person.id, 'embedded stack example person');
  }
  const signIn = { server, tokens };
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(signIn, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
  return { file, signIn };
}
