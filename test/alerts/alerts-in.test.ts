// Alerts in, on the real HTTP app, worker and Temporal server: vendor payloads signed as the vendors sign
// them open an incident in triage as the source's service account, attach while it is open, are refused with
// 401 (nothing started) when the signature is wrong and 400 naming the field when malformed; redeliveries and
// a burst of 1,000 concurrent alerts for one fingerprint make one incident with one entry.
import { WorkflowNotFoundError } from '@temporalio/client';
import { ArchiveStore } from '../../src/audit/archive';
import type { TimelineExport } from '../../src/audit/export';
import { incidentHandle, incidentIdForRequest, sendCommand } from '../../src/temporal/incidents';
import * as msg from '../../workflows/messages';
import { type AlertStack, ALERT_SECRETS, startAlertStack } from '../support/alert-stack';
import { as } from '../support/people';
import { sendAs } from '../support/auth';
import {
  alertmanagerPayload,
  genericAlert,
  genericHeaders,
  pagerdutyPayload,
  pagerdutySignature,
} from './payloads';

type Outcome = { fingerprint: string; incidentId?: string; outcome: string; seq?: number };

describe('alerts in: POST /api/v1/alerts/<source>', () => {
  let s: AlertStack;
  beforeAll(async () => {
    s = await startAlertStack();
  });
  afterAll(() => s?.stop());

  const post = (source: string, body: unknown, headers: Record<string, string>) =>
    fetch(`${s.url}/api/v1/alerts/${source}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const am = (body: unknown, secret = ALERT_SECRETS.prometheus) =>
    post('prometheus', body, { authorization: `Bearer ${secret}` });
  const siem = (body: unknown, at?: number, base = s.url) => {
    const text = JSON.stringify(body);
    return fetch(`${base}/api/v1/alerts/siem`, {
      method: 'POST',
      headers: genericHeaders(ALERT_SECRETS.siem, text, at),
      body: text,
    });
  };
  const outcomes = async (res: Response) => {
    expect(res.status).toBe(202);
    return ((await res.json()) as { alerts: Outcome[] }).alerts;
  };
  const timeline = (id: string) => incidentHandle(s.stack.client, id).query(msg.getTimeline);
  const alertEntries = async (id: string) => (await timeline(id)).filter((e) => e.type === 'alert.received');
  const started = async (requestKey: string) => {
    try {
      await incidentHandle(s.stack.client, incidentIdForRequest(requestKey)).describe();
      return true;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    }
  };

  it('opens an incident in triage from an Alertmanager webhook, as the service account, with the rule’s implications', async () => {
    const [first] = await outcomes(await am(alertmanagerPayload({ fingerprint: 'am-0001' })));
    expect(first).toMatchObject({ fingerprint: 'am-0001', outcome: 'declared' });
    const view = await incidentHandle(s.stack.client, first!.incidentId!).query(msg.getIncident);
    expect(view.phases.find((p) => p.status === 'active')?.id).toBe('triage');
    expect(view.facts).toMatchObject({
      title: 'BlackBox Probe Failure: https://server.example.org',
      severity: 'sev2',
      dataCategories: ['email'],
      reporter: 'svc-prometheus',
    });
    expect(view.declaredBy).toMatchObject({
      id: 'svc-prometheus',
      source: 'alerts',
      principal: { method: 'alert-source', subject: 'prometheus', edge: 'alerts' },
    });
    // A service account is never made commander.
    expect(view.assignments).toEqual([]);
    const [entry] = await alertEntries(first!.incidentId!);
    expect(entry).toMatchObject({
      seq: first!.seq,
      details: { source: 'prometheus', fingerprint: 'am-0001', status: 'firing' },
    });

    // Alertmanager repeats the notification (repeat_interval, or a retry): the same alert, no new entry.
    const [again] = await outcomes(await am(alertmanagerPayload({ fingerprint: 'am-0001' })));
    expect(again).toMatchObject({ outcome: 'repeat', incidentId: first!.incidentId });
    // Resolved: recorded on the open incident, which stays open.
    const [resolved] = await outcomes(
      await am(alertmanagerPayload({ fingerprint: 'am-0001', status: 'resolved' })),
    );
    expect(resolved).toMatchObject({ outcome: 'attached', incidentId: first!.incidentId });
    expect((await alertEntries(first!.incidentId!)).map((e) => e.details.status)).toEqual([
      'firing',
      'resolved',
    ]);
    const after = await incidentHandle(s.stack.client, first!.incidentId!).query(msg.getIncident);
    expect(after.status).toBe('open');
    expect(after.alerts).toEqual([expect.objectContaining({ fingerprint: 'am-0001', status: 'resolved' })]);
  });

  it('refuses a wrong or missing signature with 401 and starts nothing', async () => {
    const body = alertmanagerPayload({ fingerprint: 'am-forged' });
    const wrong = await am(body, 'not-the-secret');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await post('prometheus', body, {})).status).toBe(401);
    const text = JSON.stringify(pagerdutyPayload({ incidentId: 'PFORGED' }));
    expect(
      (await post('pagerduty', text, { 'x-pagerduty-signature': pagerdutySignature(text, 'wrong') })).status,
    ).toBe(401);
    const g = JSON.stringify(genericAlert({ id: 'forged-1', fingerprint: 'siem-forged' }));
    const tampered = {
      ...genericHeaders(ALERT_SECRETS.siem, g),
      'x-breachplan-signature': 'v1=' + '0'.repeat(64),
    };
    expect((await post('siem', g, tampered)).status).toBe(401);
    // Signed correctly, but six minutes ago: outside the window.
    expect((await siem(JSON.parse(g), Date.now() - 6 * 60_000)).status).toBe(401);
    expect((await post('nosuchsource', body, {})).status).toBe(401);
    expect(await started('alert:prometheus:am-forged:0')).toBe(false);
    expect(await started('alert:pagerduty:PFORGED:0')).toBe(false);
    expect(await started('alert:siem:siem-forged:0')).toBe(false);
    // The secret never reaches the log.
    expect(JSON.stringify(s.logs)).not.toContain(ALERT_SECRETS.prometheus);
  });

  it('answers a malformed alert with 400 naming the field', async () => {
    const bad = await siem({ id: 'bad-1', fingerprint: 'siem-bad', title: 'x' });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { errors: { field: string; rule: string }[] };
    expect(problem.errors).toEqual([{ field: 'body.title', rule: 'at least 3 characters' }]);
    const wrongVersion = await am({ ...alertmanagerPayload(), version: '3' });
    expect(wrongVersion.status).toBe(400);
    expect(((await wrongVersion.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe(
      'body.version',
    );
    const notJson = await post('siem', '{"id":', genericHeaders(ALERT_SECRETS.siem, '{"id":'));
    expect(notJson.status).toBe(400);
    expect(await started('alert:siem:siem-bad:0')).toBe(false);
  });

  it('verifies PagerDuty’s v1 signature list (rotation) and records a redelivery once', async () => {
    const text = JSON.stringify(pagerdutyPayload({ eventId: 'evt-pd-1', incidentId: 'PD00001' }));
    // During a secret rotation PagerDuty signs with both: one of them is ours.
    const sig = pagerdutySignature(text, 'the-old-secret', ALERT_SECRETS.pagerduty);
    const send = () => post('pagerduty', text, { 'x-pagerduty-signature': sig });
    const [first] = await outcomes(await send());
    expect(first).toMatchObject({ outcome: 'declared', fingerprint: 'PD00001' });
    const [second] = await outcomes(await send());
    expect(second).toMatchObject({ incidentId: first!.incidentId });
    expect(await alertEntries(first!.incidentId!)).toHaveLength(1);
    const view = await incidentHandle(s.stack.client, first!.incidentId!).query(msg.getIncident);
    expect(view.facts.title).toBe('A little bump in the road');
    // incident.resolved is recorded, never closes.
    const done = JSON.stringify(
      pagerdutyPayload({ eventId: 'evt-pd-2', incidentId: 'PD00001', type: 'incident.resolved' }),
    );
    const [resolved] = await outcomes(
      await post('pagerduty', done, {
        'x-pagerduty-signature': pagerdutySignature(done, ALERT_SECRETS.pagerduty),
      }),
    );
    expect(resolved).toMatchObject({ outcome: 'attached' });
    expect((await incidentHandle(s.stack.client, first!.incidentId!).query(msg.getIncident)).status).toBe(
      'open',
    );
  });

  it('makes a burst of 1,000 alerts for one fingerprint, 200 at a time through two apps, one incident with one entry', async () => {
    // Half through each of two apps: the concurrent declares and attaches meet in Temporal, not in one process.
    // 200 connections at a time (not 1,000 sockets at once: the listen backlog would reset some).
    let next = 0;
    const results: Outcome[][] = [];
    const sender = async () => {
      while (next < 1000) {
        const i = next++;
        const res = await siem(
          genericAlert({ id: `burst-${i}`, fingerprint: 'siem-burst' }),
          undefined,
          i % 2 ? s.url2 : s.url,
        );
        results.push(await outcomes(res));
      }
    };
    await Promise.all(Array.from({ length: 200 }, sender));
    expect(results).toHaveLength(1000);
    const all = results.flat();
    const ids = new Set(all.map((o) => o.incidentId));
    expect(ids.size).toBe(1);
    expect(all.filter((o) => o.outcome === 'declared').length).toBeGreaterThanOrEqual(1);
    const [id] = [...ids];
    expect(await alertEntries(id!)).toHaveLength(1);
    expect((await timeline(id!)).filter((e) => e.type === 'incident.declared')).toHaveLength(1);
  });

  it('attaches to the open incident only: after it closes, the fingerprint opens a new one', async () => {
    const [first] = await outcomes(await siem(genericAlert({ id: 'c-1', fingerprint: 'siem-cycle' })));
    const handle = incidentHandle(s.stack.client, first!.incidentId!);
    await sendAs(handle, msg.closeIncident, { actor: as('carol'), reason: 'false positive', force: true });
    await handle.result();
    // The signed archive written at close keeps the alert with the incident's final view.
    const archived = JSON.parse(
      new ArchiveStore(s.stack.archiveDir).readTimelineText(first!.incidentId!),
    ) as TimelineExport;
    expect(archived.incident.alerts).toEqual([expect.objectContaining({ fingerprint: 'siem-cycle' })]);
    // The same alert state again: already recorded in the closed incident, so nothing is opened.
    const [repeat] = await outcomes(await siem(genericAlert({ id: 'c-2', fingerprint: 'siem-cycle' })));
    expect(repeat).toMatchObject({ outcome: 'repeat', incidentId: first!.incidentId });
    // It resolves and fires again: a new episode, a new incident.
    await outcomes(await siem(genericAlert({ id: 'c-3', fingerprint: 'siem-cycle', status: 'resolved' })));
    const [next] = await outcomes(
      await siem({
        ...genericAlert({ id: 'c-4', fingerprint: 'siem-cycle' }),
        startsAt: new Date().toISOString(),
      }),
    );
    expect(next).toMatchObject({ outcome: 'declared' });
    expect(next!.incidentId).not.toBe(first!.incidentId);
  });

  it('lets a service account declare and attach, never approve or change anything, nor sign in with a token', async () => {
    const [o] = await outcomes(await siem(genericAlert({ id: 'sa-1', fingerprint: 'siem-sa' })));
    const handle = incidentHandle(s.stack.client, o!.incidentId!);
    const account = {
      actor: { id: 'svc-siem', name: 'SIEM', roles: ['responder' as const], source: 'alerts' as const },
      principal: {
        personId: 'svc-siem',
        method: 'alert-source' as const,
        subject: 'siem',
        edge: 'alerts' as const,
      },
    };
    await expect(
      sendCommand(handle, msg.addNote, { text: 'I am a person' }, { as: account }),
    ).rejects.toMatchObject({ code: 'not_authorized' });
    await expect(
      sendCommand(
        handle,
        msg.approve,
        { gateId: 'customer-notice', contentHash: 'a'.repeat(64) },
        { as: account },
      ),
    ).rejects.toMatchObject({ code: 'not_authorized' });
    // Through a person's edge (a token) the account has no role at all.
    const me = await fetch(`${s.url}/api/v1/incidents`, { headers: s.bearer('svc-siem') });
    expect(me.status).toBe(403);
  });
});
