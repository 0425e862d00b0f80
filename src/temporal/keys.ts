// Where the codec keys come from: BREACHPLAN_CODEC_KEYS, or in the embedded stack a keyring generated once
// under the data directory with owner-only permissions.
import { join } from 'node:path';
import type { Config } from '../config';
import {
  CodecKeyError,
  type CodecKey,
  formatCodecKeys,
  generateCodecKey,
  parseCodecKeys,
} from '../crypto/keyring';
import { loadOrCreateSecretFile } from '../crypto/secret-file';

export const EMBEDDED_KEYRING_FILE = 'codec-keys';

export function loadCodecKeys(config: Pick<Config, 'mode' | 'codecKeys' | 'dataDir'>): CodecKey[] {
  if (config.codecKeys) return parseCodecKeys(config.codecKeys);
  if (config.mode === 'production') {
    throw new CodecKeyError('BREACHPLAN_CODEC_KEYS is required in production: refusing to run unencrypted');
  }
  return loadOrCreateEmbeddedKeyring(config.dataDir);
}

export function loadOrCreateEmbeddedKeyring(dataDir: string): CodecKey[] {
  return loadOrCreateSecretFile(join(dataDir, EMBEDDED_KEYRING_FILE), {
    parse: (text) => parseCodecKeys(text),
    create: () => {
      const keys = [generateCodecKey(`embedded-${new Date().toISOString().slice(0, 10)}`)];
      return { text: formatCodecKeys(keys) + '\n', value: keys };
    },
  });
}
