// The recipient store: encrypted lists under <dir>/<listHash>/ (list.sealed + meta.json with counts only),
// read as a stream from any position. Lists are content-addressed and never change once written.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RecipientListMeta, type StoredRecipient, listHashSchema } from '../domain/recipient';
import type { CodecKey } from '../crypto/keyring';
import { SealedFileError, readSealedFrames } from './sealed';

export const LIST_FILE = 'list.sealed';
export const META_FILE = 'meta.json';

export class RecipientStoreError extends Error {
  override name = 'RecipientStoreError';
}

export function listDir(dir: string, listHash: string): string {
  return join(dir, listHashSchema.parse(listHash));
}

export function readListMeta(dir: string, listHash: string): RecipientListMeta {
  const file = join(listDir(dir, listHash), META_FILE);
  if (!existsSync(file))
    throw new RecipientStoreError(`no recipient list ${listHash.slice(0, 12)}… in ${dir} (import it first)`);
  return JSON.parse(readFileSync(file, 'utf8')) as RecipientListMeta;
}

/** Recipients from position `from` (0-based) to the end, with their positions; one frame in memory at a time. */
export async function* readRecipients(
  dir: string,
  listHash: string,
  keys: CodecKey[],
  from = 0,
  meta = readListMeta(dir, listHash),
): AsyncGenerator<{ index: number; recipient: StoredRecipient }> {
  let frameIndex = 0;
  for (let i = 0; i < meta.frames.length; i++) if (meta.frames[i]!.first <= from) frameIndex = i;
  const frame = meta.frames[frameIndex];
  let index = frame?.first ?? 0;
  if (frame) {
    for await (const lines of readSealedFrames(join(listDir(dir, listHash), LIST_FILE), keys, {
      offset: frame.offset,
      index: frameIndex,
      frames: meta.frames.length,
    })) {
      for (const line of lines) {
        if (index >= from) yield { index, recipient: JSON.parse(line) as StoredRecipient };
        index += 1;
      }
    }
  }
  // Read to the end: every person the import counted came out, or the list is damaged (never a short send).
  if (index !== meta.total)
    throw new SealedFileError(
      `recipient list ${listHash.slice(0, 12)}… holds ${index} of its ${meta.total} records (truncated or damaged)`,
    );
}
