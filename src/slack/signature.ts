// Slack's request signing (v0): HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret, sent in
// X-Slack-Signature; requests older or newer than five minutes are refused so a captured one cannot be replayed.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const MAX_SKEW_SECONDS = 5 * 60;

export type SignatureCheck =
  | { ok: true }
  | { ok: false; status: 400 | 401; reason: 'missing_headers' | 'malformed' | 'stale' | 'bad_signature' };

export function slackSignature(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(rawBody).digest('hex')}`;
}

export function verifySlackSignature(
  secret: string,
  headers: { timestamp?: string; signature?: string },
  rawBody: Buffer,
  nowMs = Date.now(),
): SignatureCheck {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature) return { ok: false, status: 401, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(timestamp) || !/^v0=[0-9a-f]{64}$/.test(signature))
    return { ok: false, status: 401, reason: 'malformed' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS)
    return { ok: false, status: 401, reason: 'stale' };
  const expected = Buffer.from(slackSignature(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, status: 401, reason: 'bad_signature' };
  return { ok: true };
}
