// The notice campaign on a real Temporal server with a real worker and SMTP sink: refused without approval or
// under a hold, one notice per person with a stable Message-ID, 4xx retried, 5xx recorded as undeliverable,
// and the incident's customer notice recorded as sent when it completes.
import { defaultPayloadConverter } from '@temporalio/common';
import * as msg from '../../workflows/messages';
import { eventually } from '../support/incident-driver';
import { EncryptionCodec } from '../../src/temporal/codec';
import { undeliverable } from '../../src/temporal/campaigns';
import { TEST_KEYS, startTestStack, type TestStack } from '../support/temporal';
import { DIRECTORY } from '../support/people';
import {
  approvedIncident,
  carol,
  cami,
  importPeople,
  lena,
  recipientsDir,
  rick,
  waitForCampaign,
} from './helpers';
import { type AddressObject, simpleParser } from 'mailparser';

describe('notice campaign', () => {
  let stack: TestStack;
  const dir = recipientsDir();
  const tries = new Map<string, number>();
  beforeAll(async () => {
    stack = await startTestStack({
      directory: DIRECTORY,
      activityOverrides: {
        campaign: {
          recipientsDir: dir,
          transientBackoffMs: 100,
          transientRetries: 2,
          giveUpAfterAttempts: 3,
        },
      },
    });
    stack.sink.failRecipient = (address) => {
      if (address === 'person7@example.test') return 550;
      if (address === 'person8@example.test') {
        // Refused twice with "try again later", then accepted.
        const n = (tries.get(address) ?? 0) + 1;
        tries.set(address, n);
        return n <= 2 ? 451 : undefined;
      }
      if (address === 'person9@example.test') return 421; // never accepted: given up after retries
      return undefined;
    };
  });
  afterAll(() => stack.stop());

  it('refuses to start without an approved notice, under a hold, or without the list', async () => {
    const listHash = await importPeople(dir, TEST_KEYS, 5);
    const draft = await approvedIncident(stack.client, stack.temporal.taskQueue, false);
    await draft.refused(msg.startCampaign, { actor: carol, recipientsHash: listHash }, 'not_approved');

    const inc = await approvedIncident(stack.client, stack.temporal.taskQueue);
    await inc.refused(msg.startCampaign, { actor: rick, recipientsHash: listHash }, 'not_authorized');
    await inc.send(msg.placeHold, { actor: lena, agency: 'FBI', reference: 'case 1' });
    await inc.refused(msg.startCampaign, { actor: carol, recipientsHash: listHash }, 'on_hold');
    await inc.send(msg.releaseHold, { actor: lena, reason: 'cleared' });
    await inc.refused(
      msg.startCampaign,
      { actor: carol, recipientsHash: 'f'.repeat(64) },
      'RecipientListMissing',
    );
    expect(await inc.types()).not.toContain('campaign.started');
    expect(stack.sink.messages.filter((m) => m.messageId?.startsWith('<notice-'))).toHaveLength(0);
  });

  it('sends one notice per person; 4xx retried, 5xx undeliverable; records the notice as sent', async () => {
    const listHash = await importPeople(dir, TEST_KEYS, 300);
    const inc = await approvedIncident(stack.client, stack.temporal.taskQueue);
    const started = await inc.send(msg.startCampaign, {
      actor: cami,
      recipientsHash: listHash,
      batchSize: 30,
      continueAsNewAfterEvents: 25,
    });
    expect(started).toMatchObject({ status: 'running', total: 300, listHash });
    const { p } = await waitForCampaign(stack.client, inc, (p) => p.status === 'completed');
    expect(p).toMatchObject({ sent: 298, failed: 2, remaining: 0, total: 300 });
    expect(p.runs).toBeGreaterThan(1); // continued as new

    const mine = stack.sink.messages.filter((m) => m.messageId?.startsWith('<notice-'));
    const ids = mine.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(298);
    expect(ids).toHaveLength(298);
    // Parsed as a mail client does: headers decoded, both parts, the HTML escaped and the text not.
    const es = await simpleParser(mine.find((m) => m.to[0] === 'person1@example.test')!.raw);
    expect(es.subject).toBe(
      'Breachplan: aviso de una filtración de datos que afecta a su información personal',
    );
    expect(es.text).toContain('QUÉ HA OCURRIDO');
    const en = await simpleParser(mine.find((m) => m.to[0] === 'person0@example.test')!.raw);
    expect(en.subject).toBe('Breachplan: notice of a data breach involving your personal information');
    expect(en.messageId).toMatch(/^<notice-[0-9a-f]{40}@/);
    expect((en.to as AddressObject).value[0]).toMatchObject({
      address: 'person0@example.test',
      name: 'Person 0',
    });
    expect(en.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    for (const heading of [
      'NOTICE OF DATA BREACH',
      'WHAT HAPPENED',
      'WHAT INFORMATION WAS INVOLVED',
      'WHAT WE ARE DOING',
      'WHAT YOU CAN DO',
      'FOR MORE INFORMATION',
      'Dear Person 0,',
      'your email address and your Social Security number',
    ])
      expect(en.text).toContain(heading);
    expect(en.html).toContain('<h2 style="font-size: 13pt">What Happened</h2>');
    expect(en.html).toContain('<p>Dear Person 0,</p>');
    expect(en.text).not.toContain('<p>');
    expect(tries.get('person8@example.test')).toBe(3);

    // The incident records the campaign's end once it has read it from the campaign's closed run.
    const view = await eventually(
      () => inc.view(),
      (v) => v.gates.some((g) => g.id === 'customer_notice' && g.noticeSent),
      { what: 'the incident recording the notice as sent' },
    );
    const gate = view.gates.find((g) => g.id === 'customer_notice')!;
    expect(gate.noticeSent).toMatchObject({ channel: 'campaign', recipients: 298 });
    expect(view.deadlines.find((d) => d.id === 'customer-notice-30d')?.status).toBe('met');
    expect(view.campaigns?.[0]).toMatchObject({ status: 'completed', sent: 298, failed: 2 });
    expect(await inc.types()).toEqual(
      expect.arrayContaining(['campaign.started', 'campaign.completed', 'notice.sent']),
    );

    const bad = await undeliverable(dir, TEST_KEYS, view.campaigns![0]!);
    expect(bad.map((b) => [b.recipient[0], b.code])).toEqual(
      expect.arrayContaining([
        ['person7@example.test', 550],
        ['person9@example.test', 499],
      ]),
    );
    expect(bad).toHaveLength(2);
    // A second campaign for a notice already sent is refused.
    await inc.refused(msg.startCampaign, { actor: carol, recipientsHash: listHash }, 'already_done');
  });

  it("gives a list of one batch the whole mail rate, not a parallel batch's share", async () => {
    const listHash = await importPeople(dir, TEST_KEYS, 20);
    const inc = await approvedIncident(stack.client, stack.temporal.taskQueue);
    const c = await inc.send(msg.startCampaign, {
      actor: cami,
      recipientsHash: listHash,
      batchSize: 100,
      parallel: 2,
    });
    await waitForCampaign(stack.client, inc, (p) => p.status === 'completed');
    const history = await stack.client.workflow.getHandle(c.workflowId).fetchHistory();
    const inputs = (history.events ?? [])
      .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'sendNoticeBatch')
      .map((e) => e.activityTaskScheduledEventAttributes!.input!.payloads![0]!);
    const batches = (await new EncryptionCodec(TEST_KEYS).decode(inputs)).map((p) =>
      defaultPayloadConverter.fromPayload<{ from: number; parallel: number }>(p),
    );
    expect(batches.map((b) => [b.from, b.parallel])).toEqual([[0, 1]]);
  });
});
