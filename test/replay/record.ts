// Records the history of a whole incident for the replay test:
//
//   npx tsx test/replay/record.ts [out.json]        (default: test/replay/incident-v1.json)
//
// Starts a temporary Temporal dev server, a worker bundled from workflows/ (with real activities and a local
// mail sink), drives one incident from declaration to closure through the client, and writes its history as
// JSON. Payloads are encrypted with the fixed test-only key in replay-key.txt, so the replay test can decode
// them. Record a new file (incident-v2.json, …) when the workflow changes on purpose; keep the old ones: every
// saved history must keep replaying, which is what makes a change safe for incidents already running.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';

import { NativeConnection, Runtime } from '@temporalio/worker';
import * as msg from '../../workflows/messages';
import { startMailSink } from '../../src/dev/mail-sink';
import { startDevServer } from '../../src/dev/temporal-server';
import { createMailer } from '../../src/mailer';
import { createDataConverter } from '../../src/temporal/data-converter';
import { declareIncident, loadRunbookFile } from '../../src/temporal/incidents';
import { createBreachplanWorker, TEMPLATES_DIR } from '../../src/temporal/worker';
import { IncidentDriver } from '../support/incident-driver';
import { DIRECTORY, as, sampleFacts } from '../support/people';
import { historyToJson } from './history-json';
import { loadReplayKeys } from './replay-key';
import { scratchCampaignDeps } from '../support/campaign-deps';

export const RECORDED_INCIDENT_ID = 'INC-REPLAY-0001';

/** Every kind of step the workflow knows, once or twice, ending in closure. */
async function driveIncident(client: Client, taskQueue: string): Promise<IncidentDriver> {
  const carol = as('carol');
  const rick = as('rick');
  const lena = as('lena', 'web');
  const leo = as('leo');
  const cami = as('cami', 'slack');
  await declareIncident(client, taskQueue, {
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

  r = await inc.send(msg.requestApproval, { actor: carol, gateId: 'regulator_notice' });
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
  return inc;
}

async function main(): Promise<void> {
  const out = process.argv[2] ?? join(__dirname, 'incident-v1.json');
  const silent = () => undefined;
  Runtime.install({
    logger: { log: silent, trace: silent, debug: silent, info: silent, warn: silent, error: silent },
  });
  const keys = loadReplayKeys();
  const server = await startDevServer({ headless: true });
  const sink = await startMailSink();
  const mailer = createMailer({ mode: 'embedded', mail: { sinkPort: sink.port, from: 'replay@localhost' } });
  const connection = await NativeConnection.connect({ address: server.address });
  const clientConnection = await Connection.connect({ address: server.address });
  try {
    const temporal = { address: server.address, namespace: 'default', taskQueue: 'replay-recording' };
    const worker = await createBreachplanWorker({
      connection,
      temporal,
      keys,
      activityDeps: {
        templatesDir: TEMPLATES_DIR,
        mailer,
        mailFrom: 'Breachplan <replay@localhost>',
        directory: () => DIRECTORY,
        campaign: scratchCampaignDeps(),
      },
    });
    const client = new Client({ connection: clientConnection, dataConverter: createDataConverter(keys) });
    const inc = await worker.runUntil(() => driveIncident(client, temporal.taskQueue));
    const history = await inc.handle.fetchHistory();
    writeFileSync(out, `${historyToJson(history)}\n`);
    process.stdout.write(`wrote ${history.events?.length ?? 0} events to ${out}\n`);
  } finally {
    await clientConnection.close();
    await connection.close();
    mailer.close();
    await sink.close();
    await server.stop();
  }
}

if (require.main === module) {
  main().catch((err: Error) => {
    process.stderr.write(`record: ${err.stack ?? err.message}\n`);
    process.exit(1);
  });
}
