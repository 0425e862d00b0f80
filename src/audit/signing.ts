// The deployment's Ed25519 signing key: BREACHPLAN_SIGNING_KEY_FILE (PEM), or in the embedded stack a key
// generated once under the data directory (mode 0600). Signs timeline exports; verifying needs only the
// public key, which every export carries (and an auditor may pin).
import {
  type KeyObject,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config';
import { loadOrCreateSecretFile } from '../crypto/secret-file';

export const EMBEDDED_SIGNING_KEY_FILE = 'signing-key.pem';

export class SigningKeyError extends Error {
  override name = 'SigningKeyError';
}

export interface Signer {
  /** The public key as SPKI PEM, embedded in every export. */
  publicKeyPem: string;
  /** SHA-256 over the DER public key: what people compare when they pin a key. */
  keyId: string;
  sign(data: string): string;
}

export function publicKeyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

export function signerFor(privateKey: KeyObject): Signer {
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new SigningKeyError(`the signing key must be Ed25519, not ${privateKey.asymmetricKeyType}`);
  const publicKey = createPublicKey(privateKey);
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: publicKeyId(publicKey),
    sign: (data) => sign(null, Buffer.from(data, 'utf8'), privateKey).toString('base64'),
  };
}

export function parsePrivateKeyPem(pem: string, where: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch (err) {
    throw new SigningKeyError(`${where}: not a PEM private key (${(err as Error).message})`);
  }
}

export function parsePublicKeyPem(pem: string, where: string): KeyObject {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${key.asymmetricKeyType} key`);
    return key;
  } catch (err) {
    throw new SigningKeyError(`${where}: not an Ed25519 public key (${(err as Error).message})`);
  }
}

/** True when `signature` (base64) is a valid Ed25519 signature of `data` by `publicKey`. */
export function checkSignature(publicKey: KeyObject, data: string, signature: string): boolean {
  const bytes = Buffer.from(signature, 'base64');
  if (bytes.length !== 64 || bytes.toString('base64') !== signature) return false;
  try {
    return verify(null, Buffer.from(data, 'utf8'), publicKey, bytes);
  } catch {
    return false;
  }
}

export function signingKeyPath(config: Pick<Config, 'mode' | 'dataDir' | 'signingKeyFile'>): string {
  if (config.signingKeyFile) return config.signingKeyFile;
  if (config.mode === 'production')
    throw new SigningKeyError(
      'BREACHPLAN_SIGNING_KEY_FILE is required in production to sign timeline exports and archives',
    );
  return join(config.dataDir, EMBEDDED_SIGNING_KEY_FILE);
}

/** The configured key; in the embedded stack the generated one, created on first use. */
export function loadSigner(config: Pick<Config, 'mode' | 'dataDir' | 'signingKeyFile'>): Signer {
  const file = signingKeyPath(config);
  if (!config.signingKeyFile)
    return signerFor(
      loadOrCreateSecretFile(file, {
        parse: (text) => parsePrivateKeyPem(text, file),
        create: () => {
          const pem = generateKeyPairSync('ed25519')
            .privateKey.export({ type: 'pkcs8', format: 'pem' })
            .toString();
          return { text: pem, value: parsePrivateKeyPem(pem, file) };
        },
      }),
    );
  if (!existsSync(file)) throw new SigningKeyError(`BREACHPLAN_SIGNING_KEY_FILE: ${file} does not exist`);
  return signerFor(parsePrivateKeyPem(readFileSync(file, 'utf8'), file));
}

/** Loads the key on first use only: a worker without a key still runs, and says so when it must sign. */
export function lazySigner(config: Pick<Config, 'mode' | 'dataDir' | 'signingKeyFile'>): () => Signer {
  let signer: Signer | undefined;
  return () => (signer ??= loadSigner(config));
}
