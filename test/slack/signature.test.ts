// Slack request signing: only a correct v0 HMAC over the exact body, within five minutes, is accepted.
import { slackSignature, verifySlackSignature } from '../../src/slack/signature';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const NOW = 1_800_000_000_000;
const ts = String(NOW / 1000);
const body = Buffer.from('token=x&team_id=T1&command=%2Fincident&text=status');

describe('verifySlackSignature', () => {
  const sign = (t = ts, b: Buffer | string = body, s = SECRET) => slackSignature(s, t, b);

  it('accepts a correct signature', () => {
    expect(verifySlackSignature(SECRET, { timestamp: ts, signature: sign() }, body, NOW)).toEqual({
      ok: true,
    });
  });

  it('matches the HMAC-SHA256 v0 construction', () => {
    const { createHmac } = require('node:crypto') as typeof import('node:crypto');
    const expected = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body.toString()}`).digest('hex')}`;
    expect(sign()).toBe(expected);
  });

  it.each([
    [
      'a tampered body',
      () => verifySlackSignature(SECRET, { timestamp: ts, signature: sign() }, Buffer.from(`${body}x`), NOW),
      'bad_signature',
    ],
    [
      'another secret',
      () => verifySlackSignature(SECRET, { timestamp: ts, signature: sign(ts, body, 'other') }, body, NOW),
      'bad_signature',
    ],
    [
      'a timestamp not signed',
      () => verifySlackSignature(SECRET, { timestamp: String(NOW / 1000 + 1), signature: sign() }, body, NOW),
      'bad_signature',
    ],
    [
      'a stale request (6 minutes old)',
      () =>
        verifySlackSignature(
          SECRET,
          { timestamp: String(NOW / 1000 - 360), signature: sign(String(NOW / 1000 - 360)) },
          body,
          NOW,
        ),
      'stale',
    ],
    [
      'a request from the future (6 minutes ahead)',
      () =>
        verifySlackSignature(
          SECRET,
          { timestamp: String(NOW / 1000 + 360), signature: sign(String(NOW / 1000 + 360)) },
          body,
          NOW,
        ),
      'stale',
    ],
    ['no headers', () => verifySlackSignature(SECRET, {}, body, NOW), 'missing_headers'],
    [
      'a malformed signature',
      () => verifySlackSignature(SECRET, { timestamp: ts, signature: 'v1=abc' }, body, NOW),
      'malformed',
    ],
    [
      'a malformed timestamp',
      () => verifySlackSignature(SECRET, { timestamp: '1e9', signature: sign('1e9') }, body, NOW),
      'malformed',
    ],
    [
      'a truncated signature',
      () => verifySlackSignature(SECRET, { timestamp: ts, signature: sign().slice(0, 40) }, body, NOW),
      'malformed',
    ],
  ])('refuses %s', (_what, run, reason) => {
    expect(run()).toEqual({ ok: false, status: 401, reason });
  });

  it('accepts requests within five minutes either way', () => {
    for (const skew of [-299, 299]) {
      const t = String(NOW / 1000 + skew);
      expect(verifySlackSignature(SECRET, { timestamp: t, signature: sign(t) }, body, NOW).ok).toBe(true);
    }
  });
});
