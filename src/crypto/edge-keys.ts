// The edge signing key: what the Slack receiver, the web app and the CLI sign actor assertions with, so the
// worker believes a command only when an edge authenticated its sender. It is its own key: not a codec key
// (every worker holds those) and not the audit signing key. BREACHPLAN_EDGE_SIGNING_KEY holds `keyId=base64(32
// byte Ed25519 seed)`; workers trust the public keys in BREACHPLAN_EDGE_PUBLIC_KEYS (`keyId=base64(32 bytes)`,
// comma-separated, for rotation). The embedded stack generates one key under the data directory (0600).
import { type KeyObject, createPrivateKey, createPublicKey, randomBytes, sign as edSign } from 'node:crypto';
import { join } from 'node:path';
import {
  ASSERTION_VERSION,
  type ActorAssertion,
  START_MESSAGE,
  type TrustedEdgeKeys,
  assertionSigningText,
  commandHash,
} from '../domain/actor-assertion';
import type { AuthenticatedActor } from '../domain/principal';
import { loadOrCreateSecretFile } from './secret-file';

export const EMBEDDED_EDGE_KEY_FILE = 'edge-signing-key';
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
// PKCS#8 DER header of an Ed25519 private key; the 32-byte seed follows.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export class EdgeKeyError extends Error {
  override name = 'EdgeKeyError';
}

export interface EdgeSigningKey {
  id: string;
  privateKey: KeyObject;
  /** 32-byte raw public key, hex. */
  publicKeyHex: string;
}

function splitKeyId(part: string, variable: string): [string, Buffer] {
  const eq = part.indexOf('=');
  if (eq <= 0) throw new EdgeKeyError(`${variable}: "${part.slice(0, 12)}…" is not keyId=base64`);
  const id = part.slice(0, eq);
  if (!KEY_ID.test(id)) throw new EdgeKeyError(`${variable}: key id "${id}" must be 1-64 of [A-Za-z0-9._-]`);
  const bytes = Buffer.from(part.slice(eq + 1), 'base64');
  if (bytes.length !== 32)
    throw new EdgeKeyError(`${variable}: key "${id}" decodes to ${bytes.length} bytes, expected 32`);
  return [id, bytes];
}

export function edgeKeyFromSeed(id: string, seed: Buffer): EdgeSigningKey {
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  return { id, privateKey, publicKeyHex: Buffer.from(jwk.x!, 'base64url').toString('hex') };
}

/** `keyId=base64(seed)` → the signing key. */
export function parseEdgeSigningKey(spec: string): EdgeSigningKey {
  const [id, seed] = splitKeyId(spec.trim(), 'BREACHPLAN_EDGE_SIGNING_KEY');
  return edgeKeyFromSeed(id, seed);
}

export function formatEdgeSigningKey(id: string, seed: Buffer): string {
  return `${id}=${seed.toString('base64')}`;
}

/** `keyId=base64(public),…` → the keys a worker trusts. */
export function parseEdgePublicKeys(spec: string): TrustedEdgeKeys {
  const out: TrustedEdgeKeys = {};
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [id, key] = splitKeyId(part, 'BREACHPLAN_EDGE_PUBLIC_KEYS');
    if (out[id]) throw new EdgeKeyError(`BREACHPLAN_EDGE_PUBLIC_KEYS: duplicate key id "${id}"`);
    out[id] = key.toString('hex');
  }
  return out;
}

/** The embedded stack's edge key: generated once under the data directory, owner-only. */
export function loadOrCreateEmbeddedEdgeKey(dataDir: string): EdgeSigningKey {
  return loadOrCreateSecretFile(join(dataDir, EMBEDDED_EDGE_KEY_FILE), {
    parse: parseEdgeSigningKey,
    create: () => {
      const id = `edge-${new Date().toISOString().slice(0, 10)}`;
      const seed = randomBytes(32);
      return { text: formatEdgeSigningKey(id, seed) + '\n', value: edgeKeyFromSeed(id, seed) };
    },
  });
}

export interface EdgeKeyConfig {
  mode: 'embedded' | 'production';
  dataDir: string;
  edgeSigningKey?: string;
  edgePublicKeys?: string;
}

/** The key this edge signs with: BREACHPLAN_EDGE_SIGNING_KEY, or the embedded stack's generated key. */
export function loadEdgeSigningKey(config: EdgeKeyConfig): EdgeSigningKey {
  if (config.edgeSigningKey) return parseEdgeSigningKey(config.edgeSigningKey);
  if (config.mode === 'production')
    throw new EdgeKeyError(
      'BREACHPLAN_EDGE_SIGNING_KEY is required in production for an edge to send commands',
    );
  return loadOrCreateEmbeddedEdgeKey(config.dataDir);
}

/** The edge keys a worker trusts: BREACHPLAN_EDGE_PUBLIC_KEYS, plus in embedded mode the generated key. */
export function loadTrustedEdgeKeys(config: EdgeKeyConfig): TrustedEdgeKeys {
  const keys = config.edgePublicKeys ? parseEdgePublicKeys(config.edgePublicKeys) : {};
  if (config.mode === 'embedded') {
    const own = loadOrCreateEmbeddedEdgeKey(config.dataDir);
    keys[own.id] ??= own.publicKeyHex;
  }
  if (Object.keys(keys).length === 0)
    throw new EdgeKeyError(
      'BREACHPLAN_EDGE_PUBLIC_KEYS is required in production: no command could be trusted',
    );
  return keys;
}

/** Signs the assertion for one command (or a workflow start, message START_MESSAGE). */
export function signAssertion(
  key: EdgeSigningKey,
  who: AuthenticatedActor,
  workflowId: string,
  message: string,
  command: unknown,
  at = new Date(),
): ActorAssertion {
  // What the workflow will hash: the command after its JSON round trip.
  const sent: unknown = JSON.parse(JSON.stringify(command ?? null));
  const unsigned: Omit<ActorAssertion, 'signature'> = {
    v: ASSERTION_VERSION,
    keyId: key.id,
    workflowId,
    message,
    argsHash: commandHash(sent),
    at: at.toISOString(),
    nonce: randomBytes(16).toString('hex'),
    actor: { id: who.actor.id, roles: [...who.actor.roles] },
    principal: JSON.parse(JSON.stringify(who.principal)) as AuthenticatedActor['principal'],
  };
  const signature = edSign(null, Buffer.from(assertionSigningText(unsigned), 'utf8'), key.privateKey);
  return { ...unsigned, signature: signature.toString('hex') };
}

export { START_MESSAGE };
