// The web session secret: what session cookies, CSRF tokens and OpenID sign-in state are sealed with. Its own
// secret, not a codec key (every worker and CLI host used to hold the key sessions were derived from: review
// L1). BREACHPLAN_SESSION_SECRET holds base64 of at least 32 random bytes; the embedded stack generates one under
// its data directory (0600), as it does the edge signing key.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { loadOrCreateSecretFile } from './secret-file';

const EMBEDDED_SESSION_SECRET_FILE = 'session-secret';

class SessionSecretError extends Error {
  override name = 'SessionSecretError';
}

function parseSessionSecret(text: string, variable = 'BREACHPLAN_SESSION_SECRET'): Buffer {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed))
    throw new SessionSecretError(`${variable}: not base64 (make one with: openssl rand -base64 32)`);
  const bytes = Buffer.from(trimmed, 'base64');
  if (bytes.length < 32)
    throw new SessionSecretError(`${variable}: decodes to ${bytes.length} bytes, at least 32 needed`);
  return bytes;
}

/** The embedded stack's session secret: generated once under the data directory, owner-only. */
function loadOrCreateEmbeddedSessionSecret(dataDir: string): Buffer {
  const file = join(dataDir, EMBEDDED_SESSION_SECRET_FILE);
  return loadOrCreateSecretFile(file, {
    parse: (text) => parseSessionSecret(text, file),
    create: () => {
      const secret = randomBytes(32);
      return { text: `${secret.toString('base64')}\n`, value: secret };
    },
  });
}

interface SessionSecretConfig {
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
