// `npx tsx bench/incident-updates.ts [--updates N] [--rounds R]`: N updates (notes, facts changes, holds placed
// and released) to one incident, and the same N payloads to a bare workflow that only appends them to a list
// (the Temporal floor), on one real dev server with in-process workers and the encrypting data converter.
// The arms alternate in R rounds of N/R updates each. Prints throughput per round and the ratio to the floor
// (median, min, max), p50/p95/p99 latency per 1,000-update window, and history events and bytes per run.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchRunChain, encodeHistory } from '../src/audit/archive';
import { signerFor } from '../src/audit/signing';
import { startDevServer } from '../src/dev/temporal-server';
import { startMailSink } from '../src/dev/mail-sink';
import { incidentFactsSchema, workflowIdFor } from '../src/domain/incident';
import type { Actor } from '../src/domain/roles';
import { createMailer } from '../src/mailer';
import { generateCodecKey } from '../src/crypto/keyring';
import { createDataConverter } from '../src/temporal/data-converter';
import {
  declareIncident,
  incidentHandle,
  loadRunbookFile,
  sendCommand,
  withEdgeSigner,
} from '../src/temporal/incidents';
import { newTestEdgeKey } from '../test/support/edge-key';
import { authenticated } from '../test/support/auth';
import { createBreachplanWorker } from '../src/worker/worker';
import { TEMPLATES_DIR } from '../src/paths';
import { generateKeyPairSync } from 'node:crypto';
import * as msg from '../workflows/messages';
import { appendUpdate, appendOnlyWorkflow } from './floor-workflow';
import { ascending, median, percentile } from './stats';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('updates', 10_000);
const ROUNDS = arg('rounds', 5);
const WINDOW = 1_000;
const carol: Actor = { id: 'carol', roles: ['commander', 'responder'], source: 'cli' };
const leo: Actor = { id: 'leo', roles: ['legal'], source: 'cli' };

const pct = (xs: number[], p: number) => percentile(ascending(xs), p);

/** The i-th update of the mix: mostly notes, a facts change in ten, a hold placed or released in 25. */
function update(i: number): { def: string; command: Record<string, unknown> } {
  if (i % 50 === 10)
    return { def: 'placeHold', command: { actor: leo, agency: 'FBI', reference: `CASE-${i}` } };
  if (i % 50 === 35) return { def: 'releaseHold', command: { actor: leo, reason: `cleared ${i}` } };
  if (i % 10 === 5)
    return {
      def: 'updateFacts',
      command: { actor: carol, patch: { estimatedAffected: 1000 + i }, reason: `recount ${i}` },
    };
  return {
    def: 'addNote',
    command: { actor: carol, text: `note ${i}: ${'status of the investigation '.repeat(3)}` },
  };
}
const DEFS = {
  placeHold: msg.placeHold,
  releaseHold: msg.releaseHold,
  updateFacts: msg.updateFacts,
  addNote: msg.addNote,
} as const;

async function main(): Promise<void> {
  const silent = () => undefined;
  Runtime.install({
    logger: { log: silent, trace: silent, debug: silent, info: silent, warn: silent, error: silent },
  });
  const keys = [generateCodecKey('bench-key')];
  const server = await startDevServer({ headless: true });
  const sink = await startMailSink({ keepInMemory: false });
  const mailer = createMailer({ mode: 'embedded', mail: { sinkPort: sink.port, from: 'bench@localhost' } });
  const connection = await NativeConnection.connect({ address: server.address });
  const clientConnection = await Connection.connect({ address: server.address });
  // The bench is an edge: it signs its commands with its own edge key, which its worker trusts.
  const { key: edgeKey, trusted } = newTestEdgeKey('bench');
  const client = withEdgeSigner(
    new Client({ connection: clientConnection, dataConverter: createDataConverter(keys) }),
    edgeKey,
  );
  const temporal = { address: server.address, namespace: 'default', taskQueue: 'bench-incident' };
  const signer = signerFor(generateKeyPairSync('ed25519').privateKey);
  const archiveDir = mkdtempSync(join(tmpdir(), 'bp-bench-archive-'));
  const incidentWorker = await createBreachplanWorker({
    connection,
    temporal,
    keys,
    edgeKeys: trusted,
    activityDeps: {
      templatesDir: TEMPLATES_DIR,
      mailer,
      mailFrom: 'Breachplan <bench@localhost>',
      directory: () => ({ people: [] }),
      campaign: { recipientsDir: mkdtempSync(join(tmpdir(), 'bp-bench-recipients-')) },
      archive: { archiveDir, signer: () => signer, workflowService: () => connection.workflowService },
    },
  });
  const floorWorker = await Worker.create({
    connection,
    taskQueue: 'bench-floor',
    workflowsPath: require.resolve('./floor-workflow'),
    dataConverter: createDataConverter(keys),
  });
  const running = Promise.all([incidentWorker.run(), floorWorker.run()]);
  try {
    const { incidentId } = await declareIncident(client, temporal.taskQueue, {
      facts: incidentFactsSchema.parse({
        title: 'Customer database exfiltrated',
        summary: 'An attacker used a leaked API key to export the customers table.',
        severity: 'sev1',
        reporter: 'bench',
        awareAt: new Date().toISOString(),
        dataCategories: ['name', 'email'],
      }),
      runbook: loadRunbookFile(),
      as: authenticated(carol),
    });
    const incident = incidentHandle(client, incidentId);
    const floor = await client.workflow.start(appendOnlyWorkflow, {
      workflowId: `floor-${incidentId}`,
      taskQueue: 'bench-floor',
      args: [{ perRun: 1_000 }],
    });
    const floorHandle = client.workflow.getHandle(floor.workflowId);

    const lat = { incident: [] as number[], floor: [] as number[] };
    const rate = { incident: [] as number[], floor: [] as number[] };
    const perRound = Math.ceil(N / ROUNDS);
    const arm = async (name: 'incident' | 'floor', from: number, to: number) => {
      const t0 = performance.now();
      for (let i = from; i < to; i++) {
        const u = update(i);
        const s = performance.now();
        if (name === 'incident')
          await sendCommand(incident, DEFS[u.def as keyof typeof DEFS] as never, u.command as never, {
            as: authenticated((u.command as { actor: Actor }).actor),
          });
        else await floorHandle.executeUpdate(appendUpdate, { args: [u] });
        lat[name].push(performance.now() - s);
      }
      rate[name].push(((to - from) / (performance.now() - t0)) * 1000);
    };
    for (let r = 0; r < ROUNDS; r++) {
      const from = r * perRound;
      const to = Math.min(N, from + perRound);
      // Alternate which arm goes first, so neither always runs on a warmer (or more loaded) machine.
      if (r % 2 === 0) {
        await arm('incident', from, to);
        await arm('floor', from, to);
      } else {
        await arm('floor', from, to);
        await arm('incident', from, to);
      }
      process.stderr.write(
        `round ${r + 1}/${ROUNDS}: incident ${rate.incident.at(-1)!.toFixed(0)}/s, floor ${rate.floor.at(-1)!.toFixed(0)}/s\n`,
      );
    }

    const ratios = rate.incident.map((x, i) => x / rate.floor[i]!);
    const fmt = (x: number) => x.toFixed(2);
    console.log(`\nincident-updates: N=${N} sequential updates per arm, ${ROUNDS} alternating rounds`);
    console.log(
      `throughput (updates/s): incident median ${fmt(median(rate.incident))} [${fmt(Math.min(...rate.incident))}-${fmt(Math.max(...rate.incident))}], ` +
        `floor median ${fmt(median(rate.floor))} [${fmt(Math.min(...rate.floor))}-${fmt(Math.max(...rate.floor))}]`,
    );
    console.log(
      `ratio incident/floor: median ${fmt(median(ratios))}, min ${fmt(Math.min(...ratios))}, max ${fmt(Math.max(...ratios))} (target >= 0.5)`,
    );
    console.log('\nlatency per 1,000-update window (ms):  window  incident p50/p95/p99   floor p50/p95/p99');
    const p95s: number[] = [];
    for (let w = 0; w * WINDOW < N; w++) {
      const a = lat.incident.slice(w * WINDOW, (w + 1) * WINDOW);
      const b = lat.floor.slice(w * WINDOW, (w + 1) * WINDOW);
      p95s.push(pct(a, 95));
      console.log(
        `  ${String(w + 1).padStart(6)}  ${[50, 95, 99]
          .map((p) => fmt(pct(a, p)))
          .join('/')
          .padStart(20)}   ${[50, 95, 99].map((p) => fmt(pct(b, p))).join('/')}`,
      );
    }
    console.log(
      `incident p95 last window / first window: ${fmt(p95s.at(-1)! / p95s[0]!)} (target within 1.5); max/min over windows ${fmt(Math.max(...p95s) / Math.min(...p95s))}`,
    );

    const runs = async (what: string, workflowId: string) => {
      const chain = await fetchRunChain(clientConnection.workflowService, 'default', workflowId);
      const sizes = chain.map((h) => ({ events: h.events?.length ?? 0, bytes: encodeHistory(h).length }));
      console.log(
        `${what}: ${chain.length} runs; events per run median ${median(sizes.map((s) => s.events))} (max ${Math.max(...sizes.map((s) => s.events))}), ` +
          `bytes per run median ${median(sizes.map((s) => s.bytes))} (max ${Math.max(...sizes.map((s) => s.bytes))})`,
      );
    };
    console.log('');
    await runs('incident history', workflowIdFor(incidentId));
    await runs('floor history', floor.workflowId);
    const view = await incident.query(msg.getIncident);
    const index = await incident.query(msg.getTimelineIndex);
    console.log(
      `incident: ${view.timelineLength} timeline entries, ${index.segments.length} sealed segments, ` +
        `${(await incident.query(msg.getTimeline)).length} live; carried view ${JSON.stringify(view).length} bytes`,
    );
  } finally {
    incidentWorker.shutdown();
    floorWorker.shutdown();
    await running;
    await clientConnection.close();
    await connection.close();
    mailer.close();
    await sink.close();
    await server.stop();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`bench: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
