// Temporal is not a back door (security review H2): a client of the Temporal server that has no codec key, or
// has the codec key but not the edge signing key, changes nothing. Real worker, real dev server, real mail
// sink; every refusal is checked by what did not happen: no timeline entry, no accepted update in history,
// no notice sent.
import { randomBytes } from 'node:crypto';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import * as msg from '../../workflows/messages';
import { campaignEndedSignal } from '../../workflows/campaign-messages';
import { resumeCampaignSignal } from '../../workflows/campaign-messages';
import { edgeKeyFromSeed, signAssertion } from '../../src/crypto/edge-keys';
import { createDataConverter } from '../../src/temporal/data-converter';
import { incidentHandle, loadRunbookFile } from '../../src/temporal/incidents';
import { campaignTally } from '../../src/recipients/ledger';
import { workflowIdFor } from '../../src/domain/incident';
import { authenticated } from '../support/auth';
import { eventually } from '../support/incident-driver';
import { DIRECTORY, sampleFacts } from '../support/people';
import {
  TEST_KEYS,
  TEST_SIGNER,
  TEST_SIGNING_KEY,
  startTestStack,
  testEdgeKey,
  type TestStack,
} from '../support/temporal';
import { buildExport } from '../../src/audit/export';
import { decisionAuth, verifyExportText } from '../../src/audit/verify';
import { createPublicKey } from 'node:crypto';

const TEST_SIGNING_KEY_PUBLIC = () => createPublicKey(TEST_SIGNING_KEY);
import {
  approvedIncident,
  cami,
  carol,
  importPeople,
  lena,
  recipientsDir,
  waitForCampaign,
} from '../campaign/helpers';

type EventType = temporal.api.enums.v1.EventType;
const { EventType } = temporal.api.enums.v1;

describe('Temporal is not a back door', () => {
  let stack: TestStack;
  let keyless: Client;
  let codecOnly: Client;
  const dir = recipientsDir();
  const notices = () => stack.sink.messages.filter((m) => m.messageId?.startsWith('<notice-')).length;

  beforeAll(async () => {
    stack = await startTestStack({
      directory: DIRECTORY,
      activityOverrides: { campaign: { recipientsDir: dir, ratePerSec: 50 } },
    });
    const connection = await Connection.connect({ address: stack.temporal.address });
    // No codec: payloads go out as json/plain, as from the Temporal CLI or UI.
    keyless = new Client({ connection, namespace: 'default' });
    // The codec key, but no edge signing key.
    codecOnly = new Client({
      connection,
      namespace: 'default',
      dataConverter: createDataConverter(TEST_KEYS),
    });
  });
  afterAll(async () => {
    await keyless.connection.close();
    await stack.stop();
  });

  const countEvents = async (workflowId: string, type: EventType) =>
    ((await stack.client.workflow.getHandle(workflowId).fetchHistory()).events ?? []).filter(
      (e) => e.eventType === type,
    ).length;

  it('refuses plaintext approve, release, close and campaign resume from a keyless client: nothing recorded, nothing sent', async () => {
    const listHash = await importPeople(dir, TEST_KEYS, 1_500);
    const inc = await approvedIncident(stack.client, stack.temporal.taskQueue);
    await inc.send(msg.startCampaign, {
      actor: cami,
      recipientsHash: listHash,
      batchSize: 100,
      heartbeatTimeoutMs: 2000,
    });
    await waitForCampaign(stack.client, inc, (p) => p.sent >= 100);
    await inc.send(msg.placeHold, { actor: lena, agency: 'FBI', reference: 'case 7' });
    const { c } = await waitForCampaign(
      stack.client,
      inc,
      (p) => p.status === 'paused' && p.pausedBy.includes('hold') && p.inFlight === 0,
    );
    const sent = notices();
    const entries = (await inc.timeline()).length;
    const accepted = await countEvents(
      inc.handle.workflowId,
      EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
    );

    const h = keyless.workflow.getHandle(workflowIdFor(inc.incidentId));
    const plain = (name: string, args: unknown) =>
      h.executeUpdate(name, { args: [args] }).then(
        () => 'accepted',
        () => 'refused',
      );
    const lenaClaim = { id: 'lena', roles: ['legal'], source: 'web' };
    expect(await plain('releaseHold', { actor: lenaClaim, reason: 'keyless' })).toBe('refused');
    expect(
      await plain('resumeCampaign', { actor: { ...lenaClaim, roles: ['commander'] }, reason: 'x' }),
    ).toBe('refused');
    expect(
      await plain('closeIncident', {
        actor: { ...lenaClaim, roles: ['commander'] },
        reason: 'x',
        force: true,
      }),
    ).toBe('refused');
    // The child, directly: resume "hold" in clear.
    await keyless.workflow.getHandle(c.workflowId).signal(resumeCampaignSignal, 'hold');

    // The signal reached the campaign (it is in its history), and the campaign ignored it.
    await eventually(
      () => countEvents(c.workflowId, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED),
      (n) => n >= 1,
      { what: 'the keyless signal in the campaign history' },
    );
    // With the codec key, encrypted: the campaign only asks its incident, which still holds it.
    // Answers the campaign got from its incident (completed campaignControl activities).
    const asked = async () => {
      const events = (await stack.client.workflow.getHandle(c.workflowId).fetchHistory()).events ?? [];
      const scheduled = new Set(
        events
          .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'campaignControl')
          .map((e) => String(e.eventId)),
      );
      return events.filter((e) =>
        scheduled.has(String(e.activityTaskCompletedEventAttributes?.scheduledEventId ?? '')),
      ).length;
    };
    const askedBefore = await asked();
    await codecOnly.workflow.getHandle(c.workflowId).signal(resumeCampaignSignal, 'hold');
    await codecOnly.workflow.getHandle(c.workflowId).signal(resumeCampaignSignal, 'manual');
    await eventually(asked, (n) => n > askedBefore, { what: 'the campaign asking its incident' });
    // A forged "campaign ended" to the incident: it reads the campaign's own run, which is still paused.
    await codecOnly.workflow.getHandle(inc.handle.workflowId).signal(campaignEndedSignal, {
      campaignId: c.campaignId,
      result: { status: 'completed', sent: 999, failed: 0 } as never,
    });
    const { p } = await waitForCampaign(stack.client, inc, () => true);
    expect((await inc.view()).gates.find((g) => g.id === 'customer_notice')?.noticeSent).toBeUndefined();
    expect(p).toMatchObject({ status: 'paused', pausedBy: ['hold'], inFlight: 0 });
    expect(notices()).toBe(sent);
    expect(campaignTally(dir, c.listHash, c.campaignId).sent).toBe(sent);
    expect((await inc.timeline()).length).toBe(entries);
    expect(
      await countEvents(inc.handle.workflowId, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED),
    ).toBe(accepted);
    const view = await inc.view();
    expect(view.holds.filter((x) => !x.endedAt)).toHaveLength(1);
    expect(view.status).toBe('open');

    // A correctly signed release does go through, and the campaign resumes.
    await inc.send(msg.releaseHold, { actor: lena, reason: 'FBI agreed' });
    await waitForCampaign(stack.client, inc, (q) => q.status === 'running' || q.status === 'completed');
    await inc.send(msg.cancelCampaign, { actor: carol });
    await waitForCampaign(stack.client, inc, (q) => q.status === 'cancelled');
  }, 120_000);

  it('refuses a plaintext approve as counsel on a pending gate', async () => {
    const inc = await approvedIncident(stack.client, stack.temporal.taskQueue, false);
    const r = await inc.send(msg.requestApproval, { actor: carol, gateId: 'customer_notice' });
    const entries = (await inc.timeline()).length;
    const h = keyless.workflow.getHandle(workflowIdFor(inc.incidentId));
    const err = await h
      .executeUpdate('approve', {
        args: [
          {
            actor: { id: 'lena', roles: ['legal'], source: 'web' },
            gateId: 'customer_notice',
            requestId: r.requestId,
            contentHash: r.draft.contentHash,
          },
        ],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((await inc.view()).gates.find((g) => g.id === 'customer_notice')?.votes).toEqual([]);
    expect((await inc.timeline()).length).toBe(entries);
  });

  describe('with the codec key but no valid assertion', () => {
    const command = async () => {
      const inc = await approvedIncident(stack.client, stack.temporal.taskQueue, false);
      const r = await inc.send(msg.requestApproval, { actor: carol, gateId: 'customer_notice' });
      const approve = {
        actor: lena,
        gateId: 'customer_notice',
        requestId: r.requestId,
        contentHash: r.draft.contentHash,
      };
      const raw = (args: [unknown, ...unknown[]]) =>
        codecOnly.workflow
          .getHandle(inc.handle.workflowId)
          .executeUpdate('approve', { args })
          .then(
            () => ({ code: 'accepted', message: '' }),
            (e: { cause?: { type?: string; message?: string } }) => ({
              code: e.cause?.type ?? 'error',
              message: e.cause?.message ?? '',
            }),
          );
      const sign = (cmd: unknown, o: { at?: Date; key?: ReturnType<typeof testEdgeKey> } = {}) =>
        signAssertion(
          o.key ?? testEdgeKey(),
          authenticated(lena),
          inc.handle.workflowId,
          'approve',
          cmd,
          o.at,
        );
      return { inc, approve, raw, sign };
    };

    it('refuses none, forged, tampered, stale, mismatched and replayed assertions; accepts a signed one and records its principal', async () => {
      const { inc, approve, raw, sign } = await command();
      const entries = (await inc.timeline()).length;

      expect(await raw([approve])).toMatchObject({
        code: 'not_authenticated',
        message: /no signed actor assertion/,
      });
      // A key of the right id but not the edge's.
      const forger = edgeKeyFromSeed(testEdgeKey().id, randomBytes(32));
      expect(await raw([approve, sign(approve, { key: forger })])).toMatchObject({
        message: /signature is not valid/,
      });
      const stranger = edgeKeyFromSeed('someone-else', randomBytes(32));
      expect(await raw([approve, sign(approve, { key: stranger })])).toMatchObject({
        message: /unknown edge key/,
      });
      // Signed for lena as legal, sent claiming other roles, or as another person.
      const good = sign(approve);
      expect(
        await raw([{ ...approve, actor: { ...lena, roles: ['legal', 'commander'] } }, good]),
      ).toMatchObject({
        message: /not the one the assertion was signed for/,
      });
      const asCami = { ...approve, actor: cami };
      expect(await raw([asCami, sign(asCami)])).toMatchObject({ message: /is not the authenticated lena/ });
      expect(await raw([approve, sign(approve, { at: new Date(Date.now() - 10 * 60_000) })])).toMatchObject({
        message: /stale/,
      });
      // A principal claimed inside the command is not believed (and is not part of what was signed).
      expect(
        await raw([approve, { ...good, principal: { ...good.principal, subject: 'tok-other' } }]),
      ).toMatchObject({
        message: /signature is not valid/,
      });
      expect((await inc.timeline()).length).toBe(entries);

      // The signed one is accepted, and the timeline says how the edge knew her.
      expect(await raw([approve, good])).toMatchObject({ code: 'accepted' });
      const entry = (await inc.timeline()).find((e) => e.type === 'approval.granted');
      expect(entry?.actor).toMatchObject({
        id: 'lena',
        principal: { personId: 'lena', method: 'token', subject: 'tok-lena', edge: 'cli' },
      });
      // `breachplan verify` shows, per decision, that it was authenticated and how.
      const exported = buildExport(
        { view: await inc.view(), timeline: await inc.timeline(), source: 'temporal' },
        TEST_SIGNER,
      );
      const checked = verifyExportText(JSON.stringify(exported), TEST_SIGNING_KEY_PUBLIC());
      expect(checked.ok).toBe(true);
      expect(checked.decisions).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            type: 'approval.granted',
            actorId: 'lena',
            authenticated: true,
            authentication: 'authenticated: token tok-lena via cli',
          }),
          expect.objectContaining({ type: 'incident.declared', actorId: 'carol', authenticated: true }),
        ]),
      );
      expect(checked.decisions?.every((d) => d.authenticated)).toBe(true);
      // An entry from an old history carries no principal: shown as not recorded.
      const { principal: _p, ...oldActor } = entry!.actor;
      expect(decisionAuth({ ...entry!, actor: oldActor })).toMatchObject({
        authenticated: false,
        authentication: 'not recorded (before signed commands)',
      });

      // The same assertion again (a new update id): a replay.
      const after = (await inc.timeline()).length;
      expect(await raw([approve, good])).toMatchObject({ message: /already used/ });
      expect((await inc.timeline()).length).toBe(after);
    });
  });

  it('fails an incident or campaign started by a client instead of an edge or its incident', async () => {
    const input = {
      incidentId: 'INC-20260101-FORGED',
      facts: sampleFacts(),
      runbook: loadRunbookFile().runbook,
      runbookHash: loadRunbookFile().hash,
      declaredBy: carol,
    };
    for (const [client, id] of [
      [keyless, 'INC-20260101-KEYLESS'],
      [codecOnly, 'INC-20260101-NOASSERT'],
    ] as const) {
      const h = await client.workflow.start('incidentWorkflow', {
        workflowId: workflowIdFor(id),
        taskQueue: stack.temporal.taskQueue,
        args: [{ ...input, incidentId: id }],
      });
      // (Read with the codec: the failure is encrypted like every payload the worker writes.)
      await expect(stack.client.workflow.getHandle(h.workflowId).result()).rejects.toBeInstanceOf(
        WorkflowFailedError,
      );
      // Nothing ran: no activity was scheduled (no Slack channel, no notification, no draft).
      expect(await countEvents(h.workflowId, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).toBe(0);
    }
    const campaign = await codecOnly.workflow.start('noticeCampaignWorkflow', {
      workflowId: `campaign-forged-${randomBytes(4).toString('hex')}`,
      taskQueue: stack.temporal.taskQueue,
      args: [{ incidentId: 'INC-X', campaignId: 'INC-X-C1', listHash: 'x', total: 10, batchSize: 10 }],
    });
    await expect(campaign.result()).rejects.toBeInstanceOf(WorkflowFailedError);
    expect(await countEvents(campaign.workflowId, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).toBe(0);
    // A signed declaration works, and records the principal of the declarer.
    const inc = await approvedIncident(stack.client, stack.temporal.taskQueue, false);
    const declared = (await inc.timeline())[0]!;
    expect(declared.actor.principal).toMatchObject({ personId: 'carol', method: 'token', edge: 'cli' });
    expect(incidentHandle(stack.client, inc.incidentId).workflowId).toBe(inc.handle.workflowId);
  });
});
