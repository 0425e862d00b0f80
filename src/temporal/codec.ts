// Encrypting payload codec: every payload (inputs, results, messages, memos, failure details) leaves the
// process as AES-256-GCM ciphertext, so customer PII never sits in Temporal history in clear text.
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { type CodecKey, CodecKeyError, open, seal, SealTooShortError } from '../crypto/keyring';

// Key material lives in src/crypto/keyring.ts; re-exported for the edges that take both from here.
export {
  type CodecKey,
  CodecKeyError,
  formatCodecKeys,
  generateCodecKey,
  parseCodecKeys,
} from '../crypto/keyring';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

export class EncryptionCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;
  private readonly active: CodecKey;

  constructor(keys: CodecKey[]) {
    const [first] = keys;
    if (!first) throw new CodecKeyError('EncryptionCodec needs at least one key');
    this.active = first;
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      return {
        metadata: {
          encoding: Buffer.from(ENCRYPTED_ENCODING),
          [KEY_ID_METADATA]: Buffer.from(this.active.id),
        },
        data: seal(this.active.key, plain),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.encoding && Buffer.from(payload.metadata.encoding).toString();
      if (encoding !== ENCRYPTED_ENCODING) return payload;
      const keyIdBytes = payload.metadata?.[KEY_ID_METADATA];
      if (!keyIdBytes) throw new CodecKeyError('encrypted payload has no key id');
      const keyId = Buffer.from(keyIdBytes).toString();
      const key = this.byId.get(keyId);
      if (!key)
        throw new CodecKeyError(`no key "${keyId}" to decrypt this payload (rotated out or wrong keyring)`);
      let plain: Buffer;
      try {
        plain = open(key, payload.data ?? new Uint8Array());
      } catch (err) {
        if (err instanceof SealTooShortError) throw new CodecKeyError('encrypted payload is truncated');
        throw new CodecKeyError(
          `payload failed authentication with key "${keyId}" (wrong key or tampered data)`,
        );
      }
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}
