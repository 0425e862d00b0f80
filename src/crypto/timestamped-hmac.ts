// A signature over `<timestamp>` and the raw body, sent in two headers: Slack's request signing (v0) and the
// generic signed alert (v1) check it the same way. Both headers present, the timestamp in whole seconds and the
// signature in its scheme's form, the timestamp within the window (a captured request cannot be replayed
// later), and the signature compared in constant time.
import { timingSafeEqual } from 'node:crypto';

export type TimestampedSignatureCheck =
  { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'bad_signature' };

/** Constant-time equality of two strings or buffers (unequal lengths: false, at once). */
export function constantTimeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const x = Buffer.isBuffer(a) ? a : Buffer.from(a);
  const y = Buffer.isBuffer(b) ? b : Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function verifyTimestampedSignature(
  headers: { timestamp?: string; signature?: string },
  scheme: {
    /** The whole signature header's form, e.g. /^v0=[0-9a-f]{64}$/. */
    form: RegExp;
    windowSeconds: number;
    /** The signature the sender would have made at this timestamp. */
    expected: (timestamp: string) => string;
  },
  nowMs: number,
): TimestampedSignatureCheck {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp) || !scheme.form.test(signature))
    return { ok: false, reason: 'malformed' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > scheme.windowSeconds)
    return { ok: false, reason: 'stale' };
  return constantTimeEqual(scheme.expected(timestamp), signature)
    ? { ok: true }
    : { ok: false, reason: 'bad_signature' };
}
