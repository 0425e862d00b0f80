// From /incident to a live incident channel, end to end: signed requests into the real HTTP app, the real
// workflow on a real Temporal server, and a fake Slack Web API that records every call.
import { WorkflowNotFoundError } from '@temporalio/client';
import { incidentHandle, incidentIdForRequest } from '../../src/temporal/incidents';
import { workflowIdFor } from '../../src/domain/incident';
import * as msg from '../../workflows/messages';
import { eventually, IncidentDriver } from '../support/incident-driver';
import { declareSubmission, postSigned, SIGNING_SECRET, slashCommand } from '../support/slack-requests';
import { BOT_TOKEN } from '../support/slack-requests';
import type { FakeMessage } from '../support/fake-slack';
import { GENERAL_CHANNEL, startSlackTestStack, type SlackTestStack } from '../support/slack-stack';

/** The task ids of the Complete buttons on a status message. */
function taskButtons(m: FakeMessage): string[] {
  return (m.blocks ?? [])
    .map((b) => b.accessory as { action_id?: string; value?: string } | undefined)
    .filter((a) => a?.action_id === 'incident_task_complete')
    .map((a) => (JSON.parse(a!.value!) as { taskId: string }).taskId);
}

describe('Slack: declaring and running an incident', () => {
  let s: SlackTestStack;
  beforeAll(async () => {
    s = await startSlackTestStack();
  });
  afterAll(() => s.stop());

  const responseUrl = () => `${s.slack.url}/response/${Math.random().toString(36).slice(2)}`;
  const replies = (url: string) =>
    s.slack.calls.filter((c) => c.method === 'response_url' && c.args.__url === url);

  it('refuses forged, stale and malformed requests and starts nothing', async () => {
    const cmd = slashCommand('declare', {
      user: 'U0CAROL',
      channel: GENERAL_CHANNEL,
      responseUrl: responseUrl(),
      triggerId: 'trig-forged',
    });
    const submit = declareSubmission({
      user: 'U0CAROL',
      viewId: 'VFORGED',
      values: { title: 'Forged incident', severity: 'sev1', awareAt: new Date() },
    });
    const now = Math.floor(Date.now() / 1000);
    const outcomes = await Promise.all([
      postSigned(s.events, submit, { secret: 'not-the-secret' }),
      postSigned(s.events, submit, { timestamp: now - 6 * 60 }),
      postSigned(s.events, submit, { timestamp: now + 6 * 60 }),
      postSigned(s.events, submit, { signature: 'v0=' + '0'.repeat(64) }),
      postSigned(s.events, submit, { signature: 'garbage' }),
      postSigned(s.events, cmd, { secret: 'not-the-secret' }),
      fetch(s.events, { method: 'POST', headers: { 'content-type': submit.contentType }, body: submit.body }),
    ]);
    expect(outcomes.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401, 401]);
    // Correctly signed but not a Slack request body: 400.
    const malformed = await postSigned(s.events, {
      body: 'payload=%7Bnot-json',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(malformed.status).toBe(400);
    const wrongType = await postSigned(s.events, { body: '<xml/>', contentType: 'text/xml' });
    expect(wrongType.status).toBe(400);

    expect(
      s
        .logged('slack: request refused')
        .map((l) => l.reason)
        .sort(),
    ).toEqual([
      'bad_signature',
      'bad_signature',
      'bad_signature',
      'malformed',
      'missing_headers',
      'stale',
      'stale',
    ]);

    // The same command correctly signed, sent after every forged one was answered: once its modal opens, the
    // app has handled everything before it, and the only trace in Slack is this one modal.
    await postSigned(
      s.events,
      slashCommand('declare', {
        user: 'U0CAROL',
        channel: GENERAL_CHANNEL,
        responseUrl: responseUrl(),
        triggerId: 'trig-signed',
      }),
    );
    await eventually(
      () => s.slack.callsOf('views.open'),
      (c) => c.length > 0,
      { what: 'the modal of the signed command' },
    );
    expect(s.slack.calls.filter((c) => c.method !== 'auth.test')).toEqual([
      { method: 'views.open', args: expect.objectContaining({ trigger_id: 'trig-signed' }) },
    ]);
    // The forged submission's incident (its id follows from the view id) was never started.
    const forged = incidentHandle(s.stack.client, incidentIdForRequest('slack-view:VFORGED'));
    await expect(forged.describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
    expect(s.logged('slack: incident declared')).toEqual([]);
  });

  it('declares from a signed slash command and modal; a retried submission starts nothing new', async () => {
    const cmd = slashCommand('', {
      user: 'U0CAROL',
      channel: GENERAL_CHANNEL,
      responseUrl: responseUrl(),
      triggerId: 'trig-1',
    });
    const ack = await postSigned(s.events, cmd);
    expect(ack.status).toBe(200);
    const opened = await eventually(
      () => s.slack.callsOf('views.open').filter((c) => c.args.trigger_id === 'trig-1'),
      (c) => c.length === 1,
      { what: 'views.open' },
    );
    expect(opened[0]!.args).toMatchObject({
      trigger_id: 'trig-1',
      view: { callback_id: 'incident_declare' },
    });
    expect(JSON.parse((opened[0]!.args.view as { private_metadata: string }).private_metadata)).toEqual({
      channel: GENERAL_CHANNEL,
    });

    const awareAt = new Date(Date.now() - 3_600_000);
    const submit = declareSubmission({
      user: 'U0CAROL',
      viewId: 'V0DECLARE1',
      channel: GENERAL_CHANNEL,
      values: {
        title: 'Customer DB exfiltrated <!channel>',
        severity: 'sev1',
        summary: 'Leaked API key & export of the customers table',
        dataCategories: ['name', 'email'],
        awareAt,
      },
    });
    // The view submission is acknowledged at once (empty 200); the workflow starts after the ack.
    const first = await postSigned(s.events, submit);
    expect(first.status).toBe(200);
    // Slack retries the same submission (new timestamp, same view id): same incident, nothing new.
    const retry = await postSigned(s.events, submit, { timestamp: Math.floor(Date.now() / 1000) + 1 });
    expect(retry.status).toBe(200);

    const incidentId = incidentIdForRequest('slack-view:V0DECLARE1');
    // Both deliveries handled: one started the incident, the other found it already started.
    const declared = await eventually(
      () => s.logged('slack: incident declared'),
      (l) => l.length === 2,
      { what: 'both deliveries of the submission handled' },
    );
    expect(declared.map((l) => l.incidentId)).toEqual([incidentId, incidentId]);
    expect(declared.map((l) => l.created).sort()).toEqual([false, true]);
    const ids = await eventually(
      () => s.incidents(),
      (w) => w.length >= 1,
      { what: 'the incident workflow' },
    );
    expect(ids).toEqual([workflowIdFor(incidentId)]);

    const inc = new IncidentDriver(s.stack.client, incidentId);
    const view = await inc.view();
    expect(view.declaredBy).toMatchObject({ id: 'carol', source: 'slack' });
    expect(view.facts).toMatchObject({
      title: 'Customer DB exfiltrated <!channel>',
      severity: 'sev1',
      reporter: 'carol',
      dataCategories: ['name', 'email'],
      awareAt: new Date(Math.floor(awareAt.getTime() / 1000) * 1000).toISOString(),
    });

    // The workflow's activities made the channel, invited reporter and on-call people, posted and pinned.
    const channel = await eventually(
      () => s.slack.channelNamed(`inc-${incidentId.slice(4).toLowerCase()}-customer-db-exfiltrated-channel`),
      (c) => !!c && c.pins.size === 1,
      { what: 'the incident channel with a pinned status' },
    );
    expect(s.slack.callsOf('conversations.create')).toHaveLength(1);
    // Incident channels are private: the title and the facts are not for the whole workspace.
    expect(String(s.slack.callsOf('conversations.create')[0]!.args.is_private)).toBe('true');
    expect([...channel!.members].sort()).toEqual(['U0CAROL', 'U0RICK', 'UBOT']);
    const status = channel!.messages.find((m) => channel!.pins.has(m.ts))!;
    expect(status.metadata?.event_payload).toEqual({ key: `${incidentId}:status` });
    expect(JSON.stringify(status.blocks)).toContain('&lt;!channel&gt;');
    expect(JSON.stringify(status.blocks)).not.toContain('<!channel>');
    // The declaring person hears back in the channel they typed in.
    expect(s.slack.callsOf('chat.postEphemeral')).toEqual([
      expect.objectContaining({
        args: expect.objectContaining({ channel: GENERAL_CHANNEL, user: 'U0CAROL' }),
      }),
    ]);
    await eventually(
      () => channel!.messages.filter((m) => m.metadata?.event_payload.key !== `${incidentId}:status`),
      (m) => m.length === 1,
      { what: 'the declaration notice' },
    );

    // Commands in the channel act as the Slack user and update the pinned status in place.
    expect(await s.incidentOfChannel(channel!.id)).toBe(incidentId);
    const updatesBefore = s.slack.callsOf('chat.update').length;
    const noteUrl = responseUrl();
    const note = await postSigned(
      s.events,
      slashCommand('note Attacker IP 203.0.113.7 <blocked>', {
        user: 'U0RICK',
        channel: channel!.id,
        responseUrl: noteUrl,
      }),
    );
    expect(note.status).toBe(200);
    await eventually(
      () => s.slack.callsOf('chat.update').length,
      (n) => n > updatesBefore,
      { what: 'chat.update' },
    );
    const update = s.slack.callsOf('chat.update').at(-1)!;
    expect(update.args).toMatchObject({ channel: channel!.id, ts: status.ts });
    const timeline = await inc.timeline();
    expect(timeline.at(-1)).toMatchObject({
      type: 'note.added',
      actor: { id: 'rick', source: 'slack', roles: ['responder'] },
      details: { text: 'Attacker IP 203.0.113.7 <blocked>' },
    });
    await eventually(
      () => replies(noteUrl),
      (r) => r.length === 1,
      { what: 'the reply to /incident note' },
    );

    // A task completed from Slack, then a status request answered with the status layout.
    await postSigned(
      s.events,
      slashCommand('task confirm-incident confirmed in the CRM audit log', {
        user: 'U0CAROL',
        channel: channel!.id,
        responseUrl: responseUrl(),
      }),
    );
    await eventually(
      async () => (await inc.view()).tasks.find((t) => t.id === 'confirm-incident'),
      (t) => t?.status === 'done',
      { what: 'the task completed' },
    );
    expect((await inc.view()).tasks.find((t) => t.id === 'confirm-incident')?.completedBy).toMatchObject({
      id: 'carol',
      source: 'slack',
    });
    await eventually(
      () => s.slack.channels.get(channel!.id)!.messages.find((m) => m.ts === status.ts)!,
      (m) => {
        const tasks = taskButtons(m);
        return tasks.length > 0 && !tasks.includes('confirm-incident');
      },
      { what: 'the status message without the done task button' },
    );

    // Someone outside the role directory may read the status but not change facts or close.
    const outsiderStatus = responseUrl();
    await postSigned(
      s.events,
      slashCommand('status', { user: 'U0NOBODY', channel: channel!.id, responseUrl: outsiderStatus }),
    );
    const [statusReply] = await eventually(
      () => replies(outsiderStatus),
      (r) => r.length === 1,
      { what: 'status reply' },
    );
    expect(statusReply!.args).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(statusReply!.args.blocks)).toContain(incidentId);
    for (const text of ['facts severity=sev3 | looks minor', 'close --force nothing to see']) {
      const url = responseUrl();
      await postSigned(
        s.events,
        slashCommand(text, { user: 'U0NOBODY', channel: channel!.id, responseUrl: url }),
      );
      const [reply] = await eventually(
        () => replies(url),
        (r) => r.length === 1,
        { what: `reply to ${text}` },
      );
      expect(reply!.args.text).toMatch(/refused: U0NOBODY may not (change facts|close the incident)/);
    }
    expect((await inc.view()).facts.severity).toBe('sev1');
    expect((await inc.view()).status).toBe('open');

    // Outside an incident channel, commands say so.
    const elsewhere = responseUrl();
    await postSigned(
      s.events,
      slashCommand('status', { user: 'U0CAROL', channel: GENERAL_CHANNEL, responseUrl: elsewhere }),
    );
    const [notHere] = await eventually(
      () => replies(elsewhere),
      (r) => r.length === 1,
      { what: 'not-an-incident reply' },
    );
    expect(notHere!.args.text).toMatch(/not an incident channel/);

    // Facts changed by a responder; close by the commander: both on the timeline as Slack actions.
    await postSigned(
      s.events,
      slashCommand('facts severity=sev2 estimatedAffected=1500 | archive table too', {
        user: 'U0RICK',
        channel: channel!.id,
        responseUrl: responseUrl(),
      }),
    );
    await eventually(
      async () => (await inc.view()).facts.severity,
      (sev) => sev === 'sev2',
      { what: 'facts change' },
    );
    await postSigned(
      s.events,
      slashCommand('close --force false alarm after all', {
        user: 'U0CAROL',
        channel: channel!.id,
        responseUrl: responseUrl(),
      }),
    );
    await eventually(
      async () => (await inc.view()).status,
      (st) => st === 'closed',
      { what: 'closed' },
    );
    const final = await inc.handle.result();
    expect(final.status).toBe('closed');
    const last = s.slack.channels.get(channel!.id)!.messages.find((m) => m.ts === status.ts)!;
    expect(last.text).toContain('closed');
    expect(JSON.stringify(last.blocks)).not.toContain('incident_task_complete');
    // Then its closing summary (escaped like every text), and the channel archived (see archive.test.ts).
    expect(s.slack.channels.get(channel!.id)!.messages.at(-1)!.text).toBe(
      `${incidentId} closed: Customer DB exfiltrated &lt;!channel&gt;`,
    );
    expect(s.slack.channels.get(channel!.id)!.archived).toBe(true);
    // The bot token went to Slack and nowhere else in the calls.
    expect([...s.slack.tokens]).toEqual([BOT_TOKEN]);
    expect(JSON.stringify(s.slack.calls)).not.toContain(SIGNING_SECRET);
    // Nor did the token or the signing secret reach the app's log.
    expect(s.logs.length).toBeGreaterThan(0);
    expect(JSON.stringify(s.logs)).not.toContain(BOT_TOKEN);
    expect(JSON.stringify(s.logs)).not.toContain(SIGNING_SECRET);
    expect(msg.getIncident.name).toBe('getIncident');
  });
});
