// Records the history of a whole incident for the replay test:
//
//   npx tsx test/replay/record.ts v1 [out.json]     (default: test/replay/incident-v1.json)
//   npx tsx test/replay/record.ts v2 [out.json]     (default: test/replay/incident-v2.json)
//   npx tsx test/replay/record.ts v3                (test/replay/incident-v3.json and incident-v3-end.json)
//   npx tsx test/replay/record.ts v4                (test/replay/incident-v4.json and campaign-v4.json)
//   npx tsx test/replay/record.ts v5                (test/replay/incident-v5.json and incident-v5-end.json)
//
// Starts a temporary Temporal dev server, a worker bundled from workflows/ (with real activities and a local
// mail sink), drives one incident from declaration to closure through the client, and writes its history as
// JSON. Payloads are encrypted with the fixed test-only key in replay-key.txt, so the replay test can decode
// them. Record a new file (incident-v3.json, …) when the workflow changes on purpose; keep the old ones: every
// saved history must keep replaying, which is what makes a change safe for incidents already running.
//
// v1: every kind of step of the breach plan, without Slack, campaigns or an archive store.
// v2: the same kinds of step with Slack on (a local fake of its Web API: channel, pinned status, notices,
// approval requests, the closing summary and the channel archived), a customer-notice campaign child workflow
// to a small list, and the audit archive at close.
// v3: v2's steps on an incident that hands over to a new run every 20 updates, with the campaign in flight
// (paused by a hold) across the hand-overs; saved are the first run (it ends continued-as-new) and the last
// (restored from the carry, it hears the campaign's end by signal and closes).
// v4: what came after v3, on one incident declared 40 hours after awareness (the runbook's 72-hour internal
// target reminds at once): alerts attached by a signed alert source (firing, then resolved), signed webhooks
// out to two local HTTP receivers (one fails its first delivery and then takes every event; one fails until
// its lane parks and a commander redelivers it), a customer-notice campaign whose list has people without an
// email and a hard bounce (printed letters, the dated notice), the GDPR regulator package approved and its
// submission recorded with a receipt, the regulator notice, review and close.
// v5: an incident that hands over every 20 updates while one webhook subscriber is down (every try answered
// 503, a long retry budget): the first run hands over with that delivery in flight (handover-webhooks-v1),
// the next run sends it again once the subscriber is back, then closes; saved are the first and last runs.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';

import { NativeConnection, Runtime } from '@temporalio/worker';
import type { ActivityDeps } from '../../activities';
import * as msg from '../../workflows/messages';
import { signerFor } from '../../src/audit/signing';
import { type MailSink, startMailSink } from '../../src/dev/mail-sink';
import { startDevServer } from '../../src/dev/temporal-server';
import { createMailer } from '../../src/mailer';
import { slackActivityDeps } from '../../src/worker/slack-client';
import { type Actor, serviceActorFor } from '../../src/domain/roles';
import type { AuthenticatedActor } from '../../src/domain/principal';
import { eventOf } from '../../src/domain/webhook-events';
import { campaignWorkflowId } from '../../src/domain/campaign';
import { parseWebhooks } from '../../src/integrations';
import { importRecipients } from '../../src/recipients/import';
import { ALERT_DIRECTORY, type Receiver, startReceiver } from '../support/alert-stack';
import type { CodecKey } from '../../src/temporal/codec';
import { createDataConverter } from '../../src/temporal/data-converter';
import { loadRunbookFile } from '../../src/temporal/incidents';
import { createBreachplanWorker } from '../../src/worker/worker';
import { newTestEdgeKey } from '../support/edge-key';
import { sendCommand, withEdgeSigner } from '../../src/temporal/incidents';
import { TEMPLATES_DIR } from '../../src/paths';
import { importPeople } from '../campaign/helpers';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack';
import { IncidentDriver, eventually } from '../support/incident-driver';
import { DIRECTORY, as, sampleFacts } from '../support/people';
import { historyToJson } from './history-json';
import { fetchRunChain } from '../../src/audit/archive';

import { loadReplayKeys } from './replay-key';
import { scratchCampaignDeps } from '../support/campaign-deps';
import { declareAs } from '../support/auth';

export const RECORDED_INCIDENT_ID = 'INC-REPLAY-0001';

/** Every kind of step the workflow knows, once or twice, ending in closure. */
/** The end both scenarios share: the regulator notice approved and sent, the review done, the incident closed. */
async function noticeRegulatorAndClose(inc: IncidentDriver, carol: Actor, lena: Actor): Promise<void> {
  const r = await inc.send(msg.requestApproval, { actor: carol, gateId: 'regulator_notice' });
  await inc.send(msg.approve, {
    actor: lena,
    gateId: 'regulator_notice',
    requestId: r.requestId,
    contentHash: r.draft.contentHash,
  });
  await inc.send(msg.recordNoticeSent, { actor: lena, gateId: 'regulator_notice', channel: 'portal' });
  await inc.send(msg.advancePhase, { actor: carol, to: 'review', force: true, reason: 'replay' });
  await inc.send(msg.completeTask, { actor: carol, taskId: 'post-incident-review', note: 'held' });
  await inc.send(msg.closeIncident, { actor: carol, reason: 'recorded for replay' });
  await inc.handle.result();
}

async function driveIncident(client: Client, taskQueue: string): Promise<IncidentDriver> {
  const carol = as('carol');
  const rick = as('rick');
  const lena = as('lena', 'web');
  const leo = as('leo');
  const cami = as('cami', 'slack');
  await declareAs(client, taskQueue, {
    facts: sampleFacts({ awareAt: new Date().toISOString() }),
    runbook: loadRunbookFile(),
    actor: carol,
    incidentId: RECORDED_INCIDENT_ID,
  });
  const inc = new IncidentDriver(client, RECORDED_INCIDENT_ID);
  await inc.send(msg.updateFacts, { actor: rick, patch: { estimatedAffected: 1500 }, reason: 'recount' });
  await inc.send(msg.assignRole, { actor: carol, personId: 'rick', role: 'commander' });
  await inc.send(msg.addNote, { actor: rick, text: 'attacker session revoked' });
  for (const [actor, taskId] of [
    [carol, 'confirm-incident'],
    [lena, 'open-privileged-channel'],
    [rick, 'initial-scope'],
  ] as const)
    await inc.send(msg.completeTask, { actor, taskId, note: `${taskId} done` });
  await inc.send(msg.advancePhase, { actor: carol });
  await inc.send(msg.advancePhase, { actor: carol, to: 'notify_customers', force: true, reason: 'replay' });

  // Customer notice: rejected once, then approved; a hold stops it until released.
  let r = await inc.send(msg.requestApproval, { actor: carol, gateId: 'customer_notice' });
  let ask = { gateId: 'customer_notice', requestId: r.requestId, contentHash: r.draft.contentHash };
  await inc.send(msg.reject, { actor: leo, ...ask, reason: 'mention the monitoring offer' });
  r = await inc.send(msg.requestApproval, { actor: carol, gateId: 'customer_notice' });
  ask = { gateId: 'customer_notice', requestId: r.requestId, contentHash: r.draft.contentHash };
  await inc.send(msg.approve, { actor: lena, ...ask });
  await inc.send(msg.approve, { actor: cami, ...ask });
  await inc.send(msg.placeHold, { actor: leo, agency: 'FBI', reference: 'CASE-1' });
  await inc.send(msg.releaseHold, { actor: leo, reason: 'cleared' });
  await inc.send(msg.recordNoticeSent, { actor: cami, gateId: 'customer_notice', channel: 'email' });

  await noticeRegulatorAndClose(inc, carol, lena);
  return inc;
}

/** v2: Slack on, a campaign to a small list, approvals, the channel archived and the audit archive at close. */
async function driveIncidentV2(
  client: Client,
  taskQueue: string,
  env: { slack: FakeSlack; recipientsHash: string },
): Promise<IncidentDriver> {
  const carol = as('carol', 'slack');
  const rick = as('rick', 'slack');
  const lena = as('lena', 'web');
  const leo = as('leo', 'slack');
  const cami = as('cami', 'slack');
  await declareAs(client, taskQueue, {
    facts: sampleFacts({ awareAt: new Date().toISOString() }),
    runbook: loadRunbookFile(),
    actor: carol,
    incidentId: RECORDED_INCIDENT_ID,
  });
  const inc = new IncidentDriver(client, RECORDED_INCIDENT_ID);
  const channel = await eventually(
    () => env.slack.channelNamed('inc-replay-0001'),
    (c) => !!c && c.pins.size === 1,
    { what: 'the incident channel with its pinned status' },
  );
  await inc.send(msg.updateFacts, { actor: rick, patch: { estimatedAffected: 1500 }, reason: 'recount' });
  await inc.send(msg.assignRole, { actor: carol, personId: 'rick', role: 'commander' });
  await inc.send(msg.addNote, { actor: rick, text: 'attacker session revoked' });
  for (const taskId of ['confirm-incident', 'open-privileged-channel', 'initial-scope'])
    await inc.send(msg.completeTask, {
      actor: taskId === 'open-privileged-channel' ? lena : carol,
      taskId,
      note: 'done',
    });
  await inc.send(msg.advancePhase, { actor: carol });
  await inc.send(msg.advancePhase, { actor: carol, to: 'notify_customers', force: true, reason: 'replay' });

  // Customer notice: rejected once, approved by legal and communications (requests in the legal channel).
  let r = await inc.send(msg.requestApproval, { actor: carol, gateId: 'customer_notice' });
  await inc.send(msg.reject, {
    actor: leo,
    gateId: 'customer_notice',
    requestId: r.requestId,
    contentHash: r.draft.contentHash,
    reason: 'mention the monitoring offer',
  });
  r = await inc.send(msg.requestApproval, { actor: carol, gateId: 'customer_notice' });
  const ask = { gateId: 'customer_notice', requestId: r.requestId, contentHash: r.draft.contentHash };
  await inc.send(msg.approve, { actor: lena, ...ask });
  await inc.send(msg.approve, { actor: cami, ...ask });
  await inc.send(msg.placeHold, { actor: leo, agency: 'FBI', reference: 'CASE-1' });
  await inc.send(msg.releaseHold, { actor: leo, reason: 'cleared' });

  // The campaign sends it to the list and records it as sent.
  await inc.send(msg.startCampaign, { actor: cami, recipientsHash: env.recipientsHash, batchSize: 2 });
  await eventually(
    async () => (await inc.view()).campaigns?.[0]?.status,
    (status) => status === 'completed',
    { what: 'the campaign completed', timeoutMs: 60_000 },
  );

  await noticeRegulatorAndClose(inc, carol, lena);

  // The history is only worth keeping if it went through all of that.
  const types = await inc.types();
  for (const type of [
    'campaign.completed',
    'approval.completed',
    'approval.rejected',
    'slack.channel_archived',
  ])
    if (!types.includes(type as never)) throw new Error(`v2 recording lacks ${type}`);
  if (!channel!.archived) throw new Error('v2 recording: the incident channel was not archived');
  return inc;
}

/** v3: v2 with a hand-over every 20 updates, a campaign paused by a hold across them, then resumed. */
async function driveIncidentV3(
  client: Client,
  taskQueue: string,
  env: { slack: FakeSlack; recipientsHash: string },
): Promise<IncidentDriver> {
  const carol = as('carol', 'slack');
  const rick = as('rick', 'slack');
  const lena = as('lena', 'web');
  const leo = as('leo', 'slack');
  const cami = as('cami', 'slack');
  await declareAs(client, taskQueue, {
    facts: sampleFacts({ awareAt: new Date().toISOString() }),
    runbook: loadRunbookFile(),
    actor: carol,
    incidentId: RECORDED_INCIDENT_ID,
    updatesPerRun: 20,
  });
  const inc = new IncidentDriver(client, RECORDED_INCIDENT_ID);
  await eventually(
    () => env.slack.channelNamed('inc-replay-0001'),
    (c) => !!c && c.pins.size === 1,
    { what: 'the incident channel with its pinned status' },
  );
  await inc.send(msg.updateFacts, { actor: rick, patch: { estimatedAffected: 1500 }, reason: 'recount' });
  await inc.send(msg.assignRole, { actor: carol, personId: 'rick', role: 'commander' });
  await inc.send(msg.advancePhase, { actor: carol, to: 'notify_customers', force: true, reason: 'replay' });
  const r = await inc.send(msg.requestApproval, { actor: carol, gateId: 'customer_notice' });
  const ask = { gateId: 'customer_notice', requestId: r.requestId, contentHash: r.draft.contentHash };
  await inc.send(msg.approve, { actor: lena, ...ask });
  await inc.send(msg.approve, { actor: cami, ...ask });
  await inc.send(msg.startCampaign, { actor: cami, recipientsHash: env.recipientsHash, batchSize: 2 });
  await inc.send(msg.placeHold, { actor: leo, agency: 'FBI', reference: 'CASE-1' });
  for (let i = 0; i < 30; i++) await inc.send(msg.addNote, { actor: rick, text: `chatter ${i}` });
  await inc.send(msg.pauseCampaign, { actor: cami, reason: 'check the list' });
  await inc.send(msg.resumeCampaign, { actor: cami });
  await inc.send(msg.releaseHold, { actor: leo, reason: 'cleared' });
  await eventually(
    async () => (await inc.view()).campaigns?.[0]?.status,
    (status) => status === 'completed',
    { what: 'the campaign completed', timeoutMs: 60_000 },
  );
  await noticeRegulatorAndClose(inc, carol, lena);
  return inc;
}

/** v4's alert source: the SIEM's service account, as the alert intake authenticates a signed alert. */
const SIEM: AuthenticatedActor = {
  actor: serviceActorFor(ALERT_DIRECTORY, 'svc-siem')!,
  principal: { personId: 'svc-siem', method: 'alert-source', subject: 'siem', edge: 'alerts' },
};

/** v4: alerts in, webhooks out (a retry, a parked lane redelivered), letters, a regulator package, close. */
async function driveIncidentV4(client: Client, taskQueue: string, env: V4Env): Promise<IncidentDriver> {
  const carol = as('carol');
  const rick = as('rick');
  const lena = as('lena', 'web');
  const cami = as('cami');
  await declareAs(client, taskQueue, {
    facts: sampleFacts({
      awareAt: new Date(Date.now() - 40 * 3_600_000).toISOString(),
      establishment: 'DE',
      riskOfHarm: 'high',
    }),
    runbook: loadRunbookFile(),
    actor: carol,
    incidentId: RECORDED_INCIDENT_ID,
  });
  const inc = new IncidentDriver(client, RECORDED_INCIDENT_ID);
  const alert = { source: 'siem', fingerprint: 'siem-exfil-0001', title: 'Bulk export from crm-db' };
  const attach = (status: 'firing' | 'resolved') =>
    sendCommand(inc.handle, msg.attachAlert, { ...alert, status }, { as: SIEM });
  await attach('firing');
  // 40 hours after awareness: half the runbook's 72-hour internal target is used, its reminder is due now.
  await eventually(
    () => inc.timeline(),
    (t) => t.some((e) => e.type === 'deadline.reminder' && e.details.kind === 'internal_target'),
    { what: 'the internal target reminder' },
  );
  // The parked subscriber refused every try of its first event: its lane waits for a commander.
  await eventually(
    () => inc.view(),
    (v) => v.webhooks?.lanes.some((l) => l.subscriberId === 'parked' && l.parked) ?? false,
    { what: 'the parked lane', timeoutMs: 60_000 },
  );
  await inc.send(msg.updateFacts, { actor: rick, patch: { estimatedAffected: 1500 }, reason: 'recount' });
  await inc.send(msg.assignRole, { actor: carol, personId: 'rick', role: 'commander' });
  await inc.send(msg.addNote, { actor: rick, text: 'attacker session revoked' });
  await inc.send(msg.advancePhase, { actor: carol, to: 'notify_customers', force: true, reason: 'replay' });
  await attach('resolved');

  // The parked subscriber is back: the commander sends its lane again, in order.
  env.parked.status = () => 204;
  const again = await inc.send(msg.redeliverWebhooks, { actor: carol });
  if (again.events < 2) throw new Error(`v4 recording: redelivered ${JSON.stringify(again)}`);

  // The customer notice, approved by legal and communications, to a list with letters to print.
  const r = await inc.send(msg.requestApproval, { actor: carol, gateId: 'customer_notice' });
  const ask = { gateId: 'customer_notice', requestId: r.requestId, contentHash: r.draft.contentHash };
  await inc.send(msg.approve, { actor: lena, ...ask });
  await inc.send(msg.approve, { actor: cami, ...ask });
  await inc.send(msg.startCampaign, { actor: cami, recipientsHash: env.recipientsHash, batchSize: 2 });
  await eventually(
    async () => (await inc.view()).campaigns?.[0]?.status,
    (status) => status === 'completed',
    { what: 'the campaign completed', timeoutMs: 60_000 },
  );

  // The GDPR regulator package: approved like a notice, its submission recorded with the receipt's hash.
  // The campaign's end recorded the customer notice as sent, which started the authorities' phase.
  const view = await inc.view();
  if (view.phases.find((ph) => ph.id === 'inform_authorities')?.status !== 'active')
    throw new Error(`v4 recording: phases ${JSON.stringify(view.phases.map((ph) => [ph.id, ph.status]))}`);
  const gdpr = view.obligations.find((o) => /gdpr-art33/.test(o.id) && o.gateId?.startsWith('obl-'));
  if (!gdpr) throw new Error(`v4 recording: no GDPR gate in ${view.obligations.map((o) => o.id).join(', ')}`);
  const p = await inc.send(msg.requestApproval, { actor: carol, gateId: gdpr.gateId! });
  await inc.send(msg.approve, {
    actor: lena,
    gateId: gdpr.gateId!,
    requestId: p.requestId,
    contentHash: p.draft.contentHash,
  });
  const receipt = Buffer.from('%PDF-1.4 receipt of submission DE-2026-1234\n');
  await inc.send(msg.recordNoticeSent, {
    actor: carol,
    gateId: gdpr.gateId!,
    channel: 'portal',
    reference: 'DE-2026-1234',
    receipt: {
      sha256: createHash('sha256').update(receipt).digest('hex'),
      bytes: receipt.length,
      name: 'receipt.pdf',
    },
  });

  await noticeRegulatorAndClose(inc, carol, lena);
  await checkV4(inc, env);
  return inc;
}

/** The v4 history is only worth keeping if it went through all of that. */
async function checkV4(inc: IncidentDriver, env: V4Env): Promise<void> {
  const timeline = await inc.timeline();
  const types = new Set<string>(timeline.map((e) => e.type));
  for (const type of ['alert.received', 'webhook.redelivered', 'deadline.reminder', 'campaign.completed'])
    if (!types.has(type)) throw new Error(`v4 recording lacks ${type}`);
  if (!timeline.some((e) => e.type === 'notice.sent' && e.details.receipt))
    throw new Error('v4 recording: no submission with a receipt');
  const view = await inc.view();
  const c = view.campaigns?.[0];
  if (!c?.channels?.letter) throw new Error(`v4 recording: no letters (${JSON.stringify(c?.channels)})`);
  // Every event reached the flaky subscriber once each, in order, after a failed first try.
  const events = timeline.map((e) => eventOf(RECORDED_INCIDENT_ID, e)).filter((e) => e !== undefined);
  const ids = [...new Set(env.flaky.accepted.map((d) => d.id))];
  if (JSON.stringify(ids) !== JSON.stringify(events.map((e) => e.id)) || env.flaky.requests <= ids.length)
    throw new Error(`v4 recording: flaky subscriber got ${ids.join(',')} in ${env.flaky.requests} requests`);
  const lanes = view.webhooks?.lanes ?? [];
  if (lanes.length !== 2 || lanes.some((l) => l.parked || l.pending > 0 || !l.delivered))
    throw new Error(`v4 recording: lanes ${JSON.stringify(lanes)}`);
  if (!env.parked.accepted.some((d) => d.body.type === 'dev.breachplan.incident.closed'))
    throw new Error('v4 recording: the redelivered subscriber did not hear the close');
}

/** v5: hand-overs while a webhook subscriber is down; the carried event is delivered by a later run. */
async function driveIncidentV5(client: Client, taskQueue: string, env: V5Env): Promise<IncidentDriver> {
  const carol = as('carol');
  const rick = as('rick');
  await declareAs(client, taskQueue, {
    facts: sampleFacts({ awareAt: new Date().toISOString() }),
    runbook: loadRunbookFile(),
    actor: carol,
    incidentId: RECORDED_INCIDENT_ID,
    updatesPerRun: 20,
  });
  const inc = new IncidentDriver(client, RECORDED_INCIDENT_ID);
  // The down subscriber's first event is being retried before the commands that cross the hand-over.
  await eventually(
    () => env.down.requests,
    (n) => n >= 1,
    { what: 'a first try to the down subscriber' },
  );
  await inc.send(msg.updateFacts, { actor: rick, patch: { estimatedAffected: 1500 }, reason: 'recount' });
  await inc.send(msg.assignRole, { actor: carol, personId: 'rick', role: 'commander' });
  for (let i = 0; i < 8; i++) {
    const hold = await inc.send(msg.placeHold, { actor: carol, agency: 'FBI', reference: `CASE-${i}` });
    await inc.send(msg.releaseHold, { actor: carol, holdId: hold.id, reason: 'cleared' });
    await inc.send(msg.addNote, { actor: rick, text: `chatter ${i}` });
  }
  const runs = (await inc.handle.query(msg.getTimelineIndex)).runs;
  const lane = (await inc.view()).webhooks?.lanes.find((l) => l.subscriberId === 'down');
  if (runs < 2 || lane?.pending !== 1 || lane.parked || env.down.accepted.length > 0)
    throw new Error(`v5 recording: ${runs} runs, down lane ${JSON.stringify(lane)}`);
  // The subscriber is back: the run that carries the lane delivers the event.
  env.down.status = () => 204;
  await env.down.waitFor(1);
  await eventually(
    async () => (await inc.view()).webhooks?.lanes.find((l) => l.subscriberId === 'down')?.delivered,
    (n) => n === 1,
    { what: 'the down lane delivered' },
  );
  await inc.send(msg.advancePhase, { actor: carol, to: 'review', force: true, reason: 'replay' });
  await inc.send(msg.closeIncident, { actor: carol, reason: 'recorded for replay', force: true });
  await inc.handle.result();
  const timeline = await inc.timeline();
  const declared = eventOf(
    RECORDED_INCIDENT_ID,
    timeline.find((e) => e.type === 'incident.declared')!,
  )!;
  const ids = [...new Set(env.down.accepted.map((d) => d.id))];
  if (JSON.stringify(ids) !== JSON.stringify([declared.id]))
    throw new Error(`v5 recording: the down subscriber got ${ids.join(',')}`);
  return inc;
}

const SCENARIOS = {
  v1: 'incident-v1.json',
  v2: 'incident-v2.json',
  v3: 'incident-v3.json',
  v4: 'incident-v4.json',
  v5: 'incident-v5.json',
} as const;

async function main(): Promise<void> {
  const version = process.argv[2] as keyof typeof SCENARIOS;
  if (!(version in SCENARIOS)) {
    process.stderr.write('usage: npx tsx test/replay/record.ts v1|v2|v3|v4|v5 [out.json]\n');
    process.exit(2);
  }
  const out = process.argv[3] ?? join(__dirname, SCENARIOS[version]);
  const silent = () => undefined;
  Runtime.install({
    logger: { log: silent, trace: silent, debug: silent, info: silent, warn: silent, error: silent },
  });
  const keys = loadReplayKeys();
  const server = await startDevServer({ headless: true });
  const sink = await startMailSink();
  const slack = await startFakeSlack();
  const mailer = createMailer({ mode: 'embedded', mail: { sinkPort: sink.port, from: 'replay@localhost' } });
  const connection = await NativeConnection.connect({ address: server.address });
  const clientConnection = await Connection.connect({ address: server.address });
  let v4: Awaited<ReturnType<typeof v4Deps>> | undefined;
  let v5: Awaited<ReturnType<typeof v5Deps>> | undefined;
  try {
    const temporal = { address: server.address, namespace: 'default', taskQueue: 'replay-recording' };
    const v2 = version === 'v2' || version === 'v3' ? await v2Deps(slack, keys, connection) : undefined;
    v4 = version === 'v4' ? await v4Deps(keys, connection, sink) : undefined;
    v5 = version === 'v5' ? await v5Deps() : undefined;
    // The recorder is an edge: it signs commands with its own key, which its worker trusts (v3 onwards).
    const { key: edgeKey, trusted } = newTestEdgeKey('replay-edge');
    const worker = await createBreachplanWorker({
      connection,
      temporal,
      keys,
      edgeKeys: trusted,
      activityDeps: {
        templatesDir: TEMPLATES_DIR,
        mailer,
        mailFrom: 'Breachplan <replay@localhost>',
        directory: () => (v4 ? ALERT_DIRECTORY : DIRECTORY),
        campaign: scratchCampaignDeps(),
        ...v2?.deps,
        ...v4?.deps,
        ...v5?.deps,
      },
    });
    const client = withEdgeSigner(
      new Client({ connection: clientConnection, dataConverter: createDataConverter(keys) }),
      edgeKey,
    );
    const inc = await worker.runUntil(() =>
      v5
        ? driveIncidentV5(client, temporal.taskQueue, v5.env)
        : v4
          ? driveIncidentV4(client, temporal.taskQueue, v4.env)
          : version === 'v3'
            ? driveIncidentV3(client, temporal.taskQueue, { slack, recipientsHash: v2!.recipientsHash })
            : v2
              ? driveIncidentV2(client, temporal.taskQueue, { slack, recipientsHash: v2.recipientsHash })
              : driveIncident(client, temporal.taskQueue),
    );
    const history = await inc.handle.fetchHistory();
    if (version === 'v3' || version === 'v5') {
      // v3's first run started the campaign and handed over with it in flight; v5's handed over with a webhook
      // delivery in flight.
      const runs = await fetchRunChain(
        clientConnection.workflowService,
        'default',
        `incident-${RECORDED_INCIDENT_ID}`,
      );
      if (runs.length < (version === 'v3' ? 3 : 2))
        throw new Error(`${version} recording: only ${runs.length} runs`);
      const first = runs[0]!;
      writeFileSync(out, `${historyToJson(first)}\n`);
      const end = out.replace(/\.json$/, '-end.json');
      writeFileSync(end, `${historyToJson(history)}\n`);
      process.stdout.write(
        `wrote ${first.events?.length ?? 0} events to ${out}, ${history.events?.length ?? 0} to ${end} (${runs.length} runs)\n`,
      );
      return;
    }
    writeFileSync(out, `${historyToJson(history)}\n`);
    process.stdout.write(`wrote ${history.events?.length ?? 0} events to ${out}\n`);
    if (v4) {
      // The campaign child: its letters (letters-v1) are in its own history, saved beside the incident's.
      const workflowId = campaignWorkflowId(`${RECORDED_INCIDENT_ID}-C1`);
      const campaign = await client.workflow.getHandle(workflowId).fetchHistory();
      const file = out.replace(/incident-(v\d+)\.json$/, 'campaign-$1.json');
      writeFileSync(file, `${historyToJson(campaign)}\n`);
      process.stdout.write(`wrote ${campaign.events?.length ?? 0} events to ${file}\n`);
    }
  } finally {
    await clientConnection.close();
    await connection.close();
    mailer.close();
    await sink.close();
    await slack.stop();
    await v4?.close();
    await v5?.close();
    await server.stop();
  }
}

/** v2's worker: Slack against the fake, a recipient list of five people, an archive store and its signing key. */
async function v2Deps(
  slack: FakeSlack,
  keys: CodecKey[],
  connection: NativeConnection,
): Promise<{ deps: Partial<ActivityDeps>; recipientsHash: string }> {
  const legal = slack.addChannel('C0LEGAL', 'legal');
  legal.members.add('UBOT');
  const recipientsDir = mkdtempSync(join(tmpdir(), 'bp-replay-recipients-'));
  const signer = signerFor(generateKeyPairSync('ed25519').privateKey);
  return {
    recipientsHash: await importPeople(recipientsDir, keys, 5),
    deps: {
      slack: slackActivityDeps(
        { botToken: 'xoxb-replay', signingSecret: 'replay', apiUrl: slack.apiUrl, legalChannel: legal.id },
        TEMPLATES_DIR,
      ),
      campaign: { recipientsDir },
      archive: {
        archiveDir: mkdtempSync(join(tmpdir(), 'bp-replay-archive-')),
        signer: () => signer,
        workflowService: () => connection.workflowService,
      },
    },
  };
}

if (require.main === module) {
  main().catch((err: Error) => {
    process.stderr.write(`record: ${err.stack ?? err.message}\n`);
    process.exit(1);
  });
}

interface V4Env {
  recipientsHash: string;
  flaky: Receiver;
  parked: Receiver;
}

/**
 * v4's worker: webhook subscribers on two local receivers (a small retry budget, so a lane parks in well under
 * a second), a recipient list with letters to print (no email; a hard bounce; one with neither that is not
 * reached), an archive store.
 */
async function v4Deps(
  keys: CodecKey[],
  connection: NativeConnection,
  sink: MailSink,
): Promise<{ deps: Partial<ActivityDeps>; env: V4Env; close(): Promise<void> }> {
  const flaky = await startReceiver();
  const parked = await startReceiver();
  let failures = 1;
  flaky.status = () => (failures-- > 0 ? 503 : 204);
  parked.status = () => 500;
  const webhooks = parseWebhooks(
    {
      subscribers: [
        { id: 'flaky', url: flaky.url, secret: { env: 'HOOK_FLAKY' } },
        {
          id: 'parked',
          url: parked.url,
          secret: { env: 'HOOK_PARKED' },
          events: ['incident.declared', 'alert.received', 'incident.closed'],
        },
      ],
      retry: { attempts: 3, initialMs: 50, maxMs: 200 },
    },
    'replay webhooks',
    { HOOK_FLAKY: flaky.secret, HOOK_PARKED: parked.secret },
  );
  sink.failRecipient = (address) =>
    address === 'gone@example.test' || address === 'nowhere@example.test' ? 550 : undefined;
  const recipientsDir = mkdtempSync(join(tmpdir(), 'bp-replay-recipients-'));
  const file = join(mkdtempSync(join(tmpdir(), 'bp-replay-people-')), 'people.csv');
  writeFileSync(
    file,
    [
      'email,name,locale,country,region,address,data_categories',
      'ok1@example.test,Olga One,,DE,,,email;address',
      ',Jane Paper,en,US,US-CA,"12 Oak Street\nSacramento, CA 95814",name;address',
      'gone@example.test,Gina Bounce,en,US,US-CA,"7 Elm Road\nFresno, CA 93701",email;address',
      'nowhere@example.test,Nate Nowhere,en,US,US-CA,,email',
    ].join('\n') + '\n',
  );
  const { listHash } = await importRecipients({ input: file, dir: recipientsDir, keys });
  const signer = signerFor(generateKeyPairSync('ed25519').privateKey);
  return {
    env: { recipientsHash: listHash, flaky, parked },
    deps: {
      webhooks: { config: () => webhooks, timeoutMs: 5_000 },
      campaign: { recipientsDir },
      archive: {
        archiveDir: mkdtempSync(join(tmpdir(), 'bp-replay-archive-')),
        signer: () => signer,
        workflowService: () => connection.workflowService,
      },
    },
    close: async () => {
      await flaky.close();
      await parked.close();
    },
  };
}

interface V5Env {
  down: Receiver;
}

/** v5's worker: a steady subscriber that takes every event and one that answers 503 until told otherwise. */
async function v5Deps(): Promise<{ deps: Partial<ActivityDeps>; env: V5Env; close(): Promise<void> }> {
  const steady = await startReceiver();
  const down = await startReceiver();
  down.status = () => 503;
  const webhooks = parseWebhooks(
    {
      subscribers: [
        { id: 'steady', url: steady.url, secret: { env: 'HOOK_STEADY' } },
        { id: 'down', url: down.url, secret: { env: 'HOOK_DOWN' }, events: ['incident.declared'] },
      ],
      // A long budget: a hundred tries up to a second apart, so the down subscriber's event stays in flight.
      retry: { attempts: 100, initialMs: 200, maxMs: 1_000 },
    },
    'replay webhooks',
    { HOOK_STEADY: steady.secret, HOOK_DOWN: down.secret },
  );
  return {
    env: { down },
    deps: { webhooks: { config: () => webhooks, timeoutMs: 2_000 } },
    close: async () => {
      await steady.close();
      await down.close();
    },
  };
}
