// Notices a crash left in doubt (handed to the SMTP server, answer never recorded): with the mail server's
// delivery log, the ones it accepted are recorded and not resent, the others are sent; without it, all are
// resent. A real SMTP sink with its Message-ID search API, a real encrypted list, the real send activity.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import nodemailer, { type Transporter } from 'nodemailer';
import { createCampaignActivities, noticeMessageId } from '../../activities/campaign';
import { type DeliveryLog, DeliveryLogError, mailpitDeliveryLog } from '../../src/delivery-log';
import { type MailSink, startMailSink } from '../../src/dev/mail-sink';
import type { BatchResult } from '../../src/domain/campaign';
import { incidentFactsSchema } from '../../src/domain/incident';
import { createMailer } from '../../src/mailer';
import { NoticeRenderer } from '../../src/notices/render';
import { BatchLedger, Entry, campaignTally, ledgerDir } from '../../src/recipients/ledger';
import { readRecipients } from '../../src/recipients/store';
import { TEMPLATES_DIR } from '../../src/paths';
import { sampleFacts } from '../support/people';
import { TEST_KEYS } from '../support/temporal';
import { importPeople, recipientsDir } from './helpers';

const N = 10;
const INCIDENT = 'INC-20261124-DOUBT';
const FROM = 'Breachplan <notices@breachplan.local>';
const renderer = new NoticeRenderer(TEMPLATES_DIR, 'notices/customer');
/** The list's order is the import's (deduplicated by hash), not the file's: position → email. */
const emails: string[] = [];
const email = (i: number) => emails[i]!;

// The activity's own failure log is the expected outcome in one case here: keep the test output quiet.
const quiet = () => undefined;
const activityEnv = (heartbeatDetails?: unknown) =>
  new MockActivityEnvironment(heartbeatDetails === undefined ? undefined : { heartbeatDetails }, {
    logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: quiet, error: quiet },
  });

describe('notices in doubt after a crash', () => {
  let sink: MailSink;
  let dir: string;
  let listHash: string;

  beforeAll(async () => {
    sink = await startMailSink({ apiPort: 0 });
    dir = recipientsDir();
    listHash = await importPeople(dir, TEST_KEYS, N);
    for await (const { index, recipient } of readRecipients(dir, listHash, TEST_KEYS, 0))
      emails[index] = recipient[0];
  });
  afterAll(() => sink.close());

  /** A ledger as a killed worker leaves it: 0–3 sent, 4, 6 and 8 handed over with no answer recorded. */
  async function crashedCampaign(campaignId: string, reachedServer: number[]): Promise<void> {
    const ledger = new BatchLedger(ledgerDir(dir, listHash, campaignId), 0, N);
    for (const i of [0, 1, 2, 3]) {
      ledger.write(i, Entry.Intent);
      ledger.write(i, Entry.Sent);
    }
    for (const i of [4, 6, 8]) ledger.write(i, Entry.Intent);
    ledger.close();
    // What the server accepted before the crash (the sent ones, and some of those in doubt).
    const direct = nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, ignoreTLS: true });
    for (const i of [0, 1, 2, 3, ...reachedServer]) {
      await direct.sendMail({
        from: FROM,
        to: email(i),
        subject: 'notice',
        text: 'the same notice',
        messageId: noticeMessageId(INCIDENT, campaignId, email(i), 'breachplan.local'),
      });
    }
    direct.close();
  }

  async function resume(
    campaignId: string,
    deliveryLog?: DeliveryLog,
    heartbeat?: { low: number },
    mailer: Transporter = createMailer({ mode: 'embedded', mail: { sinkPort: sink.port } }),
  ): Promise<BatchResult> {
    const activities = createCampaignActivities({
      recipientsDir: dir,
      keys: TEST_KEYS,
      mailer,
      from: FROM,
      templatesDir: TEMPLATES_DIR,
      transientBackoffMs: 50,
      deliveryLog,
    });
    try {
      return await activityEnv(heartbeat).run(activities.sendNoticeBatch, {
        incidentId: INCIDENT,
        campaignId,
        listHash,
        template: 'notices/customer',
        versions: { en: renderer.version('en'), es: renderer.version('es') },
        facts: incidentFactsSchema.parse(sampleFacts()),
        from: 0,
        to: N,
      });
    } finally {
      mailer.close();
    }
  }

  const copiesAtSink = (campaignId: string) => {
    const counts = new Map<string, number>();
    for (const m of sink.messages) {
      const to = m.to[0]!;
      if (m.messageId !== noticeMessageId(INCIDENT, campaignId, to, 'breachplan.local')) continue;
      counts.set(to, (counts.get(to) ?? 0) + 1);
    }
    return counts;
  };

  it('asks the delivery log: the accepted ones are confirmed, not resent; the lost one is sent', async () => {
    await crashedCampaign('doubt-with-log', [4, 8]);
    const result = await resume('doubt-with-log', mailpitDeliveryLog(sink.apiUrl!));

    expect(result).toMatchObject({ sent: N, failed: 0, inDoubt: 1, reconciled: 2 });
    const copies = copiesAtSink('doubt-with-log');
    expect([...copies.values()]).toEqual(Array(N).fill(1));
    expect(campaignTally(dir, listHash, 'doubt-with-log')).toEqual({ sent: N, failed: 0 });
  });

  it('without a delivery log every notice in doubt is sent again (at least once, never none)', async () => {
    await crashedCampaign('doubt-no-log', [4, 8]);
    const result = await resume('doubt-no-log');

    expect(result).toMatchObject({ sent: N, failed: 0, inDoubt: 3 });
    expect(result.reconciled).toBeUndefined();
    const copies = copiesAtSink('doubt-no-log');
    expect(copies.size).toBe(N);
    expect(copies.get(email(4))).toBe(2);
    expect(copies.get(email(8))).toBe(2);
    expect(copies.get(email(6))).toBe(1);
  });

  it('waits, sending nothing in doubt, when the delivery log cannot answer', async () => {
    await crashedCampaign('doubt-log-down', [4]);
    const before = sink.accepted;
    // Nothing listens on the discard port.
    await expect(resume('doubt-log-down', mailpitDeliveryLog('http://127.0.0.1:9/'))).rejects.toMatchObject({
      type: 'DeliveryLogUnavailable',
      nonRetryable: false,
    });
    // Nobody in doubt was resent or given up on: they wait in the ledger for the next attempt.
    const copies = copiesAtSink('doubt-log-down');
    expect([copies.get(email(4)), copies.get(email(6)), copies.get(email(8))]).toEqual([
      1,
      undefined,
      undefined,
    ]);
    const ledger = new BatchLedger(ledgerDir(dir, listHash, 'doubt-log-down'), 0, N);
    expect([4, 6, 8].map((i) => ledger.lastEntry(i))).toEqual([Entry.Intent, Entry.Intent, Entry.Intent]);
    ledger.close();
    expect(sink.accepted - before).toBeLessThanOrEqual(N - 4 - 3);
  });

  it('reads the log exactly: another Message-ID containing this one does not count', async () => {
    const id = '<notice-exact-1@breachplan.local>';
    const direct = nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, ignoreTLS: true });
    await direct.sendMail({ from: FROM, to: 'x@example.test', text: 'x', messageId: id });
    direct.close();
    const log = mailpitDeliveryLog(sink.apiUrl!);
    await expect(log.accepted(id)).resolves.toBe(true);
    await expect(log.accepted(id.replace('notice-', 'notice-x'))).resolves.toBe(false);
    await expect(log.accepted('<notice-exact@breachplan.local>')).resolves.toBe(false);
    await expect(mailpitDeliveryLog('http://127.0.0.1:9').accepted(id)).rejects.toBeInstanceOf(
      DeliveryLogError,
    );
  });

  it('a reply lost after the server stored the notice: the retry asks the log, no second copy', async () => {
    const campaignId = 'lost-reply';
    const held = email(5);
    let holds = 0;
    sink.holdReply = (to) => to.includes(held) && holds++ === 0;
    // Short socket timeout: the lost answer shows up as a connection error (no SMTP code) within a second.
    const mailer = nodemailer.createTransport({
      pool: true,
      host: '127.0.0.1',
      port: sink.port,
      ignoreTLS: true,
      socketTimeout: 1000,
    });
    try {
      const result = await resume(campaignId, mailpitDeliveryLog(sink.apiUrl!), undefined, mailer);
      expect(holds).toBe(1);
      expect(result).toMatchObject({ sent: N, failed: 0, reconciled: 1 });
      const copies = copiesAtSink(campaignId);
      expect(copies.size).toBe(N);
      expect(copies.get(held)).toBe(1);
    } finally {
      sink.holdReply = undefined;
      mailer.close();
    }
  });

  it("the embedded sink's log survives a restart of the sink (it reads its outbox)", async () => {
    const outboxDir = join(mkdtempSync(join(tmpdir(), 'bp-outbox-')), 'outbox');
    const first = await startMailSink({ outboxDir, apiPort: 0 });
    const direct = nodemailer.createTransport({ host: '127.0.0.1', port: first.port, ignoreTLS: true });
    await direct.sendMail({
      from: FROM,
      to: 'a@example.test',
      text: 'x',
      messageId: '<kept-1@breachplan.local>',
    });
    direct.close();
    await first.close();

    const second = await startMailSink({ outboxDir, apiPort: 0 });
    try {
      const log = mailpitDeliveryLog(second.apiUrl!);
      await expect(log.accepted('<kept-1@breachplan.local>')).resolves.toBe(true);
      await expect(log.accepted('<kept-2@breachplan.local>')).resolves.toBe(false);
    } finally {
      await second.close();
    }
  });

  it("sweeps up anyone before the heartbeat's mark still without an outcome", async () => {
    // The last heartbeat said "everything below 6 is settled", but 2 and 3 were let go by an attempt that was
    // stopping when it died: the ledger, not the heartbeat, decides.
    const campaignId = 'sweep';
    const ledger = new BatchLedger(ledgerDir(dir, listHash, campaignId), 0, N);
    for (const i of [0, 1, 4, 5]) {
      ledger.write(i, Entry.Intent);
      ledger.write(i, Entry.Sent);
    }
    ledger.close();
    const result = await resume(campaignId, undefined, { low: 6 });
    expect(result).toMatchObject({ sent: N, failed: 0, inDoubt: 0 });
    const copies = copiesAtSink(campaignId);
    // 0, 1, 4, 5 were sent before (not through this sink): only the others arrive, once each.
    expect([...copies.keys()].sort()).toEqual([2, 3, 6, 7, 8, 9].map(email).sort());
    expect([...copies.values()]).toEqual(Array(6).fill(1));
  });
});
