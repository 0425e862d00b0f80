// The web session secret: what session cookies, CSRF tokens and OpenID sign-in state are sealed with. Its own
// secret, not a codec key (every worker and CLI host used to hold the key sessions were derived from: review
// L1). BREACHPLAN_SESSION_SECRET holds base64 of at least 32 random bytes; the embedded stack generates one under
// its data directory (0600), as it does the edge signing key.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const EMBEDDED_SESSION_SECRET_FILE = 'session-secret';

export class SessionSecretError extends Error {
  override name = 'SessionSecretError';
}

export function parseSessionSecret(text: string, variable = 'BREACHPLAN_SESSION_SECRET'): Buffer {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed))
    throw new SessionSecretError(`${variable}: not base64 (make one with: openssl rand -base64 32)`);
  const bytes = Buffer.from(trimmed, 'base64');
  if (bytes.length < 32)
    throw new SessionSecretError(`${variable}: decodes to ${bytes.length} bytes, at least 32 needed`);
  return bytes;
}

/** The embedded stack's session secret: generated once under the data directory, owner-only. */
export function loadOrCreateEmbeddedSessionSecret(dataDir: string): Buffer {
  const file = join(dataDir, EMBEDDED_SESSION_SECRET_FILE);
  if (existsSync(file)) {
    if (statSync(file).mode & 0o077) chmodSync(file, 0o600);
    return parseSessionSecret(readFileSync(file, 'utf8'), file);
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32);
  try {
    writeFileSync(file, `${secret.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process of the stack made it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      return parseSessionSecret(readFileSync(file, 'utf8'), file);
    throw err;
  }
  return secret;
}

export interface SessionSecretConfig {
  mode: 'embedded' | 'production';
  dataDir: string;
  sessionSecret?: string;
}

/** BREACHPLAN_SESSION_SECRET, or the embedded stack's generated one; production without it is an error. */
export function loadSessionSecret(config: SessionSecretConfig): Buffer {
  if (config.sessionSecret) return parseSessionSecret(config.sessionSecret);
  if (config.mode === 'production')
    throw new SessionSecretError(
      'BREACHPLAN_SESSION_SECRET is required in production for web sessions (openssl rand -base64 32)',
    );
  return loadOrCreateEmbeddedSessionSecret(config.dataDir);
}
