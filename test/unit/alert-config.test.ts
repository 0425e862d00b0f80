// The integration files and signatures without a server: alert sources and webhook subscribers validate and
// name the field that is wrong, secrets come from the environment and never appear in an error, a service
// account may only be a responder, and the signature checks accept exactly what the vendors send.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  genericSignature,
  newWebhookSecret,
  standardWebhookSignature,
  verifyBearer,
  verifyGeneric,
  verifyPagerDuty,
  verifyStandardWebhook,
} from '../../src/crypto/webhook-signatures';
import { IntegrationConfigError, parseAlertSources, parseWebhooks } from '../../src/integrations';
import { actorFor, roleDirectorySchema, serviceActorFor } from '../../src/domain/roles';
import { eventOf } from '../../src/domain/webhook-events';
import type { TimelineEntry } from '../../src/domain/timeline';

const root = join(__dirname, '..', '..');

describe('alert sources and webhook subscribers (YAML)', () => {
  it('ship examples that validate with their secrets set', () => {
    const sources = parse(readFileSync(join(root, 'config', 'alert-sources.example.yaml'), 'utf8'));
    const env = {
      BREACHPLAN_ALERT_SECRET_PROMETHEUS: 'a',
      BREACHPLAN_ALERT_SECRET_PAGERDUTY: 'b',
      BREACHPLAN_ALERT_SECRET_SIEM: 'c',
    };
    expect(parseAlertSources(sources, 'example', env).map((s) => s.source.kind)).toEqual([
      'alertmanager',
      'pagerduty',
      'generic',
    ]);
    const hooks = parse(readFileSync(join(root, 'config', 'webhooks.example.yaml'), 'utf8'));
    const parsed = parseWebhooks(hooks, 'example', {
      BREACHPLAN_WEBHOOK_SECRET_GRC: newWebhookSecret(),
      BREACHPLAN_WEBHOOK_SECRET_TICKETS: newWebhookSecret(),
    });
    expect(parsed.subscribers.map((s) => [s.subscriber.id, s.subscriber.includeText])).toEqual([
      ['grc', false],
      ['tickets', true],
    ]);
  });

  it('names the field that is wrong, and a variable that is not set, never its value', () => {
    expect(() =>
      parseAlertSources({ sources: [{ id: 'Bad Id', kind: 'nagios' }] }, 'alerts.yaml', {}),
    ).toThrow(/alerts\.yaml: sources\.0\.id: lower-case letters.*sources\.0\.kind/);
    expect(() =>
      parseAlertSources(
        { sources: [{ id: 'p', kind: 'pagerduty', secret: { env: 'PD_SECRET' }, serviceAccount: 'svc' }] },
        'alerts.yaml',
        {},
      ),
    ).toThrow('alerts.yaml: source p: the variable PD_SECRET is not set');
    const weak = 'whsec_c2hvcnQ=';
    let message = '';
    try {
      parseWebhooks(
        { subscribers: [{ id: 'x', url: 'https://x.example/h', secret: { env: 'S' } }] },
        'hooks.yaml',
        { S: weak },
      );
    } catch (err) {
      expect(err).toBeInstanceOf(IntegrationConfigError);
      message = (err as Error).message;
    }
    expect(message).toContain('subscriber x: S: a webhook secret is whsec_ and 24 to 64 bytes');
    expect(message).not.toContain(weak);
    expect(() =>
      parseWebhooks({ subscribers: [{ id: 'x', url: 'ftp://x', secret: { env: 'S' } }] }, 'hooks.yaml', {}),
    ).toThrow(/subscribers\.0\.url: an http\(s\) URL/);
  });
});

describe('service accounts in the role directory', () => {
  const dir = (roles: string[], extra: Record<string, unknown> = {}) =>
    roleDirectorySchema.safeParse({
      people: [{ id: 'svc-x', name: 'X', roles, service: true, ...extra }],
    });

  it('may only be responders, and are not people', () => {
    expect(dir(['responder']).success).toBe(true);
    expect(dir(['legal']).success).toBe(false);
    expect(dir(['responder', 'commander']).success).toBe(false);
    expect(dir(['responder'], { email: 'svc@example.com' }).success).toBe(false);
  });

  it('act only as their alert source: through a person’s edge they have no role', () => {
    const d = roleDirectorySchema.parse({
      people: [{ id: 'svc-x', name: 'X', roles: ['responder'], service: true }],
    });
    expect(actorFor(d, 'svc-x', 'web').roles).toEqual([]);
    expect(serviceActorFor(d, 'svc-x')).toMatchObject({ roles: ['responder'], source: 'alerts' });
    expect(serviceActorFor(d, 'nobody')).toBeUndefined();
  });
});

describe('signatures', () => {
  const body = Buffer.from('{"event":{"id":"1"}}');

  it('PagerDuty: any v1 of the list, constant format', () => {
    const good = createHmac('sha256', 'secret').update(body).digest('hex');
    expect(verifyPagerDuty('secret', `v1=${'0'.repeat(64)},v1=${good}`, body)).toEqual({ ok: true });
    expect(verifyPagerDuty('secret', `v1=${'0'.repeat(64)}`, body)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyPagerDuty('secret', `v0=${good}`, body)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyPagerDuty('secret', undefined, body)).toEqual({ ok: false, reason: 'missing' });
  });

  it('generic: HMAC of timestamp.body within five minutes', () => {
    const now = Date.now();
    const ts = String(Math.floor(now / 1000));
    const signature = genericSignature('s', ts, body);
    expect(verifyGeneric('s', { timestamp: ts, signature }, body, now)).toEqual({ ok: true });
    expect(verifyGeneric('s', { timestamp: ts, signature }, Buffer.from('{}'), now).ok).toBe(false);
    expect(verifyGeneric('s', { timestamp: ts, signature }, body, now + 301_000)).toEqual({
      ok: false,
      reason: 'stale',
    });
  });

  it('Alertmanager: the bearer credentials', () => {
    expect(verifyBearer('tok', 'Bearer tok')).toEqual({ ok: true });
    expect(verifyBearer('tok', 'Bearer tok2').ok).toBe(false);
    expect(verifyBearer('tok', 'Basic tok').ok).toBe(false);
  });

  it('Standard Webhooks: v1,base64 of id.timestamp.body keyed by the whsec_ bytes', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const sig = standardWebhookSignature(
      secret,
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}',
    );
    // The example of the Standard Webhooks specification.
    expect(sig).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    const now = 1614265330 * 1000;
    const headers = {
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: '1614265330',
      signature: `v1,other ${sig}`,
    };
    expect(verifyStandardWebhook(secret, headers, '{"test": 2432232314}', now)).toBe(true);
    expect(verifyStandardWebhook(secret, headers, '{"test": 1}', now)).toBe(false);
    expect(verifyStandardWebhook(secret, headers, '{"test": 2432232314}', now + 600_000)).toBe(false);
  });
});

describe('events out', () => {
  const entry = (type: TimelineEntry['type'], details: Record<string, unknown>): TimelineEntry => ({
    seq: 7,
    at: '2026-12-01T10:00:00.000Z',
    type,
    actor: { id: 'lena', roles: ['legal'], source: 'web' },
    summary: `Rejected: Customer notice`,
    details,
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
  });

  it('keep free text and people apart from ids, types, times and counts', () => {
    const e = eventOf(
      'INC-1',
      entry('approval.rejected', { gateId: 'customer-notice', requestId: 'r1', reason: 'names Bob' }),
    )!;
    expect(e).toMatchObject({
      id: 'INC-1-7',
      type: 'approval.rejected',
      data: { gateId: 'customer-notice', requestId: 'r1' },
    });
    expect(JSON.stringify(e.data)).not.toMatch(/Bob|lena/);
    expect(e.text).toMatchObject({ reason: 'names Bob', actor: 'lena' });
    expect(eventOf('INC-1', entry('note.added', { text: 'x' }))).toBeUndefined();
  });
});
