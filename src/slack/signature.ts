// Slack's request signing (v0): HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret, sent in
// X-Slack-Signature; requests older or newer than five minutes are refused so a captured one cannot be replayed.
import { createHmac } from 'node:crypto';
import { verifyTimestampedSignature } from '../crypto/timestamped-hmac';

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
  const check = verifyTimestampedSignature(
    headers,
    {
      form: /^v0=[0-9a-f]{64}$/,
      windowSeconds: MAX_SKEW_SECONDS,
      expected: (timestamp) => slackSignature(secret, timestamp, rawBody),
    },
    nowMs,
  );
  if (check.ok) return check;
  return { ok: false, status: 401, reason: check.reason === 'missing' ? 'missing_headers' : check.reason };
}
