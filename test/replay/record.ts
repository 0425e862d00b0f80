// Records the history of a whole incident for the replay test:
//
//   npx tsx test/replay/record.ts v1 [out.json]     (default: test/replay/incident-v1.json)
//   npx tsx test/replay/record.ts v2 [out.json]     (default: test/replay/incident-v2.json)
//   npx tsx test/replay/record.ts v3                (test/replay/incident-v3.json and incident-v3-end.json)
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
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';

import { NativeConnection, Runtime } from '@temporalio/worker';
import type { ActivityDeps } from '../../activities';
import * as msg from '../../workflows/messages';
import { signerFor } from '../../src/audit/signing';
import { startMailSink } from '../../src/dev/mail-sink';
import { startDevServer } from '../../src/dev/temporal-server';
import { createMailer } from '../../src/mailer';
import { slackActivityDeps } from '../../src/worker/slack-client';
import type { Actor } from '../../src/domain/roles';
import type { CodecKey } from '../../src/temporal/codec';
import { createDataConverter } from '../../src/temporal/data-converter';
import { loadRunbookFile } from '../../src/temporal/incidents';
import { createBreachplanWorker } from '../../src/worker/worker';
import { newTestEdgeKey } from '../support/edge-key';
import { withEdgeSigner } from '../../src/temporal/incidents';
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

const SCENARIOS = { v1: 'incident-v1.json', v2: 'incident-v2.json', v3: 'incident-v3.json' } as const;

async function main(): Promise<void> {
  const version = process.argv[2] as keyof typeof SCENARIOS;
  if (!(version in SCENARIOS)) {
    process.stderr.write('usage: npx tsx test/replay/record.ts v1|v2|v3 [out.json]\n');
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
  try {
    const temporal = { address: server.address, namespace: 'default', taskQueue: 'replay-recording' };
    const v2 = version !== 'v1' ? await v2Deps(slack, keys, connection) : undefined;
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
        directory: () => DIRECTORY,
        campaign: scratchCampaignDeps(),
        ...v2?.deps,
      },
    });
    const client = withEdgeSigner(
      new Client({ connection: clientConnection, dataConverter: createDataConverter(keys) }),
      edgeKey,
    );
    const inc = await worker.runUntil(() =>
      version === 'v3'
        ? driveIncidentV3(client, temporal.taskQueue, { slack, recipientsHash: v2!.recipientsHash })
        : v2
          ? driveIncidentV2(client, temporal.taskQueue, { slack, recipientsHash: v2.recipientsHash })
          : driveIncident(client, temporal.taskQueue),
    );
    const history = await inc.handle.fetchHistory();
    if (version === 'v3') {
      // The first run: the one that started the campaign and handed over with it in flight.
      const runs = await fetchRunChain(
        clientConnection.workflowService,
        'default',
        `incident-${RECORDED_INCIDENT_ID}`,
      );
      if (runs.length < 3) throw new Error(`v3 recording: only ${runs.length} runs`);
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
  } finally {
    await clientConnection.close();
    await connection.close();
    mailer.close();
    await sink.close();
    await slack.stop();
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
