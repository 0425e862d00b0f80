// The webhook signatures Breachplan checks and makes. In: PagerDuty v3 (`X-PagerDuty-Signature: v1=<hex>`, a
// comma-separated list during secret rotation, HMAC-SHA256 of the raw body), the generic signed alert (HMAC-
// SHA256 of `<unix seconds>.<raw body>`, five-minute window, like Slack's scheme), Alertmanager's bearer
// credentials. Out: Standard Webhooks (`webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>`,
// keyed by the base64 after `whsec_`). Every comparison is constant-time.
import { createHmac, randomBytes } from 'node:crypto';
import {
  type TimestampedSignatureCheck,
  constantTimeEqual,
  verifyTimestampedSignature,
} from './timestamped-hmac';

export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

/** Every alert signature check answers like the timestamped one: ok, or why not. */
export type AlertSignatureCheck = TimestampedSignatureCheck;

export const hmacHex = (secret: string | Buffer, ...parts: (string | Buffer)[]) => {
  const h = createHmac('sha256', secret);
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

/** PagerDuty v3: at least one `v1=` signature of the list matches the body. */
export function verifyPagerDuty(
  secret: string,
  header: string | undefined,
  body: Buffer,
): AlertSignatureCheck {
  if (!header) return { ok: false, reason: 'missing' };
  const given = header
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.startsWith('v1='))
    .map((s) => s.slice(3));
  if (given.length === 0 || given.some((g) => !/^[0-9a-f]{64}$/.test(g)))
    return { ok: false, reason: 'malformed' };
  const expected = hmacHex(secret, body);
  // Compare against every entry (no early exit): the time taken says nothing about which one matched.
  let match = false;
  for (const g of given) match = constantTimeEqual(g, expected) || match;
  return match ? { ok: true } : { ok: false, reason: 'bad_signature' };
}

export const GENERIC_SIGNATURE_HEADER = 'x-breachplan-signature';
export const GENERIC_TIMESTAMP_HEADER = 'x-breachplan-timestamp';

/** The generic alert's signature: `v1=` hex HMAC-SHA256 of `<timestamp>.<body>`. */
export function genericSignature(secret: string, timestamp: string, body: Buffer | string): string {
  return `v1=${hmacHex(secret, `${timestamp}.`, body)}`;
}

export function verifyGeneric(
  secret: string,
  headers: { timestamp?: string; signature?: string },
  body: Buffer,
  nowMs = Date.now(),
): AlertSignatureCheck {
  return verifyTimestampedSignature(
    headers,
    {
      form: /^v1=[0-9a-f]{64}$/,
      windowSeconds: SIGNATURE_WINDOW_SECONDS,
      expected: (timestamp) => genericSignature(secret, timestamp, body),
    },
    nowMs,
  );
}

/** Alertmanager cannot sign a body: its webhook_config sends `Authorization: Bearer <credentials>`. */
export function verifyBearer(secret: string, header: string | undefined): AlertSignatureCheck {
  if (!header) return { ok: false, reason: 'missing' };
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) return { ok: false, reason: 'malformed' };
  // Hash both sides first: equal lengths, so the comparison says nothing about the secret's length.
  return constantTimeEqual(hmacHex('bearer', m[1]!), hmacHex('bearer', secret))
    ? { ok: true }
    : { ok: false, reason: 'bad_signature' };
}

// ---- Standard Webhooks (outbound) --------------------------------------------------------------------------

export const WHSEC_PREFIX = 'whsec_';

export class WebhookSecretError extends Error {
  override name = 'WebhookSecretError';
}

/** `whsec_<base64>` → the key bytes. */
export function webhookSecretKey(secret: string): Buffer {
  if (!secret.startsWith(WHSEC_PREFIX)) throw new WebhookSecretError('a webhook secret starts with whsec_');
  const key = Buffer.from(secret.slice(WHSEC_PREFIX.length), 'base64');
  if (key.length < 24 || key.length > 64)
    throw new WebhookSecretError('a webhook secret is whsec_ and 24 to 64 bytes of base64');
  return key;
}

export function newWebhookSecret(): string {
  return `${WHSEC_PREFIX}${randomBytes(32).toString('base64')}`;
}

export function standardWebhookSignature(
  secret: string,
  id: string,
  timestamp: number,
  body: string | Buffer,
): string {
  const mac = createHmac('sha256', webhookSecretKey(secret))
    .update(`${id}.${timestamp}.`)
    .update(body)
    .digest('base64');
  return `v1,${mac}`;
}

/** What a receiver does (the README's example, and the tests' receiver). */
export function verifyStandardWebhook(
  secret: string,
  headers: { id?: string; timestamp?: string; signature?: string },
  body: string | Buffer,
  nowMs = Date.now(),
): boolean {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS) return false;
  const expected = standardWebhookSignature(secret, id, Number(timestamp), body);
  let match = false;
  for (const s of signature.split(' ')) match = constantTimeEqual(s, expected) || match;
  return match;
}
