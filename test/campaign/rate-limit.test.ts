// The mail provider's rate limit holds for a campaign as a whole: two workers, each running one of the
// campaign's two parallel batches, together stay under the configured notices per second.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { type MailSink, startMailSink } from '../../src/dev/mail-sink';
import { formatCodecKeys } from '../../src/temporal/codec';
import * as msg from '../../workflows/messages';
import { TEST_KEYS, serverAddress, testClient } from '../support/temporal';
import { type WorkerChild, startWorkerChild } from '../support/worker-child';
import { approvedIncident, cami, importPeople, recipientsDir, waitForCampaign } from './helpers';

const RATE = 40;
const N = 400;

describe('campaign rate limit', () => {
  let client: Client;
  let sink: MailSink;
  const workers: WorkerChild[] = [];
  const dir = recipientsDir();
  const taskQueue = `campaign-rate-${randomUUID()}`;
  const arrivals: number[] = [];

  beforeAll(async () => {
    sink = await startMailSink({ keepInMemory: false });
    sink.failRecipient = () => {
      arrivals.push(Date.now());
      return undefined;
    };
    client = await testClient();
    for (let i = 0; i < 2; i++) {
      workers.push(
        await startWorkerChild({
          BP_ADDRESS: serverAddress(),
          BP_TASK_QUEUE: taskQueue,
          BP_BUNDLE: process.env.BREACHPLAN_TEST_WORKFLOW_BUNDLE!,
          BP_SMTP_PORT: String(sink.port),
          BP_CODEC_KEYS: formatCodecKeys(TEST_KEYS),
          BP_RECIPIENTS_DIR: dir,
          BP_NO_DIRECTORY: '1',
          BP_MAIL_RATE_PER_SEC: String(RATE),
          // One activity at a time each: the two batches run on different workers.
          BP_MAX_ACTIVITIES: '1',
        }),
      );
    }
  });
  afterAll(async () => {
    for (const w of workers) await w.kill();
    await client.connection.close();
    await sink.close();
  });

  it('sends no faster than the limit across workers', async () => {
    const listHash = await importPeople(dir, TEST_KEYS, N);
    const inc = await approvedIncident(client, taskQueue);
    await inc.send(msg.startCampaign, {
      actor: cami,
      recipientsHash: listHash,
      batchSize: N / 2,
      parallel: 2,
    });
    const { p } = await waitForCampaign(client, inc, (x) => x.status === 'completed', 120_000);
    expect(p).toMatchObject({ sent: N, failed: 0 });
    expect(arrivals).toHaveLength(N);

    // The busiest two seconds of the campaign (SMTP connections opening can bunch a few messages), and its
    // whole span: a worker-local limit would give twice the rate.
    arrivals.sort((a, b) => a - b);
    let busiest = 0;
    for (let i = 0, j = 0; i < arrivals.length; i++) {
      while (arrivals[i]! - arrivals[j]! >= 2000) j++;
      busiest = Math.max(busiest, i - j + 1);
    }
    const spanSec = (arrivals.at(-1)! - arrivals[0]!) / 1000;
    console.log(`rate limit ${RATE}/s: ${N} notices in ${spanSec.toFixed(1)} s, busiest 2 s ${busiest}`);
    expect(busiest).toBeLessThanOrEqual(2 * RATE * 1.2);
    expect(spanSec).toBeGreaterThanOrEqual(((N - 2 * RATE) / RATE) * 0.9);
  });
});
