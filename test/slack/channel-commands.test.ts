// Running an incident from its channel: `/incident advance` and `/incident notice-sent` send the same workflow
// updates as `breachplan advance` / `breachplan notice-sent`, as the Slack user; the workflow decides, and a
// refusal comes back ephemerally saying why (or, for a malformed command, which field is wrong). Mentioning the
// app (`@breachplan note …`, an Events API app_mention) does the same in the channel it is typed in.
import { defaultPayloadConverter } from '@temporalio/common';
import * as msg from '../../workflows/messages';
import { EncryptionCodec } from '../../src/temporal/codec';
import { loadRunbookFile } from '../../src/temporal/incidents';
import { eventually, IncidentDriver } from '../support/incident-driver';
import { as, sampleFacts } from '../support/people';
import { appMention, json, postSigned, slashCommand } from '../support/slack-requests';
import { GENERAL_CHANNEL, startSlackTestStack, type SlackTestStack } from '../support/slack-stack';
import { TEST_KEYS } from '../support/temporal';
import { declareAs } from '../support/auth';

describe('Slack: running an incident from its channel', () => {
  let s: SlackTestStack;
  let inc: IncidentDriver;
  let channelId: string;
  beforeAll(async () => {
    s = await startSlackTestStack();
    const { incidentId } = await declareAs(s.stack.client, s.stack.temporal.taskQueue, {
      // A long summary: the pinned status shows its start, and only that goes into each status update.
      facts: sampleFacts({
        awareAt: new Date().toISOString(),
        title: 'Badge system breach',
        summary: 'Badge readers sent entry logs to an open bucket. '.repeat(200),
      }),
      runbook: loadRunbookFile(),
      actor: as('carol', 'slack'),
    });
    inc = new IncidentDriver(s.stack.client, incidentId);
    const channel = await eventually(
      () => s.slack.channelNamed(`inc-${incidentId.slice(4).toLowerCase()}-badge`),
      (c) => !!c && c.pins.size === 1,
      { what: 'incident channel' },
    );
    channelId = channel!.id;
    await s.incidentOfChannel(channelId);
  });
  afterAll(() => s.stop());

  let replies = 0;
  /** `/incident <text>` typed by `user` in the incident channel; resolves to the ephemeral reply's text. */
  async function command(user: string, text: string): Promise<string> {
    const url = `${s.slack.url}/response/cmd-${++replies}`;
    const res = await postSigned(
      s.events,
      slashCommand(text, { user, channel: channelId, responseUrl: url }),
    );
    expect(res.status).toBe(200);
    const body = await res.text();
    // Usage errors are answered in the acknowledgement itself; everything else after it, at the response_url.
    if (body) return (JSON.parse(body) as { text: string }).text;
    const [reply] = await eventually(
      () => s.slack.calls.filter((c) => c.method === 'response_url' && c.args.__url === url),
      (r) => r.length === 1,
      { what: `the reply to /incident ${text}` },
    );
    expect(reply!.args.response_type).toBe('ephemeral');
    return String(reply!.args.text);
  }
  const phase = async () => (await inc.view()).phases.filter((p) => p.status === 'active').map((p) => p.id);

  it('lists advance and notice-sent in /incident help', async () => {
    const help = await command('U0RICK', 'help');
    expect(help).toContain('`/incident advance [<phase-id>] [--force <why>]`');
    expect(help).toContain('`/incident notice-sent <gate-id> channel=');
  });

  it('advances the phase as the Slack user, within the workflow rules', async () => {
    expect(await command('U0RICK', 'advance')).toMatch(
      /^:no_entry: \/incident advance refused: rick may not advance the phase: needs the commander role$/,
    );
    expect(await command('U0CAROL', 'advance')).toMatch(
      /refused: required tasks still open: confirm-incident, open-privileged-channel, initial-scope \(use force with a reason\)/,
    );
    expect(await command('U0CAROL', 'advance contain --force')).toMatch(
      /refused: a forced advance needs a reason/,
    );
    expect(await command('U0CAROL', 'advance nowhere')).toMatch(/^to: Invalid option: expected one of/);
    expect(await phase()).toEqual(['triage']);

    expect(await command('U0CAROL', 'advance notify_customers --force breach confirmed by the vendor')).toBe(
      `:arrow_forward: ${inc.incidentId} is now in Notify customers + Inform authorities.`,
    );
    expect(await phase()).toEqual(['notify_customers', 'inform_authorities']);
    const entries = (await inc.timeline()).filter((e) => e.type.startsWith('phase.'));
    expect(entries.slice(1).map((e) => [e.type, e.details.phase, e.actor.id, e.actor.source])).toEqual([
      ['phase.completed', 'triage', 'carol', 'slack'],
      ['phase.completed', 'contain', 'carol', 'slack'],
      ['phase.completed', 'investigate', 'carol', 'slack'],
      ['phase.started', 'notify_customers', 'carol', 'slack'],
      ['phase.started', 'inform_authorities', 'carol', 'slack'],
    ]);
    expect(entries[1]!.details).toMatchObject({ forced: true, reason: 'breach confirmed by the vendor' });
    expect(entries[2]!.details).toMatchObject({ skipped: true, reason: 'breach confirmed by the vendor' });
  });

  it('records a notice sent outside Breachplan, only once approved', async () => {
    expect(await command('U0CAMI', 'notice-sent customer_notice channel=email recipients=lots')).toMatch(
      /^recipients: Invalid input: expected number/,
    );
    expect(await command('U0CAMI', 'notice-sent customer_notice channel=post')).toMatch(
      /refused: "Customer notice" is not approved \(status not_requested\): nothing may be sent/,
    );
    const r = await inc.send(msg.requestApproval, { actor: as('carol'), gateId: 'customer_notice' });
    const ask = { gateId: 'customer_notice', requestId: r.requestId, contentHash: r.draft.contentHash };
    await inc.send(msg.approve, { actor: as('lena'), ...ask });
    await inc.send(msg.approve, { actor: as('cami'), ...ask });

    expect(await command('U0RICK', 'notice-sent customer_notice channel=post')).toMatch(
      /refused: rick may not record a notice as sent: needs the commander or legal or communications role/,
    );
    expect(
      await command(
        'U0CAMI',
        'notice-sent customer_notice channel=post reference="letter batch 7" recipients=1200',
      ),
    ).toBe(':outbox_tray: Customer notice recorded as sent via post.');
    const view = await inc.view();
    expect(view.gates.find((g) => g.id === 'customer_notice')!.noticeSent).toMatchObject({
      channel: 'post',
      reference: 'letter batch 7',
      recipients: 1200,
      // The Slack edge signed how it knew her: her Slack user id in the workspace the request came from.
      actor: {
        id: 'cami',
        source: 'slack',
        principal: { personId: 'cami', method: 'slack', subject: 'U0CAMI', issuer: 'T1', edge: 'slack' },
      },
    });
    expect(view.deadlines.find((d) => d.id === 'customer-notice-30d')!.status).toBe('met');
    expect(await command('U0CAMI', 'notice-sent customer_notice channel=post')).toMatch(
      /refused: "Customer notice" was already recorded as sent/,
    );
  });

  let events = 0;
  const ephemerals = (user: string, channel: string) =>
    s.slack.callsOf('chat.postEphemeral').filter((c) => c.args.user === user && c.args.channel === channel);
  /** `@breachplan <text>` by `user` (in the incident channel unless told); resolves to the ephemeral reply. */
  async function mention(
    user: string,
    text: string,
    o: { channel?: string; eventId?: string; retry?: number } = {},
  ): Promise<{ text: string; blocks?: unknown }> {
    const channel = o.channel ?? channelId;
    const before = ephemerals(user, channel).length;
    const event = appMention({
      user,
      channel,
      text: `<@UBOT> ${text}`,
      eventId: o.eventId ?? `Ev${++events}`,
    });
    const retry: Record<string, string> = o.retry
      ? { 'x-slack-retry-num': String(o.retry), 'x-slack-retry-reason': 'http_timeout' }
      : {};
    const res = await postSigned(s.events, event, { headers: retry });
    expect(res.status).toBe(200);
    const replies = await eventually(
      () => ephemerals(user, channel),
      (r) => r.length > before,
      { what: `the reply to @breachplan ${text}` },
    );
    expect(replies).toHaveLength(before + 1);
    return replies.at(-1)!.args as { text: string; blocks?: unknown };
  }

  it("acts on the channel's incident when mentioned, as the person mentioning", async () => {
    const status = await mention('U0NOBODY', 'status');
    expect(status.text).toMatch(new RegExp(`^${inc.incidentId}: Badge system breach`));
    expect(JSON.stringify(status.blocks)).toContain('Tasks of the current phase');

    for (const words of ['help', '']) {
      const help = await mention('U0RICK', words);
      expect(help.text).toContain('`/incident advance [<phase-id>] [--force <why>]`');
      expect(help.text).toContain(
        'Or mention <@UBOT> in an incident channel with the same words: <@UBOT> status',
      );
    }
    expect((await mention('U0RICK', 'declare')).text).toMatch(
      /needs the slash command: `\/incident declare`/,
    );
    expect((await mention('U0RICK', 'frobnicate')).text).toMatch(/^unknown subcommand "frobnicate"/);
    expect((await mention('U0NOBODY', 'close --force nothing to see')).text).toBe(
      ':no_entry: <@UBOT> close refused: U0NOBODY may not close the incident: needs the commander role',
    );

    const note = await mention('U0RICK', 'note badge reader firmware <v2.1> rolled back', {
      eventId: 'EvNOTE1',
    });
    expect(note.text).toMatch(/^:memo: Note added to the timeline \(#\d+\)\.$/);
    // Slack redelivers the event (same event id): the same update, applied once, answered again.
    expect(
      await mention('U0RICK', 'note badge reader firmware <v2.1> rolled back', {
        eventId: 'EvNOTE1',
        retry: 1,
      }),
    ).toEqual(note);
    const notes = (await inc.timeline()).filter((e) => e.type === 'note.added');
    expect(notes.map((e) => [e.details.text, e.actor.id, e.actor.source])).toEqual([
      ['badge reader firmware <v2.1> rolled back', 'rick', 'slack'],
    ]);
    // A mention (Events API) carries the team id too.
    expect(notes[0]!.actor.principal).toEqual({
      personId: 'rick',
      method: 'slack',
      subject: 'U0RICK',
      issuer: 'T1',
      edge: 'slack',
    });
    expect(note.text).toContain(`(#${notes[0]!.seq})`);
  });

  it('outside an incident channel, says how to use it', async () => {
    const reply = await mention('U0CAROL', 'note this goes nowhere', { channel: GENERAL_CHANNEL });
    expect(reply.text).toMatch(
      /^I act on the incident of the channel I am mentioned in, and this is not an incident channel/,
    );
    expect(reply.text).toContain('`/incident declare`');
    expect(reply.text).toContain('<@UBOT> note <text>');
    expect((await inc.timeline()).some((e) => e.details.text === 'this goes nowhere')).toBe(false);
  });

  it('checks the signature of events; url_verification still answers when signed', async () => {
    const challenge = json({
      token: 'legacy-verification-token',
      challenge: 'c-123',
      type: 'url_verification',
    });
    const verified = await postSigned(s.events, challenge);
    expect([verified.status, await verified.json()]).toEqual([200, { challenge: 'c-123' }]);
    expect((await postSigned(s.events, challenge, { secret: 'not-the-secret' })).status).toBe(401);

    const forged = appMention({
      user: 'U0RICK',
      channel: channelId,
      text: '<@UBOT> note forged note',
      eventId: 'EvFORGED',
    });
    const before = ephemerals('U0RICK', channelId).length;
    expect((await postSigned(s.events, forged, { secret: 'not-the-secret' })).status).toBe(401);
    // A signed mention after it: once it is answered, the forged one would have been too.
    expect((await mention('U0RICK', 'note signed note')).text).toMatch(/^:memo: Note added/);
    expect(ephemerals('U0RICK', channelId)).toHaveLength(before + 1);
    const texts = (await inc.timeline()).map((e) => e.details.text);
    expect(texts).toContain('signed note');
    expect(texts).not.toContain('forged note');
  });

  it('keeps each status update in history small: the compact status, not the incident view', async () => {
    const history = await inc.handle.fetchHistory();
    const inputs = (history.events ?? [])
      .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'publishSlackStatus')
      .map((e) => e.activityTaskScheduledEventAttributes!.input!.payloads![0]!);
    expect(inputs.length).toBeGreaterThan(5);
    // The view (a 10 KB summary, tasks, gates, obligations, deadlines) would be well over 10 KB each.
    for (const p of inputs) expect(p.data!.length).toBeLessThan(5_000);
    const requests = (await new EncryptionCodec(TEST_KEYS).decode(inputs)).map((p) =>
      defaultPayloadConverter.fromPayload<Record<string, unknown>>(p),
    );
    for (const r of requests) {
      expect(r).not.toHaveProperty('view');
      expect(r.status).toMatchObject({ incidentId: inc.incidentId, title: 'Badge system breach' });
    }
  });
});
