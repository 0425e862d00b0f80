// Where the codec keys come from: BREACHPLAN_CODEC_KEYS, or in the embedded stack a keyring generated once
// under the data directory with owner-only permissions.
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config';
import {
  CodecKeyError,
  type CodecKey,
  formatCodecKeys,
  generateCodecKey,
  parseCodecKeys,
} from '../crypto/keyring';

export const EMBEDDED_KEYRING_FILE = 'codec-keys';

export function loadCodecKeys(config: Pick<Config, 'mode' | 'codecKeys' | 'dataDir'>): CodecKey[] {
  if (config.codecKeys) return parseCodecKeys(config.codecKeys);
  if (config.mode === 'production') {
    throw new CodecKeyError('BREACHPLAN_CODEC_KEYS is required in production: refusing to run unencrypted');
  }
  return loadOrCreateEmbeddedKeyring(config.dataDir);
}

export function loadOrCreateEmbeddedKeyring(dataDir: string): CodecKey[] {
  const file = join(dataDir, EMBEDDED_KEYRING_FILE);
  if (existsSync(file)) {
    const mode = statSync(file).mode & 0o777;
    if (mode & 0o077) chmodSync(file, 0o600);
    return parseCodecKeys(readFileSync(file, 'utf8'));
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const keys = [generateCodecKey(`embedded-${new Date().toISOString().slice(0, 10)}`)];
  writeFileSync(file, formatCodecKeys(keys) + '\n', { mode: 0o600, flag: 'wx' });
  return keys;
}
