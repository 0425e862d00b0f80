// Pause, resume and cancel at any time, and a law-enforcement hold pausing the campaign until it ends. The
// worker's mail rate is limited so the campaign is slow enough to catch in the middle. No sleeps: a pause counts
// once the campaign says it is paused with no batch in flight, and from then on the sink and the ledgers must
// not move until the test itself resumes or cancels.
import * as msg from '../../workflows/messages';
import type { CampaignSummary } from '../../src/domain/campaign';
import { campaignTally } from '../../src/recipients/ledger';
import { TEST_KEYS, startTestStack, type TestStack } from '../support/temporal';
import { DIRECTORY } from '../support/people';
import type { IncidentDriver } from '../support/incident-driver';
import {
  approvedIncident,
  cami,
  carol,
  importPeople,
  lena,
  recipientsDir,
  rick,
  waitForCampaign,
} from './helpers';

describe('campaign control', () => {
  let stack: TestStack;
  const dir = recipientsDir();
  const notices = () => stack.sink.messages.filter((m) => m.messageId?.startsWith('<notice-')).length;
  beforeAll(async () => {
    stack = await startTestStack({
      directory: DIRECTORY,
      activityOverrides: { campaign: { recipientsDir: dir, ratePerSec: 50 } },
    });
  });
  afterAll(() => stack.stop());

  /** Waits until the campaign is paused for `reason` with every batch stopped; returns what was sent by then. */
  async function stoppedFor(inc: IncidentDriver, reason: string) {
    const { p, c } = await waitForCampaign(
      stack.client,
      inc,
      (p) => p.status === 'paused' && p.pausedBy.includes(reason) && p.inFlight === 0,
    );
    // Stopped batches have settled their messages and synced their ledgers: the two agree exactly.
    const sent = notices();
    expect(campaignTally(dir, c.listHash, c.campaignId).sent).toBe(sent);
    expect(p.remaining).toBeGreaterThan(0);
    return { sent, c };
  }

  /** Nothing moved: still paused with nothing in flight, and neither the sink nor the ledgers changed. */
  async function unchanged(inc: IncidentDriver, c: CampaignSummary, sent: number) {
    const { p } = await waitForCampaign(stack.client, inc, () => true);
    expect(p).toMatchObject({ status: 'paused', inFlight: 0 });
    expect(notices()).toBe(sent);
    expect(campaignTally(dir, c.listHash, c.campaignId).sent).toBe(sent);
  }

  it('pauses, resumes, pauses under a hold, and cancels', async () => {
    const listHash = await importPeople(dir, TEST_KEYS, 2_000);
    const inc = await approvedIncident(stack.client, stack.temporal.taskQueue);
    await inc.send(msg.startCampaign, {
      actor: cami,
      recipientsHash: listHash,
      batchSize: 100,
      heartbeatTimeoutMs: 2000,
    });
    await waitForCampaign(stack.client, inc, (p) => p.sent >= 100);

    await inc.refused(msg.pauseCampaign, { actor: rick }, 'not_authorized');
    const paused = await inc.send(msg.pauseCampaign, { actor: carol, reason: 'wording check' });
    expect(paused).toMatchObject({ status: 'paused', pausedBy: ['manual'] });
    const atPause = await stoppedFor(inc, 'manual');
    // A later event through the same workflow: a refused second pause. Nothing was sent meanwhile.
    await inc.refused(msg.pauseCampaign, { actor: carol }, 'invalid_state');
    await unchanged(inc, atPause.c, atPause.sent);

    await inc.send(msg.resumeCampaign, { actor: carol, reason: 'fine' });
    await waitForCampaign(stack.client, inc, (p) => p.status === 'running' && notices() > atPause.sent + 50);

    // A hold pauses the campaign; people cannot resume it, releasing the hold does.
    await inc.send(msg.placeHold, { actor: lena, agency: 'FBI', reference: 'case 7' });
    const atHold = await stoppedFor(inc, 'hold');
    await inc.refused(msg.resumeCampaign, { actor: carol }, 'invalid_state');
    await unchanged(inc, atHold.c, atHold.sent);
    await inc.send(msg.releaseHold, { actor: lena, reason: 'FBI cleared it' });
    await waitForCampaign(stack.client, inc, (p) => p.status === 'running' && notices() > atHold.sent + 50);

    // Cancelled while paused: the count is exact and the campaign cannot have finished first.
    await inc.send(msg.pauseCampaign, { actor: carol, reason: 'stop soon' });
    const atStop = await stoppedFor(inc, 'manual');
    await inc.send(msg.cancelCampaign, { actor: carol, reason: 'stop' });
    const { p, c } = await waitForCampaign(stack.client, inc, (_p, c) => c.status === 'cancelled');
    expect(p.status).toBe('cancelled');
    expect(c.sent).toBe(atStop.sent);
    expect(notices()).toBe(atStop.sent);
    expect(new Set(stack.sink.messages.map((m) => m.messageId)).size).toBe(stack.sink.messages.length);
    const types = await inc.types();
    expect(types).toEqual(
      expect.arrayContaining(['campaign.paused', 'campaign.resumed', 'campaign.cancelled', 'hold.placed']),
    );
    expect(types).not.toContain('notice.sent');
    expect((await inc.view()).gates.find((g) => g.id === 'customer_notice')?.noticeSent).toBeUndefined();
  });

  it('keeps the gate approved while a campaign sends it, and records the hash that went out', async () => {
    const listHash = await importPeople(dir, TEST_KEYS, 300);
    const inc = await approvedIncident(stack.client, stack.temporal.taskQueue);
    await inc.send(msg.startCampaign, { actor: cami, recipientsHash: listHash, batchSize: 100 });
    await inc.send(msg.pauseCampaign, { actor: carol, reason: 'facts changed' });
    await waitForCampaign(stack.client, inc, (p) => p.status === 'paused' && p.inFlight === 0);
    // New facts would make a new draft: asking for its approval now would un-approve what is going out.
    await inc.send(msg.updateFacts, {
      actor: carol,
      patch: { estimatedAffected: 4242 },
      reason: 'recount',
    });
    const refusal = await inc.refused(
      msg.requestApproval,
      { actor: carol, gateId: 'customer_notice' },
      'busy',
    );
    expect(refusal.message).toMatch(/a campaign is sending the approved "Customer notice"/);
    expect((await inc.view()).gates.find((g) => g.id === 'customer_notice')?.status).toBe('approved');

    await inc.send(msg.resumeCampaign, { actor: carol, reason: 'go on' });
    await waitForCampaign(stack.client, inc, (_p, c) => c.status === 'completed');
    const timeline = await inc.timeline();
    const started = timeline.find((e) => e.type === 'campaign.started')!;
    const sent = timeline.find((e) => e.type === 'notice.sent')!;
    expect(sent.details.contentHash).toBe(started.details.contentHash);
  });
});
