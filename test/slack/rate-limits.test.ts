// Slack rate limits and outages: 429s wait for Retry-After, 500s retry with backoff, a lost answer does not
// post twice — every message arrives exactly once, and the incident itself never waits for Slack.
import * as msg from '../../workflows/messages';
import { loadRunbookFile } from '../../src/temporal/incidents';
import { eventually, IncidentDriver } from '../support/incident-driver';
import { as, sampleFacts } from '../support/people';
import { startSlackTestStack, type SlackTestStack } from '../support/slack-stack';
import { declareAs } from '../support/auth';

describe('Slack: retries under rate limits and outages', () => {
  let s: SlackTestStack;
  beforeAll(async () => {
    s = await startSlackTestStack();
  });
  afterAll(() => s.stop());

  it('delivers every message exactly once under 429s, 500s and lost answers', async () => {
    s.slack.inject('conversations.create', { status: 429, retryAfter: 1 }, { status: 'lost' });
    s.slack.inject('conversations.invite', { status: 429, retryAfter: 1 });
    s.slack.inject('chat.postMessage', { status: 429, retryAfter: 1 }, { status: 500 }, { status: 'lost' });
    s.slack.inject('pins.add', { status: 429, retryAfter: 1 });
    s.slack.inject('chat.update', { status: 429, retryAfter: 1 });

    const started = Date.now();
    const { incidentId } = await declareAs(s.stack.client, s.stack.temporal.taskQueue, {
      facts: sampleFacts({ awareAt: new Date().toISOString(), title: 'Rate limited' }),
      runbook: loadRunbookFile(),
      actor: as('carol', 'slack'),
    });
    const inc = new IncidentDriver(s.stack.client, incidentId);
    // The incident does not wait for Slack: commands go through while Slack is still refusing.
    await inc.send(msg.addNote, { actor: as('rick', 'slack'), text: 'working while Slack is slow' });

    const channel = await eventually(
      () => s.slack.channelNamed(`inc-${incidentId.slice(4).toLowerCase()}-rate-limited`),
      (c) => !!c && c.pins.size === 1 && c.messages.length === 2,
      { what: 'channel with pinned status and the declaration notice', timeoutMs: 60_000 },
    );
    // The note above was already in the first status (changes coalesce); this one needs an update.
    await inc.send(msg.addNote, { actor: as('rick', 'slack'), text: 'Slack is back' });
    await eventually(
      () => s.slack.callsOf('chat.update').length,
      (n) => n >= 1,
      { what: 'status updated after the note', timeoutMs: 30_000 },
    );

    const ch = channel!;
    const keys = ch.messages.map((m) => String(m.metadata?.event_payload.key ?? ''));
    expect(keys.filter((k) => k === `${incidentId}:status`)).toHaveLength(1);
    expect(keys.filter((k) => k.startsWith(`${incidentId}:notice-1:`))).toHaveLength(1);
    expect(s.slack.channels.size).toBe(3); // legal, general and exactly one incident channel
    expect([...ch.members].sort()).toEqual(['U0CAROL', 'U0RICK', 'UBOT']);
    // Every injected failure was actually met, and the 429s were waited out (Retry-After: 1s).
    const failed = s.slack.attempts.filter((a) => a.status !== 200).map((a) => a.method);
    expect(failed.sort()).toEqual(
      [
        'chat.postMessage',
        'chat.postMessage',
        'chat.postMessage',
        'chat.update',
        'conversations.create',
        'conversations.create',
        'conversations.invite',
        'pins.add',
      ].sort(),
    );
    expect(Date.now() - started).toBeGreaterThan(3000);
    const status = ch.messages.find((m) => ch.pins.has(m.ts))!;
    expect(s.slack.callsOf('chat.update').every((c) => c.args.ts === status.ts)).toBe(true);
  });
});
