// Events out, on real HTTP receivers: CloudEvents 1.0 signed per Standard Webhooks, ids, types, times and
// counts only; a subscriber that fails for a while then recovers gets every event once and in order, across a
// continue-as-new; one that never recovers leaves parked events (shown by `breachplan status`) while the
// incident carries on, and a commander sends them again.
import { eventOf } from '../../src/domain/webhook-events';
import { incidentHandle } from '../../src/temporal/incidents';
import { loadRunbookFile } from '../../src/temporal/incidents';
import { statusText } from '../../src/cli/incident-commands';
import * as msg from '../../workflows/messages';
import { type AlertStack, startAlertStack } from '../support/alert-stack';
import { declareAs, sendAs } from '../support/auth';
import { as, sampleFacts } from '../support/people';

describe('events out: outbound webhooks', () => {
  let s: AlertStack;
  beforeAll(async () => {
    s = await startAlertStack();
  });
  afterAll(() => s?.stop());

  const carol = as('carol');
  const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> => {
    // Waits for the workflow to say so (a query), never for a fixed time; gives up with what it last said.
    const deadline = Date.now() + 90_000;
    for (;;) {
      const v = await read();
      if (ok(v)) return v;
      if (Date.now() > deadline)
        throw new Error(`still not so: ${JSON.stringify((v as { webhooks?: unknown }).webhooks ?? v)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('delivers every event once and in order to a subscriber that fails for a while, across runs; parks the one that never recovers', async () => {
    let failures = 2;
    s.receivers.steady.status = () => (failures-- > 0 ? 503 : 204);
    s.receivers.dead.status = () => 500;
    const { incidentId } = await declareAs(s.stack.client, s.stack.temporal.taskQueue, {
      facts: sampleFacts({ title: 'Webhook lanes', awareAt: new Date().toISOString() }),
      runbook: loadRunbookFile(),
      actor: carol,
      // Hand over to a new run every 3 updates: the lanes must carry over.
      updatesPerRun: 3,
    });
    const handle = incidentHandle(s.stack.client, incidentId);
    const hold = await sendAs(handle, msg.placeHold, { actor: carol, agency: 'FBI', reference: 'case 7' });
    await sendAs(handle, msg.addNote, { actor: carol, text: 'Talked to agent Smith about the customers' });
    await sendAs(handle, msg.releaseHold, { actor: carol, holdId: hold.id, reason: 'cleared by the agency' });
    await sendAs(handle, msg.advancePhase, { actor: carol, force: true, reason: 'contained early' });
    await sendAs(handle, msg.closeIncident, { actor: carol, reason: 'done', force: true });
    const final = await handle.result();

    // What the incident's timeline says the events are (the live tail holds all of them here).
    const timeline = await handle.query(msg.getTimeline).catch(() => undefined);
    const entries = timeline ?? [];
    const expected = entries.map((e) => eventOf(incidentId, e)).filter((e) => e !== undefined);
    expect(expected.map((e) => e.type)).toEqual([
      'incident.declared',
      'phase.changed',
      'hold.placed',
      'hold.released',
      'phase.changed',
      'incident.closed',
    ]);
    const steady = s.receivers.steady.accepted.filter((d) => d.body.subject === incidentId);
    const ids = steady.map((d) => d.id);
    // Every event, in order; a receiver that drops repeats by webhook-id sees each once.
    expect([...new Set(ids)]).toEqual(expected.map((e) => e.id));
    expect(ids).toEqual([...new Set(ids)]);
    for (const d of steady) {
      expect(d.verified).toBe(true);
      expect(d.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
      expect(d.body).toMatchObject({
        specversion: '1.0',
        id: d.id,
        source: `/breachplan/incidents/${incidentId}`,
        subject: incidentId,
        datacontenttype: 'application/json',
      });
      expect(String(d.body.type)).toMatch(/^dev\.breachplan\./);
      // No personal data and no free text by default: not who acted, no title, agency or note.
      const text = JSON.stringify(d.body);
      for (const secret of ['carol', 'Webhook lanes', 'FBI', 'Smith', 'cleared by the agency'])
        expect(text).not.toContain(secret);
    }
    expect(steady[0]!.body.data).toMatchObject({ incidentId, severity: 'sev1', estimatedAffected: 1200 });
    // A subscriber with includeText gets the title and who acted (this incident is not restricted).
    const texty = s.receivers.texty.accepted.find((d) => d.body.subject === incidentId)!;
    expect(texty.verified).toBe(true);
    expect(texty.body.data).toMatchObject({ text: { title: 'Webhook lanes', actor: 'carol' } });

    // The dead subscriber (declared and phase changes only) parked after its retry budget; the incident closed.
    expect(final.status).toBe('closed');
    const lane = final.webhooks!.lanes.find((l) => l.subscriberId === 'dead')!;
    expect(lane).toMatchObject({ parked: true, delivered: 0, lastError: expect.stringContaining('Webhook') });
    expect(lane.parkedEvents.map((e) => e.type)).toEqual([
      'incident.declared',
      'phase.changed',
      'phase.changed',
    ]);
    expect(final.webhooks!.lanes.find((l) => l.subscriberId === 'steady')).toMatchObject({
      parked: false,
      pending: 0,
      delivered: 6,
    });
  });

  it('shows parked events in `breachplan status` and sends them again, in order, on a commander’s word', async () => {
    s.receivers.steady.status = () => 204;
    s.receivers.dead.status = () => 500;
    const { incidentId } = await declareAs(s.stack.client, s.stack.temporal.taskQueue, {
      // Restricted: even a subscriber with includeText gets no text.
      facts: sampleFacts({ title: 'Parked lanes', awareAt: new Date().toISOString(), restricted: true }),
      runbook: loadRunbookFile(),
      actor: carol,
    });
    const handle = incidentHandle(s.stack.client, incidentId);
    const parked = await until(
      () => handle.query(msg.getIncident),
      (v) => v.webhooks?.lanes.some((l) => l.subscriberId === 'dead' && l.parked) ?? false,
    );
    expect(statusText(parked)).toContain('Webhooks parked');
    const texty = await until(
      async () => s.receivers.texty.accepted.find((d) => d.body.subject === incidentId),
      (d) => d !== undefined,
    );
    expect(texty!.body.data).not.toHaveProperty('text');
    expect(JSON.stringify(texty!.body)).not.toContain('Parked lanes');
    expect(statusText(parked)).toContain(`breachplan webhooks redeliver ${incidentId}`);
    // The incident page says the same to the commander in the browser.
    const page = await (
      await fetch(`${s.url}/incidents/${incidentId}`, { headers: s.bearer('carol') })
    ).text();
    expect(page).toContain('Webhook events not delivered');
    expect(page).toMatch(/Subscriber dead: parked after retries/);
    expect(page).toContain(`breachplan webhooks redeliver ${incidentId}`);
    // The incident is unaffected: it takes commands as ever.
    await sendAs(handle, msg.advancePhase, { actor: carol, force: true, reason: 'moving on' });

    const api = (who: string, body: unknown) =>
      fetch(`${s.url}/api/v1/incidents/${incidentId}/webhooks/redeliver`, {
        method: 'POST',
        headers: { ...s.bearer(who), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    // Need to know: a responder not on this restricted incident does not even see it.
    expect((await api('rick', {})).status).toBe(404);
    expect((await api('carol', { subscriberId: 'steady' })).status).toBe(404);
    const before = s.receivers.dead.accepted.length;
    // Counted before the redelivery: its first events may reach the receiver before the API's answer does.
    const distinct = new Set(s.receivers.dead.accepted.map((d) => d.id)).size;
    s.receivers.dead.status = () => 204;
    const res = await api('carol', {});
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ subscribers: ['dead'], events: 3 });
    await s.receivers.dead.waitFor(distinct + 3);
    const got = s.receivers.dead.accepted.slice(before).filter((d) => d.body.subject === incidentId);
    expect(got.map((d) => d.body.type)).toEqual([
      'dev.breachplan.incident.declared',
      'dev.breachplan.phase.changed',
      'dev.breachplan.phase.changed',
    ]);
    const after = await until(
      () => handle.query(msg.getIncident),
      (v) => v.webhooks?.lanes.find((l) => l.subscriberId === 'dead')?.pending === 0,
    );
    expect(statusText(after)).not.toContain('Webhooks parked');
    const entries = await handle.query(msg.getTimeline);
    expect(entries.find((e) => e.type === 'webhook.redelivered')).toMatchObject({
      actor: { id: 'carol' },
      details: { subscribers: ['dead'], events: 3 },
    });
  });
});
