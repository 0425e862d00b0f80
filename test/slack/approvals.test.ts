// Legal approval from Slack: the request lands in the legal channel with the draft excerpt, its hash and
// Approve / Reject; the workflow's validators decide, and a refused click is answered ephemerally with why.
import * as msg from '../../workflows/messages';
import { loadRunbookFile } from '../../src/temporal/incidents';
import { eventually, IncidentDriver } from '../support/incident-driver';
import { as, sampleFacts } from '../support/people';
import { buttonClick, postSigned, slashCommand, viewSubmission } from '../support/slack-requests';
import { LEGAL_CHANNEL, startSlackTestStack, type SlackTestStack } from '../support/slack-stack';
import type { FakeMessage } from '../support/fake-slack';
import { declareAs } from '../support/auth';

type Button = { action_id: string; value: string };

function buttons(m: FakeMessage | undefined): Button[] {
  return (m?.blocks ?? []).flatMap((b) =>
    ((b as { elements?: Button[] }).elements ?? []).filter((e) => e.action_id),
  );
}

describe('Slack: legal approval buttons', () => {
  let s: SlackTestStack;
  let inc: IncidentDriver;
  let channelId: string;
  beforeAll(async () => {
    s = await startSlackTestStack();
    const { incidentId } = await declareAs(s.stack.client, s.stack.temporal.taskQueue, {
      facts: sampleFacts({ awareAt: new Date().toISOString(), title: 'Payroll export leaked' }),
      runbook: loadRunbookFile(),
      actor: as('carol', 'slack'),
    });
    inc = new IncidentDriver(s.stack.client, incidentId);
    const channel = await eventually(
      () => s.slack.channelNamed(`inc-${incidentId.slice(4).toLowerCase()}-payroll`),
      (c) => !!c && c.pins.size === 1,
      { what: 'incident channel' },
    );
    channelId = channel!.id;
    await s.incidentOfChannel(channelId);
    await inc.send(msg.advancePhase, {
      actor: as('carol'),
      to: 'notify_customers',
      force: true,
      reason: 'test: straight to notices',
    });
  });
  afterAll(() => s.stop());

  const legalMessages = () => s.slack.channels.get(LEGAL_CHANNEL)!.messages;
  const ephemeralsTo = (user: string) =>
    s.slack
      .callsOf('chat.postEphemeral')
      .filter((c) => c.args.user === user && c.args.channel === LEGAL_CHANNEL);
  async function click(user: string, actionId: string, value: string): Promise<string> {
    const before = ephemeralsTo(user).length;
    const res = await postSigned(s.events, buttonClick({ user, channel: LEGAL_CHANNEL, actionId, value }));
    expect(res.status).toBe(200);
    if (actionId === 'incident_approval_reject') return '';
    const replies = await eventually(
      () => ephemeralsTo(user),
      (r) => r.length > before,
      { what: `reply to ${user}` },
    );
    return String(replies.at(-1)!.args.text);
  }

  it('posts the request to the legal channel; only legal approves; refusals say why', async () => {
    await postSigned(
      s.events,
      slashCommand('request customer_notice', {
        user: 'U0CAROL',
        channel: channelId,
        responseUrl: `${s.slack.url}/response/rq`,
      }),
    );
    const [request] = await eventually(legalMessages, (m) => m.length === 1, { what: 'approval request' });
    const view = await inc.view();
    const gate = view.gates.find((g) => g.id === 'customer_notice')!;
    expect(gate.status).toBe('pending');
    const blocksText = JSON.stringify(request!.blocks);
    expect(blocksText).toContain(gate.draft!.contentHash);
    expect(blocksText).toContain(`<#${channelId}>`);
    expect(blocksText).toContain(
      gate.draft!.excerpt.slice(0, 40).replace(/&/g, '&amp;').replace(/</g, '&lt;').split('\n')[0],
    );
    const [approve, reject] = buttons(request);
    expect([approve?.action_id, reject?.action_id]).toEqual([
      'incident_approval_approve',
      'incident_approval_reject',
    ]);
    expect(JSON.parse(approve!.value)).toEqual({
      incidentId: inc.incidentId,
      gateId: 'customer_notice',
      requestId: gate.requestId,
      contentHash: gate.draft!.contentHash,
    });

    // Not legal, own request, outsider: refused by the workflow, told ephemerally, nothing recorded.
    expect(await click('U0RICK', 'incident_approval_approve', approve!.value)).toMatch(
      /Approval refused: rick cannot approve "Customer notice": needs the legal or communications role/,
    );
    expect(await click('U0CAROL', 'incident_approval_approve', approve!.value)).toMatch(
      /refused: carol requested this approval and cannot approve or reject it \(four eyes\)/,
    );
    expect(await click('U0NOBODY', 'incident_approval_approve', approve!.value)).toMatch(
      /refused: U0NOBODY cannot approve/,
    );
    const stale = JSON.stringify({ ...JSON.parse(approve!.value), contentHash: 'e'.repeat(64) });
    expect(await click('U0LENA', 'incident_approval_approve', stale)).toMatch(
      /refused: the draft you saw \(eeeeeeeeeeee\) is no longer/,
    );
    expect((await inc.view()).gates.find((g) => g.id === 'customer_notice')!.votes).toEqual([]);

    // Legal approves: the gate advances and the request message is re-rendered in place.
    expect(await click('U0LENA', 'incident_approval_approve', approve!.value)).toMatch(
      /You approved Customer notice/,
    );
    const afterLena = (await inc.view()).gates.find((g) => g.id === 'customer_notice')!;
    expect(afterLena.votes.map((v) => [v.actor.id, v.role, v.actor.source])).toEqual([
      ['lena', 'legal', 'slack'],
    ]);
    await eventually(
      () => legalMessages()[0]!,
      (m) => JSON.stringify(m.blocks).includes('approved by Lena Legal (legal)'),
      { what: 'approval message updated' },
    );
    expect(await click('U0LEO', 'incident_approval_approve', approve!.value)).toMatch(
      /refused: .*needs the communications role/,
    );
    expect(await click('U0CAMI', 'incident_approval_approve', approve!.value)).toMatch(
      /You approved Customer notice .*\(approved\)/,
    );
    await eventually(
      () => legalMessages()[0]!,
      (m) => buttons(m).length === 0,
      { what: 'buttons gone once approved' },
    );
    expect(await click('U0LEO', 'incident_approval_approve', approve!.value)).toMatch(
      /refused: "Customer notice" was already approved/,
    );
    expect(legalMessages()).toHaveLength(1);
  });

  it('rejects through a modal asking for the reason', async () => {
    await postSigned(
      s.events,
      slashCommand('request regulator_notice', {
        user: 'U0RICK',
        channel: channelId,
        responseUrl: `${s.slack.url}/response/rq2`,
      }),
    );
    const messages = await eventually(legalMessages, (m) => m.length === 2, {
      what: 'second approval request',
    });
    const [, reject] = buttons(messages[1]);
    const opensBefore = s.slack.callsOf('views.open').length;
    await click('U0LEO', 'incident_approval_reject', reject!.value);
    const opened = await eventually(
      () => s.slack.callsOf('views.open'),
      (c) => c.length > opensBefore,
      { what: 'reject modal' },
    );
    const modal = opened.at(-1)!.args.view as { callback_id: string; private_metadata: string };
    expect(modal.callback_id).toBe('incident_approval_reject');

    // An empty reason keeps the modal open with an error.
    const empty = await postSigned(
      s.events,
      viewSubmission({
        user: 'U0LEO',
        viewId: 'VREJ1',
        callbackId: modal.callback_id,
        privateMetadata: modal.private_metadata,
        values: { reason: ' ' },
      }),
    );
    expect(await empty.json()).toEqual({ response_action: 'errors', errors: { reason: 'Say why.' } });

    const res = await postSigned(
      s.events,
      viewSubmission({
        user: 'U0LEO',
        viewId: 'VREJ1',
        callbackId: modal.callback_id,
        privateMetadata: modal.private_metadata,
        values: { reason: 'Art. 33 facts are incomplete <see ticket>' },
      }),
    );
    expect(res.status).toBe(200);
    const gate = await eventually(
      async () => (await inc.view()).gates.find((g) => g.id === 'regulator_notice')!,
      (g) => g.status === 'rejected',
      { what: 'regulator notice rejected' },
    );
    expect(gate.rejection).toMatchObject({
      actor: { id: 'leo', source: 'slack' },
      reason: 'Art. 33 facts are incomplete <see ticket>',
    });
    await eventually(
      () => legalMessages()[1]!,
      (m) => buttons(m).length === 0,
      { what: 'rejected request without buttons' },
    );
  });
});
