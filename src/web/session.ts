// Browser sessions and CSRF defence of the web edge. A session cookie names the token hash a person signed in
// with (never the token), sealed with an HMAC; every form carries a CSRF token bound to who is signed in. Both
// keys are derived from the first codec key, so every app replica agrees without another secret to manage.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { CodecKey } from '../crypto/keyring';

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
}

export function deriveWebSecrets(keys: CodecKey[]): WebSecrets {
  const [first] = keys;
  if (!first) throw new Error('the web edge needs a codec key to derive its session keys');
  const derive = (info: string) =>
    Buffer.from(hkdfSync('sha256', first.key, 'breachplan-web', `${info} (key ${first.id})`, 32));
  return { session: derive('session cookie v1'), csrf: derive('csrf token v1') };
}

const mac = (key: Buffer, data: string) => createHmac('sha256', key).update(data).digest('base64url');

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `<token hash>.<expiry, epoch seconds>.<hmac>` */
export function sealSession(secrets: WebSecrets, tokenHash: string, now = Date.now()): string {
  const body = `${tokenHash}.${Math.floor(now / 1000) + SESSION_SECONDS}`;
  return `${body}.${mac(secrets.session, body)}`;
}

/** The token hash of a sealed, unexpired session cookie. */
export function openSession(secrets: WebSecrets, value: string, now = Date.now()): string | undefined {
  const m = /^([0-9a-f]{64})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!m) return undefined;
  const [, hash, expiry, seal] = m as unknown as [string, string, string, string];
  if (!sameText(seal, mac(secrets.session, `${hash}.${expiry}`))) return undefined;
  return Number(expiry) * 1000 > now ? hash : undefined;
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
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    `Max-Age=${maxAge}`,
    'HttpOnly',
    'SameSite=Strict',
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
