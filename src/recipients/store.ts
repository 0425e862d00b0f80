// The recipient store: encrypted lists under <dir>/<listHash>/ (list.sealed + meta.json with counts only, and
// meta.seal: the same metadata sealed with the codec key and bound to the list hash), read as a stream from any
// position. Lists are content-addressed and never change once written; reading the people always goes by the
// sealed metadata, so a list swapped for another's, or cut short with its meta.json edited, is refused.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RecipientListMeta, type StoredRecipient, listHashSchema } from '../domain/recipient';
import type { CodecKey } from '../crypto/keyring';
import { SealedFileError, readSealedFrames } from './sealed';

export const LIST_FILE = 'list.sealed';
export const META_FILE = 'meta.json';
export const META_SEAL_FILE = 'meta.seal';

const metaAad = (listHash: string) => Buffer.from(`breachplan-recipient-list-meta:v1:${listHash}`);

/** Writes meta.seal next to meta.json in a list's directory (the import's work directory). */
export function sealListMeta(listDirPath: string, meta: RecipientListMeta, key: CodecKey): void {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv, { authTagLength: 16 });
  cipher.setAAD(metaAad(meta.listHash));
  const data = Buffer.concat([cipher.update(JSON.stringify(meta)), cipher.final()]);
  const sealed = {
    keyId: key.id,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
  writeFileSync(join(listDirPath, META_SEAL_FILE), JSON.stringify(sealed), { mode: 0o600 });
}

/** The list's metadata as the import sealed it: authentic, and about this list hash. */
export function readSealedListMeta(dir: string, listHash: string, keys: CodecKey[]): RecipientListMeta {
  readListMeta(dir, listHash); // a missing list says so first
  const file = join(listDir(dir, listHash), META_SEAL_FILE);
  if (!existsSync(file))
    throw new SealedFileError(
      `recipient list ${listHash.slice(0, 12)}… has no sealed metadata (stored by an older version): import the file again`,
    );
  let meta: RecipientListMeta;
  try {
    const sealed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    const key = keys.find((k) => k.id === sealed.keyId);
    if (!key) throw new Error(`no key "${sealed.keyId}"`);
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(sealed.iv!, 'base64'), {
      authTagLength: 16,
    });
    decipher.setAAD(metaAad(listHash));
    decipher.setAuthTag(Buffer.from(sealed.tag!, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data!, 'base64')), decipher.final()]);
    meta = JSON.parse(plain.toString('utf8')) as RecipientListMeta;
  } catch (err) {
    throw new SealedFileError(
      `recipient list ${listHash.slice(0, 12)}…: its sealed metadata failed authentication (tampered, another list's, or wrong key): ${(err as Error).message}`,
    );
  }
  if (meta.listHash !== listHash || !meta.fileId)
    throw new SealedFileError(`recipient list ${listHash.slice(0, 12)}…: sealed metadata of another list`);
  return meta;
}

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
): AsyncGenerator<{ index: number; recipient: StoredRecipient }> {
  const meta = readSealedListMeta(dir, listHash, keys);
  let frameIndex = 0;
  for (let i = 0; i < meta.frames.length; i++) if (meta.frames[i]!.first <= from) frameIndex = i;
  const frame = meta.frames[frameIndex];
  let index = frame?.first ?? 0;
  if (frame) {
    for await (const lines of readSealedFrames(join(listDir(dir, listHash), LIST_FILE), keys, {
      offset: frame.offset,
      index: frameIndex,
      first: frame.first,
      frames: meta.frames.length,
      fileId: meta.fileId,
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
