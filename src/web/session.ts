// Browser sessions and CSRF defence of the web edge. A session cookie is sealed with an HMAC under the web
// session secret (BREACHPLAN_SESSION_SECRET; the embedded stack generates one under its data directory), never
// the codec key: holding the codec keys and the tokens file (hashes) does not mint a session (review L1). Each
// session has a random id; logging out puts that id on a revocation list, so a copied cookie dies with the
// logout, not 12 hours later (L2). Every form carries a CSRF token bound to who is signed in.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Request } from 'express';
import { z } from 'zod';

/**
 * `__Host-`: the browser keeps it only if it was set Secure, with Path=/ and no Domain, so no subdomain or plain
 * http page can plant or overwrite it. Browsers treat http://localhost and 127.0.0.1 as secure contexts and keep
 * Secure cookies there, so the embedded stack works over plain http; any other plain-http host cannot keep a
 * session (use https, or a bearer token).
 */
export const SESSION_COOKIE = '__Host-bp_session';
export const SESSION_SECONDS = 12 * 3600;
const CSRF_MAX_AGE_MS = SESSION_SECONDS * 1000;

export interface WebSecrets {
  session: Buffer;
  csrf: Buffer;
  /** Seals the short-lived state of an OpenID Connect sign-in in progress. */
  oidc: Buffer;
}

/** The web keys from the session secret (at least 32 random bytes), one HKDF info per use. */
export function deriveWebSecrets(secret: Buffer): WebSecrets {
  if (secret.length < 32) throw new Error('the web session secret must be at least 32 bytes');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, 'breachplan-web', info, 32));
  return {
    session: derive('session cookie v2'),
    csrf: derive('csrf token v2'),
    oidc: derive('oidc transaction v1'),
  };
}

const mac = (key: Buffer, data: string) => createHmac('sha256', key).update(data).digest('base64url');

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What a session cookie says: who signed in and how (a token, by its hash; or an OpenID provider). */
export const sessionClaimSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('token'), tokenHash: z.string().regex(/^[0-9a-f]{64}$/) }),
  z.object({
    kind: z.literal('oidc'),
    personId: z.string().min(1).max(100),
    issuer: z.string().min(1).max(500),
    subject: z.string().min(1).max(300),
  }),
]);
export type SessionClaim = z.infer<typeof sessionClaimSchema>;

const sealedSessionSchema = z.intersection(
  sessionClaimSchema,
  z.object({ sid: z.string().regex(/^[A-Za-z0-9_-]{22}$/), exp: z.number().int().positive() }),
);
export type OpenSession = z.infer<typeof sealedSessionSchema>;

/** Seals `value` (JSON) under `key`: `<base64url JSON>.<hmac>`; opened only with the same key and purpose. */
export function sealValue(key: Buffer, purpose: string, value: unknown): string {
  const body = Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${body}.${mac(key, `${purpose}\0${body}`)}`;
}

export function openValue(key: Buffer, purpose: string, sealed: string): unknown {
  const m = /^([A-Za-z0-9_-]{1,4096})\.([A-Za-z0-9_-]{43})$/.exec(sealed);
  if (!m || !sameText(m[2]!, mac(key, `${purpose}\0${m[1]}`))) return undefined;
  try {
    return JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A new session for `claim`: a random id and an expiry, sealed. */
export function sealSession(secrets: WebSecrets, claim: SessionClaim, now = Date.now()): string {
  const sid = randomBytes(16).toString('base64url');
  return sealValue(secrets.session, 'session', {
    ...claim,
    sid,
    exp: Math.floor(now / 1000) + SESSION_SECONDS,
  });
}

/** A sealed, unexpired session cookie's content (its revocation is checked by the caller). */
export function openSession(secrets: WebSecrets, value: string, now = Date.now()): OpenSession | undefined {
  const parsed = sealedSessionSchema.safeParse(openValue(secrets.session, 'session', value));
  if (!parsed.success) return undefined;
  return parsed.data.exp * 1000 > now ? parsed.data : undefined;
}

/**
 * Sessions ended by logging out, until they would have expired anyway. Kept in memory and, when given a file,
 * appended there (0600, one `sid expiry` a line; expired lines are skipped) and re-read when it changes, so
 * every app process on the same data directory refuses a cookie logged out in another, and a restart too.
 */
export class SessionRevocations {
  private revoked = new Map<string, number>();
  private seen?: { mtimeMs: number; size: number };

  constructor(private readonly file?: string) {}

  /** Revokes a session; the error when the shared file could not be written (this process refuses it anyway). */
  revoke(session: Pick<OpenSession, 'sid' | 'exp'>): Error | undefined {
    this.revoked.set(session.sid, session.exp);
    if (!this.file) return undefined;
    try {
      mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
      appendFileSync(this.file, `${session.sid} ${session.exp}\n`, { mode: 0o600 });
      chmodSync(this.file, 0o600);
      return undefined;
    } catch (err) {
      return err as Error;
    }
  }

  isRevoked(sid: string, now = Date.now()): boolean {
    this.reload(now);
    return this.revoked.has(sid);
  }

  private reload(now: number): void {
    if (!this.file || !existsSync(this.file)) return;
    const st = statSync(this.file);
    if (this.seen && this.seen.mtimeMs === st.mtimeMs && this.seen.size === st.size) return;
    this.seen = { mtimeMs: st.mtimeMs, size: st.size };
    const nowS = Math.floor(now / 1000);
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      const m = /^([A-Za-z0-9_-]{22}) (\d{1,12})$/.exec(line.trim());
      if (!m || Number(m[2]) <= nowS) continue;
      this.revoked.set(m[1]!, Number(m[2]));
    }
    for (const [sid, exp] of this.revoked) if (exp <= nowS) this.revoked.delete(sid);
  }
}

/** A form's CSRF token: when it was made and an HMAC binding it to who is signed in (`subject`). */
export function csrfToken(secrets: WebSecrets, subject: string, now = Date.now()): string {
  const stamp = now.toString(36);
  return `${stamp}.${mac(secrets.csrf, `${subject}\0${stamp}`)}`;
}

export function checkCsrfToken(
  secrets: WebSecrets,
  subject: string,
  token: unknown,
  now = Date.now(),
): boolean {
  if (typeof token !== 'string') return false;
  const m = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return false;
  const made = parseInt(m[1]!, 36);
  if (now - made > CSRF_MAX_AGE_MS || made - now > 5 * 60_000) return false;
  return sameText(m[2]!, mac(secrets.csrf, `${subject}\0${m[1]}`));
}

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Set-Cookie for the session: `__Host-`, so always Secure, Path=/, no Domain; HttpOnly, SameSite=Strict. */
export function sessionCookie(value: string, maxAge = SESSION_SECONDS): string {
  return hostCookie(SESSION_COOKIE, value, maxAge, 'Strict');
}

/** A `__Host-` cookie: Secure, Path=/, no Domain, HttpOnly. */
export function hostCookie(name: string, value: string, maxAge: number, sameSite: 'Strict' | 'Lax'): string {
  return [
    `${name}=${value}`,
    'Path=/',
    `Max-Age=${maxAge}`,
    'HttpOnly',
    `SameSite=${sameSite}`,
    'Secure',
  ].join('; ');
}

/**
 * Why a state-changing request looks cross-site, or nothing. Browsers send Origin (and Sec-Fetch-Site) on
 * every POST; a request with neither (a script, curl) still needs a valid CSRF token or a bearer token.
 */
export function crossSiteReason(req: Request, publicUrl?: string): string | undefined {
  const site = req.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none')
    return `the request came from another site (${site})`;
  const origin = req.get('origin');
  if (origin === undefined) return undefined;
  if (origin === 'null') return 'the request came from an opaque origin';
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return 'the request has a malformed Origin';
  }
  if (publicUrl) {
    const expected = new URL(publicUrl).origin;
    return origin === expected ? undefined : `the request came from ${origin}, not ${expected}`;
  }
  return host === req.get('host') ? undefined : `the request came from ${origin}`;
}
