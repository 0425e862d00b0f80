// While a campaign is sending the customer notice, the incident can neither close (not even with force) nor
// have that notice recorded as sent by hand; once the incident is closed, campaign controls are refused.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import * as msg from '../../workflows/messages';
import { TEST_KEYS, TEST_SIGNER, startTestStack, type TestStack } from '../support/temporal';
import { DIRECTORY } from '../support/people';
import { approvedIncident, cami, carol, importPeople, recipientsDir, waitForCampaign } from './helpers';

describe('campaign guards on the incident', () => {
  let stack: TestStack;
  const dir = recipientsDir();
  // Archiving at close waits for the test: the closed incident stays alive long enough to receive updates.
  let releaseArchive!: () => void;
  const archiveHeld = new Promise<void>((r) => (releaseArchive = r));
  const heldService = new Proxy(
    {},
    {
      get: () => async () => {
        await archiveHeld;
        throw ApplicationFailure.nonRetryable('archive off in this test', 'TestArchiveOff');
      },
    },
  );
  beforeAll(async () => {
    stack = await startTestStack({
      directory: DIRECTORY,
      activityOverrides: {
        campaign: { recipientsDir: dir, ratePerSec: 50 },
        archive: {
          archiveDir: mkdtempSync(join(tmpdir(), 'bp-archive-')),
          signer: () => TEST_SIGNER,
          workflowService: () => heldService as never,
        },
      },
    });
  });
  afterAll(async () => {
    releaseArchive();
    await stack.stop();
  });

  it('refuses close and recordNoticeSent while a campaign runs, and controls once closed', async () => {
    const listHash = await importPeople(dir, TEST_KEYS, 1_000);
    const inc = await approvedIncident(stack.client, stack.temporal.taskQueue);
    await inc.send(msg.startCampaign, { actor: cami, recipientsHash: listHash, batchSize: 100 });
    await waitForCampaign(stack.client, inc, (p) => p.status === 'running' && p.sent > 0);

    const close = await inc.refused(
      msg.closeIncident,
      { actor: carol, reason: 'done', force: false },
      'campaign_active',
    );
    expect(close.message).toMatch(/campaign .* is running: cancel it/);
    const forced = await inc.refused(
      msg.closeIncident,
      { actor: carol, reason: 'done', force: true },
      'campaign_active',
    );
    expect(forced.message).toMatch(/force does not override this/);
    const sent = await inc.refused(
      msg.recordNoticeSent,
      { actor: carol, gateId: 'customer_notice', channel: 'email' },
      'campaign_active',
    );
    expect(sent.message).toMatch(/a campaign is sending this notice/);

    await inc.send(msg.cancelCampaign, { actor: carol, reason: 'stop' });
    await waitForCampaign(stack.client, inc, (_p, c) => c.status === 'cancelled');
    await inc.send(msg.closeIncident, { actor: carol, reason: 'done', force: true });

    for (const def of [msg.pauseCampaign, msg.resumeCampaign, msg.cancelCampaign]) {
      const r = await inc.refused(def, { actor: carol, reason: 'late' }, 'closed');
      expect(r.message).toMatch(/is closed/);
    }
    expect(await inc.types()).not.toContain('notice.sent');
    releaseArchive();
  });
});
