// The embedded stack's generated secrets (codec keyring, edge signing key, session secret, audit signing key):
// each a file under the data directory, readable by its owner only. One loader for all of them.
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The secret in `file`: read and parsed, after taking group and world access away if the file had any; or,
 * when there is none yet, made (`create`: its text and the value it stands for), written with mode 0600 in an
 * owner-only directory, and returned. When another process writes it first, theirs is read.
 */
export function loadOrCreateSecretFile<T>(
  file: string,
  o: { parse: (text: string) => T; create: () => { text: string; value: T } },
): T {
  if (existsSync(file)) return readSecretFile(file, o.parse);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const made = o.create();
  try {
    writeFileSync(file, made.text, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readSecretFile(file, o.parse);
    throw err;
  }
  return made.value;
}

function readSecretFile<T>(file: string, parse: (text: string) => T): T {
  if (statSync(file).mode & 0o077) chmodSync(file, 0o600);
  return parse(readFileSync(file, 'utf8'));
}
