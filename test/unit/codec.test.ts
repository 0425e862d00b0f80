import { temporal } from '@temporalio/proto';
import { defaultPayloadConverter } from '@temporalio/common';
import {
  CodecKeyError,
  EncryptionCodec,
  formatCodecKeys,
  generateCodecKey,
  parseCodecKeys,
} from '../../src/temporal/codec';
import { loadOrCreateEmbeddedKeyring } from '../../src/temporal/keys';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const payload = (v: unknown) => defaultPayloadConverter.toPayload(v)!;

describe('EncryptionCodec', () => {
  const k1 = generateCodecKey('k1');
  const k2 = generateCodecKey('k2');

  it('encrypts with the first key, names it in metadata, and round-trips', async () => {
    const codec = new EncryptionCodec([k1, k2]);
    const [enc] = await codec.encode([payload({ email: 'jane@example.com' })]);
    expect(Buffer.from(enc!.metadata!['encryption-key-id']!).toString()).toBe('k1');
    expect(Buffer.from(enc!.metadata!.encoding!).toString()).toBe('binary/encrypted');
    expect(Buffer.from(enc!.data!).includes('jane@example.com')).toBe(false);
    const [dec] = await codec.decode([enc!]);
    expect(defaultPayloadConverter.fromPayload(dec!)).toEqual({ email: 'jane@example.com' });
  });

  it('decrypts payloads written with an older key after rotation', async () => {
    const [old] = await new EncryptionCodec([k1]).encode([payload('secret')]);
    const rotated = new EncryptionCodec([k2, k1]);
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([old!]))[0]!)).toBe('secret');
    const [fresh] = await rotated.encode([payload('x')]);
    expect(Buffer.from(fresh!.metadata!['encryption-key-id']!).toString()).toBe('k2');
  });

  it('fails loudly with a wrong or missing key, or tampered data', async () => {
    const [enc] = await new EncryptionCodec([k1]).encode([payload('secret')]);
    await expect(new EncryptionCodec([k2]).decode([enc!])).rejects.toThrow(/no key "k1"/);
    const impostor = { id: 'k1', key: k2.key };
    await expect(new EncryptionCodec([impostor]).decode([enc!])).rejects.toThrow(CodecKeyError);
    const tampered = { ...enc!, data: Buffer.from(enc!.data!) };
    tampered.data[20] = tampered.data[20]! ^ 1;
    await expect(new EncryptionCodec([k1]).decode([tampered])).rejects.toThrow(/failed authentication/);
  });

  it('leaves unencrypted payloads alone on decode', async () => {
    const plain = payload(42);
    expect(await new EncryptionCodec([k1]).decode([plain])).toEqual([plain]);
    expect(temporal.api.common.v1.Payload.encode(plain).finish().length).toBeGreaterThan(0);
  });

  it('parses and validates key specs', () => {
    expect(parseCodecKeys(formatCodecKeys([k1, k2])).map((k) => k.id)).toEqual(['k1', 'k2']);
    expect(() => parseCodecKeys('k1=AAAA')).toThrow(/decodes to 3 bytes, expected 32/);
    expect(() => parseCodecKeys('nokey')).toThrow(/not keyId=base64/);
    expect(() => parseCodecKeys(`${formatCodecKeys([k1])},${formatCodecKeys([k1])}`)).toThrow(/duplicate/);
  });

  it('generates the embedded keyring once, owner-only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-keys-'));
    const a = loadOrCreateEmbeddedKeyring(dir);
    const b = loadOrCreateEmbeddedKeyring(dir);
    expect(b[0]!.key.equals(a[0]!.key)).toBe(true);
    expect(statSync(join(dir, 'codec-keys')).mode & 0o777).toBe(0o600);
  });
});
