// Pause, resume and cancel at any time, and a law-enforcement hold pausing the campaign until it ends. The
// worker's mail rate is limited so the campaign is slow enough to catch in the middle.
import * as msg from '../../workflows/messages';
import { TEST_KEYS, startTestStack, type TestStack } from '../support/temporal';
import { DIRECTORY } from '../support/people';
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('campaign control', () => {
  let stack: TestStack;
  const dir = recipientsDir();
  const notices = () => stack.sink.messages.filter((m) => m.messageId?.startsWith('<notice-')).length;
  beforeAll(async () => {
    stack = await startTestStack({
      directory: DIRECTORY,
      activityOverrides: { campaign: { recipientsDir: dir, ratePerSec: 80 } },
    });
  });
  afterAll(() => stack.stop());

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
    await waitForCampaign(stack.client, inc, (p) => p.status === 'paused');
    await sleep(1500); // in-flight messages settle
    const atPause = notices();
    await sleep(1500);
    expect(notices()).toBe(atPause);
    await inc.refused(msg.pauseCampaign, { actor: carol }, 'invalid_state');

    await inc.send(msg.resumeCampaign, { actor: carol, reason: 'fine' });
    await waitForCampaign(stack.client, inc, (p) => p.status === 'running' && p.sent > atPause + 50);

    // A hold pauses the campaign; people cannot resume it, releasing the hold does.
    await inc.send(msg.placeHold, { actor: lena, agency: 'FBI', reference: 'case 7' });
    await waitForCampaign(stack.client, inc, (p) => p.status === 'paused' && p.pausedBy.includes('hold'));
    await inc.refused(msg.resumeCampaign, { actor: carol }, 'invalid_state');
    await sleep(1500);
    const atHold = notices();
    await sleep(1500);
    expect(notices()).toBe(atHold);
    await inc.send(msg.releaseHold, { actor: lena, reason: 'FBI cleared it' });
    await waitForCampaign(stack.client, inc, (p) => p.status === 'running' && p.sent > atHold + 50);

    await inc.send(msg.cancelCampaign, { actor: carol, reason: 'stop' });
    const { p, c } = await waitForCampaign(stack.client, inc, (_p, c) => c.status === 'cancelled');
    expect(p.status).toBe('cancelled');
    expect(c.sent).toBeLessThan(2_000);
    await sleep(1000);
    expect(notices()).toBe(c.sent);
    expect(new Set(stack.sink.messages.map((m) => m.messageId)).size).toBe(stack.sink.messages.length);
    const types = await inc.types();
    expect(types).toEqual(
      expect.arrayContaining(['campaign.paused', 'campaign.resumed', 'campaign.cancelled', 'hold.placed']),
    );
    expect(types).not.toContain('notice.sent');
    expect((await inc.view()).gates.find((g) => g.id === 'customer_notice')?.noticeSent).toBeUndefined();
  });
});
