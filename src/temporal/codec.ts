// Encrypting payload codec: every payload (inputs, results, messages, memos, failure details) leaves the
// process as AES-256-GCM ciphertext, so customer PII never sits in Temporal history in clear text.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
/**
 * What a payload that was not encrypted with a key of the keyring decodes to. Throwing instead would fail the
 * workflow task on every replay (a signal stays in history), so one stray payload would wedge an incident; the
 * sentinel reaches the workflow as a value its interceptor refuses (workflows/command-auth.ts).
 */
export const UNENCRYPTED_SENTINEL_KEY = '__breachplan_unencrypted_payload__';
const SENTINEL_PAYLOAD = {
  metadata: { encoding: Buffer.from('json/plain') },
  data: Buffer.from(JSON.stringify({ [UNENCRYPTED_SENTINEL_KEY]: true })),
};
export const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

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

export class EncryptionCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;
  private readonly active: CodecKey;

  /**
   * @param keys the keyring (the first encrypts, all decrypt)
   * @param o.refusePlaintext decode a payload that is not `binary/encrypted` to the sentinel instead of itself
   *   (the worker does: a keyless Temporal client must not reach a workflow)
   */
  constructor(
    keys: CodecKey[],
    private readonly o: { refusePlaintext?: boolean } = {},
  ) {
    const [first] = keys;
    if (!first) throw new CodecKeyError('EncryptionCodec needs at least one key');
    this.active = first;
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', this.active.key, iv, { authTagLength: TAG_BYTES });
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return {
        metadata: {
          encoding: Buffer.from(ENCRYPTED_ENCODING),
          [KEY_ID_METADATA]: Buffer.from(this.active.id),
        },
        data: Buffer.concat([iv, body, cipher.getAuthTag()]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.encoding && Buffer.from(payload.metadata.encoding).toString();
      if (encoding !== ENCRYPTED_ENCODING) return this.o.refusePlaintext ? SENTINEL_PAYLOAD : payload;
      const keyIdBytes = payload.metadata?.[KEY_ID_METADATA];
      if (!keyIdBytes) throw new CodecKeyError('encrypted payload has no key id');
      const keyId = Buffer.from(keyIdBytes).toString();
      const key = this.byId.get(keyId);
      if (!key)
        throw new CodecKeyError(`no key "${keyId}" to decrypt this payload (rotated out or wrong keyring)`);
      const data = Buffer.from(payload.data ?? new Uint8Array());
      if (data.length < IV_BYTES + TAG_BYTES) throw new CodecKeyError('encrypted payload is truncated');
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      let plain: Buffer;
      try {
        plain = Buffer.concat([
          decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
          decipher.final(),
        ]);
      } catch {
        throw new CodecKeyError(
          `payload failed authentication with key "${keyId}" (wrong key or tampered data)`,
        );
      }
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}
