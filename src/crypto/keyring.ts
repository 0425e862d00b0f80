// Key material and the one AES-256-GCM framing (iv | ciphertext | tag) that the Temporal payload codec and
// the sealed recipient files both use; below every other layer, like samples-typescript's encryption/crypto.ts.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const IV_BYTES = 12;
export const TAG_BYTES = 16;

export interface CodecKey {
  id: string;
  key: Buffer;
}

export class CodecKeyError extends Error {
  override name = 'CodecKeyError';
}

/** Parse `keyId=base64,keyId2=base64`; the first key encrypts, all of them decrypt (rotation). */
export function parseCodecKeys(spec: string): CodecKey[] {
  const keys = spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq <= 0)
        throw new CodecKeyError(`BREACHPLAN_CODEC_KEYS: "${part.slice(0, 20)}…" is not keyId=base64`);
      const id = part.slice(0, eq);
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(id)) {
        throw new CodecKeyError(`BREACHPLAN_CODEC_KEYS: key id "${id}" must be 1-64 of [A-Za-z0-9._-]`);
      }
      const key = Buffer.from(part.slice(eq + 1), 'base64');
      if (key.length !== 32) {
        throw new CodecKeyError(
          `BREACHPLAN_CODEC_KEYS: key "${id}" decodes to ${key.length} bytes, expected 32`,
        );
      }
      return { id, key };
    });
  if (keys.length === 0) throw new CodecKeyError('BREACHPLAN_CODEC_KEYS: no key given');
  const ids = new Set(keys.map((k) => k.id));
  if (ids.size !== keys.length) throw new CodecKeyError('BREACHPLAN_CODEC_KEYS: duplicate key id');
  return keys;
}

export function formatCodecKeys(keys: CodecKey[]): string {
  return keys.map((k) => `${k.id}=${k.key.toString('base64')}`).join(',');
}

export function generateCodecKey(id: string): CodecKey {
  return { id, key: randomBytes(32) };
}

/** Encrypts with a fresh random IV; `aad` (if any) is authenticated but not stored. Returns iv | body | tag. */
export function seal(key: Buffer, plain: Uint8Array, aad?: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  if (aad) cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

export class SealTooShortError extends Error {
  override name = 'SealTooShortError';
}

/**
 * Decrypts what `seal` made. Throws SealTooShortError when `sealed` cannot hold an IV and a tag, and
 * crypto's own error when authentication fails (wrong key, wrong `aad`, tampered bytes): callers name both.
 */
export function open(key: Buffer, sealed: Uint8Array, aad?: Buffer): Buffer {
  const data = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (data.length < IV_BYTES + TAG_BYTES) throw new SealTooShortError('sealed data is truncated');
  const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES), {
    authTagLength: TAG_BYTES,
  });
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  return Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
}
