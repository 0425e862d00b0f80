// At close the incident channel gets a closing summary and is archived, exactly once even when Slack's answer
// is lost; when Slack refuses (app removed from the channel, scope missing) the incident still closes and its
// timeline says why the channel was not archived.
import { ArchiveStore } from '../../src/audit/archive';
import type { TimelineExport } from '../../src/audit/export';
import { loadRunbookFile } from '../../src/temporal/incidents';
import * as msg from '../../workflows/messages';
import type { FakeChannel } from '../support/fake-slack';
import { eventually, IncidentDriver } from '../support/incident-driver';
import { as, sampleFacts } from '../support/people';
import { startSlackTestStack, type SlackTestStack } from '../support/slack-stack';
import { declareAs } from '../support/auth';

describe('Slack: the incident channel at close', () => {
  let s: SlackTestStack;
  beforeAll(async () => {
    s = await startSlackTestStack();
  });
  afterAll(() => s.stop());

  async function openIncident(title: string): Promise<{ inc: IncidentDriver; channel: FakeChannel }> {
    const { incidentId } = await declareAs(s.stack.client, s.stack.temporal.taskQueue, {
      facts: sampleFacts({ awareAt: new Date().toISOString(), title }),
      runbook: loadRunbookFile(),
      actor: as('carol', 'slack'),
    });
    const channel = await eventually(
      () => s.slack.channelNamed(`inc-${incidentId.slice(4).toLowerCase()}-`),
      (c) => !!c && c.pins.size === 1,
      { what: 'incident channel with its status' },
    );
    return { inc: new IncidentDriver(s.stack.client, incidentId), channel: channel! };
  }
  async function close(inc: IncidentDriver) {
    await inc.send(msg.closeIncident, {
      actor: as('carol', 'slack'),
      reason: 'Contained <for good>; no data left the network',
      force: true,
    });
    expect((await inc.handle.result()).status).toBe('closed');
  }
  const callsIn = (method: string, channel: FakeChannel) =>
    s.slack.calls.filter((c) => c.method === method && c.args.channel === channel.id);
  const summaries = (inc: IncidentDriver, channel: FakeChannel) =>
    channel.messages.filter((m) => m.metadata?.event_payload.key === `${inc.incidentId}:closing-summary`);

  it('posts a closing summary after the last status, then archives, once even when the answer is lost', async () => {
    const { inc, channel } = await openIncident('Laptop stolen');
    await inc.send(msg.completeTask, {
      actor: as('carol'),
      taskId: 'confirm-incident',
      note: 'police report',
    });
    s.slack.inject('conversations.archive', { status: 'lost' });
    await close(inc);

    expect(channel.archived).toBe(true);
    const [summary, ...more] = summaries(inc, channel);
    expect(more).toEqual([]);
    expect(channel.messages.at(-1)).toBe(summary);
    expect(summary!.text).toBe(`${inc.incidentId} closed: Laptop stolen`);
    const shown = JSON.stringify(summary!.blocks);
    expect(shown).toContain('Contained &lt;for good&gt;; no data left the network');
    const view = await inc.view();
    expect(shown).toContain(
      `${view.tasks.filter((t) => t.status === 'done').length} of ${view.tasks.length} done`,
    );
    expect(shown).toContain('by Carol Commander');
    // Order in Slack: the status showing "closed", the summary, the archive; its retry looks for the summary
    // first (found: not posted again), then archives again (already archived: done).
    const order = s.slack.calls
      .filter((c) => c.args.channel === channel.id)
      .map((c) =>
        c.method === 'chat.update' ? `update:${String(c.args.text).includes('closed')}` : c.method,
      );
    expect(order.slice(order.lastIndexOf('update:true'))).toEqual([
      'update:true',
      'chat.postMessage',
      'conversations.archive',
      'conversations.history',
      'conversations.archive',
    ]);

    const timeline = await inc.timeline();
    expect(timeline.slice(-2).map((e) => e.type)).toEqual(['incident.closed', 'slack.channel_archived']);
    expect(timeline.at(-1)!.details).toEqual({
      channelId: channel.id,
      alreadyArchived: true, // the first attempt archived it; its answer was lost
      summaryPosted: true,
    });
    // The archived timeline (written after) ends with it too.
    const archived = JSON.parse(
      new ArchiveStore(s.stack.archiveDir).readTimelineText(inc.incidentId),
    ) as TimelineExport;
    expect(archived.entries.at(-1)!.type).toBe('slack.channel_archived');
  });

  it('records on the timeline that the app was removed from the channel, and closes anyway', async () => {
    const { inc, channel } = await openIncident('Printer queue leak');
    channel.members.delete('UBOT');
    await close(inc);

    expect(channel.archived).toBe(false);
    expect(callsIn('conversations.archive', channel)).toHaveLength(1); // not retried
    const last = (await inc.timeline()).at(-1)!;
    expect(last).toMatchObject({
      type: 'slack.channel_archive_failed',
      summary: 'Slack channel not archived',
      actor: { id: 'breachplan', source: 'system' },
      details: {
        channelId: channel.id,
        error: 'ApplicationFailure:SlackRejected',
        reason: expect.stringMatching(
          /Slack answered not_in_channel: the app is not a member of the channel/,
        ),
      },
    });
  });

  it('records a missing scope by name, and closes anyway', async () => {
    const { inc, channel } = await openIncident('Shared drive exposed');
    s.slack.inject('conversations.archive', { status: 200, error: 'missing_scope', needed: 'groups:write' });
    await close(inc);

    expect(channel.archived).toBe(false);
    expect(summaries(inc, channel)).toHaveLength(1);
    expect(callsIn('conversations.archive', channel)).toHaveLength(1);
    expect((await inc.timeline()).at(-1)).toMatchObject({
      type: 'slack.channel_archive_failed',
      details: { reason: expect.stringMatching(/missing_scope: the app lacks the groups:write scope/) },
    });
  });

  it('takes a channel someone archived already as archived', async () => {
    const { inc, channel } = await openIncident('Vendor portal breach');
    channel.archived = true;
    await close(inc);

    expect(summaries(inc, channel)).toEqual([]);
    expect((await inc.timeline()).at(-1)).toMatchObject({
      type: 'slack.channel_archived',
      summary: 'Slack channel already archived',
      details: { alreadyArchived: true, summaryPosted: false },
    });
  });
});
