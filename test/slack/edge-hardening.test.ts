// The Slack edge when Slack misbehaves or a request comes twice: acks never wait for Slack's API (auth.test
// down), a form submitted twice either side of midnight is one incident, a replayed signed command is one
// update, an approval post whose answer was lost is found again past a page of newer messages, and an
// oversized body gets a short JSON 413.
import * as msg from '../../workflows/messages';
import { loadRunbookFile } from '../../src/temporal/incidents';
import { declareAs } from '../support/auth';
import { eventually, IncidentDriver } from '../support/incident-driver';
import { as, sampleFacts } from '../support/people';
import { declareSubmission, postSigned, slashCommand } from '../support/slack-requests';
import {
  GENERAL_CHANNEL,
  LEGAL_CHANNEL,
  startSlackTestStack,
  type SlackTestStack,
} from '../support/slack-stack';

describe('Slack edge: Slack down, requests twice', () => {
  let s: SlackTestStack;
  beforeAll(async () => {
    s = await startSlackTestStack();
  });
  afterAll(() => s.stop());

  it('acks commands and declares an incident while auth.test fails', async () => {
    s.slack.inject('auth.test', ...Array.from({ length: 50 }, () => ({ status: 500 as const })));
    const authTests = s.slack.attempts.filter((a) => a.method === 'auth.test').length;
    const help = await postSigned(
      s.events,
      slashCommand('help', { user: 'U0CAROL', channel: GENERAL_CHANNEL, responseUrl: `${s.slack.url}/r/h` }),
    );
    expect(help.status).toBe(200);
    expect(((await help.json()) as { text: string }).text).toContain('/incident declare');

    const submit = declareSubmission({
      user: 'U0CAROL',
      viewId: 'V0AUTHDOWN',
      channel: GENERAL_CHANNEL,
      values: { title: 'Declared while auth.test is down', severity: 'sev2', awareAt: new Date() },
    });
    expect((await postSigned(s.events, submit)).status).toBe(200);
    await eventually(
      () => s.logged('slack: incident declared').filter((l) => l.created === true),
      (l) => l.length === 1,
      { what: 'the incident declared' },
    );
    // No Slack call was made on the request path.
    expect(s.slack.attempts.filter((a) => a.method === 'auth.test')).toHaveLength(authTests);
  });

  it('makes one incident of a form submitted twice either side of UTC midnight', async () => {
    jest.useFakeTimers({
      now: new Date('2026-12-01T23:59:59.900Z'),
      doNotFake: [
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'setImmediate',
        'clearImmediate',
        'nextTick',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    });
    try {
      const declare = () =>
        declareAs(s.stack.client, s.stack.temporal.taskQueue, {
          facts: sampleFacts({ awareAt: '2026-12-01T20:00:00.000Z', title: 'Twice at midnight' }),
          runbook: loadRunbookFile(),
          actor: as('carol', 'slack'),
          requestKey: 'slack-view:V0MIDNIGHT',
        });
      const first = await declare();
      jest.setSystemTime(new Date('2026-12-02T00:00:00.100Z'));
      const second = await declare();
      expect(first.created).toBe(true);
      expect(second).toEqual({ incidentId: first.incidentId, created: false });
    } finally {
      jest.useRealTimers();
    }
  });

  it('applies a replayed signed command once', async () => {
    const { incidentId } = await declareAs(s.stack.client, s.stack.temporal.taskQueue, {
      facts: sampleFacts({ awareAt: new Date().toISOString(), title: 'Replayed notes' }),
      runbook: loadRunbookFile(),
      actor: as('carol', 'slack'),
    });
    const channel = await eventually(
      () => s.slack.channelNamed(`inc-${incidentId.slice(4).toLowerCase()}-replayed`),
      (c) => !!c && c.pins.size === 1,
      { what: 'incident channel' },
    );
    await s.incidentOfChannel(channel!.id);
    const url = `${s.slack.url}/response/replayed`;
    const note = slashCommand('note the same signed request, three times', {
      user: 'U0RICK',
      channel: channel!.id,
      responseUrl: url,
      triggerId: 'trig-replayed-note',
    });
    const timestamp = Math.floor(Date.now() / 1000);
    for (let i = 0; i < 3; i++) expect((await postSigned(s.events, note, { timestamp })).status).toBe(200);
    await eventually(
      () => s.slack.calls.filter((c) => c.method === 'response_url' && c.args.__url === url),
      (r) => r.length === 3,
      { what: 'three answers' },
    );
    const inc = new IncidentDriver(s.stack.client, incidentId);
    const notes = (await inc.timeline()).filter((e) => e.type === 'note.added');
    expect(notes).toHaveLength(1);
  });

  it('finds a lost approval post again after more than a page of newer messages', async () => {
    const { incidentId } = await declareAs(s.stack.client, s.stack.temporal.taskQueue, {
      facts: sampleFacts({ awareAt: new Date().toISOString(), title: 'Busy legal channel' }),
      runbook: loadRunbookFile(),
      actor: as('carol', 'slack'),
    });
    const inc = new IncidentDriver(s.stack.client, incidentId);
    await inc.send(msg.advancePhase, {
      actor: as('carol'),
      to: 'notify_customers',
      force: true,
      reason: 'test: straight to notices',
    });
    // The post lands, its answer is lost, and 150 messages arrive before the retry looks for it.
    s.slack.inject('chat.postMessage', {
      status: 'lost',
      channel: LEGAL_CHANNEL,
      then: () => {
        for (let i = 0; i < 150; i++) s.slack.postAsSomeoneElse(LEGAL_CHANNEL, `chatter ${i}`);
      },
    });
    const gate = await inc.send(msg.requestApproval, { actor: as('carol'), gateId: 'customer_notice' });
    const ofThisIncident = () =>
      s.slack.channels
        .get(LEGAL_CHANNEL)!
        .messages.filter((m) => String(m.metadata?.event_payload.key ?? '').startsWith(`${incidentId}:`));
    await eventually(ofThisIncident, (m) => m.length >= 1, { what: 'the approval post' });
    // Once Lena approves, the workflow edits the post it knows: the retry has finished by then.
    await inc.send(msg.approve, {
      actor: as('lena', 'slack'),
      gateId: 'customer_notice',
      requestId: gate.requestId,
      contentHash: gate.draft!.contentHash,
    });
    await eventually(
      () => s.slack.callsOf('chat.update').filter((c) => c.args.channel === LEGAL_CHANNEL),
      (c) => c.length >= 1,
      { what: 'the approval post edited', timeoutMs: 30_000 },
    );
    expect(ofThisIncident()).toHaveLength(1);
  });

  it('answers an oversized body with a short JSON 413 before any signature check', async () => {
    const res = await fetch(s.events, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'x'.repeat(2_000_000),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ ok: false, error: 'too_large' });
    expect(s.logged('slack: request refused').at(-1)).toMatchObject({ reason: 'too_large' });
  });

  it('opens the declare modal with one attempt: a trigger lives 3 s, so a failed views.open is not retried', async () => {
    s.slack.inject('views.open', { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    const before = s.slack.attempts.filter((a) => a.method === 'views.open').length;
    const failures = s.logged('slack: unhandled listener error').length;
    const res = await postSigned(
      s.events,
      slashCommand('declare', {
        user: 'U0CAROL',
        channel: GENERAL_CHANNEL,
        responseUrl: `${s.slack.url}/r/d`,
      }),
    );
    expect(res.status).toBe(200);
    await eventually(
      () => s.logged('slack: unhandled listener error'),
      (l) => l.length > failures,
      { what: 'the failed modal logged' },
    );
    expect(s.slack.attempts.filter((a) => a.method === 'views.open').length - before).toBe(1);
  });
});
