// A 20,000-person campaign survives its worker being killed (SIGKILL) three times: every person ends with one
// notice at the SMTP sink or a recorded permanent failure, and no Message-ID reaches the sink twice: notices a
// kill left in doubt are checked against the sink's delivery log (its Message-ID search API) before a resend.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { type MailSink, startMailSink } from '../../src/dev/mail-sink';
import { formatCodecKeys } from '../../src/temporal/codec';
import { undeliverable } from '../../src/temporal/campaigns';
import * as msg from '../../workflows/messages';
import { eventually } from '../support/incident-driver';
import { TEST_KEYS, serverAddress, testClient } from '../support/temporal';
import { type WorkerChild, startWorkerChild } from '../support/worker-child';
import { approvedIncident, cami, importPeople, recipientsDir, waitForCampaign } from './helpers';

const N = 20_000;
// Jest's budget for this file's test: the bounds of its own waits add up to 285 s (3 kills at up to 60 s each,
// the campaign's end within 90 s, the incident recording it within 15 s), plus a minute for the unbounded steps
// (importing 20,000 people, four worker starts with their bundle). Above that sum a slow step fails with its
// own message naming it, not as a bare timeout. The default 120 s was less than half of it; the test took
// ~110 s of it on a loaded 2-core machine while passing.
jest.setTimeout(360_000);

describe('campaign crash safety', () => {
  let client: Client;
  let sink: MailSink;
  let worker: WorkerChild | undefined;
  const dir = recipientsDir();
  const taskQueue = `campaign-crash-${randomUUID()}`;
  const start = () =>
    startWorkerChild({
      BP_ADDRESS: serverAddress(),
      BP_TASK_QUEUE: taskQueue,
      BP_BUNDLE: process.env.BREACHPLAN_TEST_WORKFLOW_BUNDLE!,
      BP_SMTP_PORT: String(sink.port),
      BP_CODEC_KEYS: formatCodecKeys(TEST_KEYS),
      BP_RECIPIENTS_DIR: dir,
      BP_NO_DIRECTORY: '1',
      BP_DELIVERY_LOG_URL: sink.apiUrl!,
    });

  beforeAll(async () => {
    sink = await startMailSink({ keepInMemory: false, apiPort: 0 });
    // Two people are refused for good: they must end as recorded failures, not as retries forever.
    sink.failRecipient = (a) =>
      a === 'person13@example.test' || a === 'person17013@example.test' ? 550 : undefined;
    client = await testClient();
  });
  afterAll(async () => {
    await worker?.kill();
    await client.connection.close();
    await sink.close();
  });

  it('delivers exactly once through three kill -9 of the worker', async () => {
    const listHash = await importPeople(dir, TEST_KEYS, N);
    worker = await start();
    const inc = await approvedIncident(client, taskQueue);
    const notices = () => sink.accepted; // every message at this sink is a notice of this campaign
    await inc.send(msg.startCampaign, {
      actor: cami,
      recipientsHash: listHash,
      batchSize: 2_500,
      heartbeatTimeoutMs: 2_000,
      continueAsNewAfterEvents: 60,
    });
    const kills: number[] = [];
    for (const at of [3_000, 8_000, 13_000]) {
      await eventually(notices, (n) => n >= at, { timeoutMs: 60_000, what: `${at} notices at the sink` });
      await worker.kill('SIGKILL');
      kills.push(sink.accepted);
      worker = await start();
    }
    const { p, c } = await waitForCampaign(client, inc, (p) => p.status === 'completed', 90_000);
    const bad = await undeliverable(dir, TEST_KEYS, c);
    console.log(
      `crash test: killed at ${kills.join(', ')} accepted; sent ${p.sent}, failed ${p.failed}, in doubt: ` +
        `${p.reconciled} confirmed by the delivery log, ${p.inDoubt} resent; ` +
        `sink accepted ${sink.accepted}, duplicate Message-IDs ${sink.duplicateIds}, runs ${p.runs}`,
    );
    expect(bad.map((b) => [b.recipient[0], b.code])).toEqual(
      [
        ['person13@example.test', 550],
        ['person17013@example.test', 550],
      ].sort(
        (a, b) =>
          bad.findIndex((x) => x.recipient[0] === a[0]) - bad.findIndex((x) => x.recipient[0] === b[0]),
      ),
    );
    expect(p).toMatchObject({ total: N, sent: N - 2, failed: 2, remaining: 0 });
    // Everyone else has exactly one notice: N - 2 messages reached the sink, none with a repeated Message-ID.
    // A kill leaves at most one message per SMTP connection (5) in doubt: handed over, answer unrecorded.
    // The ones the sink had accepted are confirmed from its log; only the ones it never got are sent again.
    expect(sink.duplicateIds).toBe(0);
    expect(sink.accepted).toBe(N - 2);
    expect(p.inDoubt + p.reconciled).toBeLessThanOrEqual(3 * 5);
    // The incident records the end once it has read it from the campaign's closed run.
    const view = await eventually(
      () => inc.view(),
      (v) => v.gates.some((g) => g.id === 'customer_notice' && g.noticeSent),
      { what: 'the incident recording the notice as sent' },
    );
    expect(view.gates.find((g) => g.id === 'customer_notice')?.noticeSent?.recipients).toBe(N - 2);
  });
});
