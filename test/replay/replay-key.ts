// The fixed, test-only key the saved replay histories are encrypted with (see replay-key.txt).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CodecKey, parseCodecKeys } from '../../src/temporal/codec';

export const REPLAY_KEY_FILE = join(__dirname, 'replay-key.txt');

export function loadReplayKeys(): CodecKey[] {
  const lines = readFileSync(REPLAY_KEY_FILE, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  return parseCodecKeys(lines.join(','));
}
