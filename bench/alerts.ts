// `npx tsx bench/alerts.ts [--deliveries 10000] [--fingerprints 100] [--rounds 5] [--concurrency 50]`: alerts
// accepted per second and the p99 answer time of POST /api/v1/alerts/<source> (generic signed JSON) on the real
// HTTP app, worker and a Temporal dev server, against a plain Express handler that only checks the same
// signature on the raw body and answers 202 — the least an alert receiver can cost. The deliveries are spread
// over the fingerprints (the same ones all run long: round 1 declares one incident per fingerprint, the rest
// attach or are repeats, as a noisy rule would make them); the arms alternate, the first arm rotating each
// round. Printed per arm: alerts/s and p50/p99, then the
// median (min–max) ratio to the plain handler of alerts/s and of p99.
import { randomBytes, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import express from 'express';
import pino from 'pino';
import { signerFor } from '../src/audit/signing';
import { edgeKeyFromSeed } from '../src/crypto/edge-keys';
import { generateCodecKey } from '../src/crypto/keyring';
import { genericSignature, verifyGeneric } from '../src/crypto/webhook-signatures';
import { startDevServer } from '../src/dev/temporal-server';
import { startMailSink } from '../src/dev/mail-sink';
import type { RoleDirectory } from '../src/domain/roles';
import { parseAlertSources } from '../src/integrations';
import { createMailer } from '../src/mailer';
import { TEMPLATES_DIR } from '../src/paths';
import { createDataConverter } from '../src/temporal/data-converter';
import { withEdgeSigner } from '../src/temporal/incidents';
import { createApp } from '../src/web/app';
import { createWebEdge } from '../src/web/edge';
import { createBreachplanWorker } from '../src/worker/worker';
import { median, percentile } from './stats';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const DELIVERIES = arg('deliveries', 10_000);
const FINGERPRINTS = arg('fingerprints', 100);
const ROUNDS = Math.max(5, arg('rounds', 5));
const CONCURRENCY = arg('concurrency', 50);
const SECRET = randomBytes(24).toString('hex');

const listen = (app: express.Express) =>
  new Promise<Server>((ok) => {
    const s = app.listen(0, '127.0.0.1', () => ok(s));
  });
const urlOf = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
const close = (s: Server) => new Promise<void>((ok) => s.close(() => ok()));

/** `n` signed deliveries, CONCURRENCY at a time: each one's answer time (ms) and the wall time. */
async function load(
  url: string,
  n: number,
  tag: string,
): Promise<{ times: number[]; seconds: number; refused: Record<string, number> }> {
  const times: number[] = [];
  const refused: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const body = JSON.stringify({
        id: `${tag}-${i}`,
        // Warm-up on five fingerprints of its own; the measured rounds share FINGERPRINTS.
        fingerprint: tag.startsWith('warm') ? `${tag}-fp-${i % 5}` : `bench-fp-${i % FINGERPRINTS}`,
        title: 'Mass download of customer records',
        labels: { rule: 'dlp-7' },
      });
      const ts = String(Math.floor(Date.now() / 1000));
      const t0 = performance.now();
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-breachplan-timestamp': ts,
          'x-breachplan-signature': genericSignature(SECRET, ts, body),
        },
        body,
      });
      const answer = await res.text();
      // Only accepted deliveries count; a refusal is tallied by its problem code (and shown).
      if (res.status === 202) times.push(performance.now() - t0);
      else {
        const code = `${res.status} ${(/"code":"([^"]+)"/.exec(answer) ?? [])[1] ?? ''}`;
        refused[code] = (refused[code] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { times: times.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000, refused };
}

async function main(): Promise<void> {
  const silent = () => undefined;
  Runtime.install({
    logger: { log: silent, trace: silent, debug: silent, info: silent, warn: silent, error: silent },
    // The core's own warnings (slow workflow tasks under load) go to the silent logger too.
    telemetryOptions: { logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
  });
  const logger = pino({ level: 'silent' });
  const keys = [generateCodecKey('bench-key')];
  const server = await startDevServer({ headless: true });
  const sink = await startMailSink({ keepInMemory: false });
  const mailer = createMailer({ mode: 'embedded', mail: { sinkPort: sink.port, from: 'bench@localhost' } });
  const connection = await NativeConnection.connect({ address: server.address });
  const edgeKey = edgeKeyFromSeed('bench', randomBytes(32));
  const client = withEdgeSigner(
    new Client({
      connection: await Connection.connect({ address: server.address }),
      dataConverter: createDataConverter(keys),
    }),
    edgeKey,
  );
  const temporal = { address: server.address, namespace: 'default', taskQueue: 'bench-alerts' };
  const directory: RoleDirectory = {
    people: [{ id: 'svc-siem', name: 'SIEM', roles: ['responder'], onCall: false, service: true }],
  };
  const archiveDir = mkdtempSync(join(tmpdir(), 'bp-bench-archive-'));
  const signer = signerFor(generateKeyPairSync('ed25519').privateKey);
  const worker = await createBreachplanWorker({
    connection,
    temporal,
    keys,
    edgeKeys: { [edgeKey.id]: edgeKey.publicKeyHex },
    activityDeps: {
      templatesDir: TEMPLATES_DIR,
      mailer,
      mailFrom: 'Breachplan <bench@localhost>',
      directory: () => directory,
      campaign: { recipientsDir: mkdtempSync(join(tmpdir(), 'bp-bench-recipients-')) },
      archive: { archiveDir, signer: () => signer, workflowService: () => connection.workflowService },
    },
  });
  const running = worker.run();

  const sources = parseAlertSources(
    { sources: [{ id: 'siem', kind: 'generic', secret: { env: 'SIEM' }, serviceAccount: 'svc-siem' }] },
    'bench sources',
    { SIEM: SECRET },
  );
  const breachplan = createApp({
    client,
    logger,
    namespace: 'default',
    web: createWebEdge({
      client,
      namespace: 'default',
      keys,
      sessionSecret: randomBytes(32),
      web: {
        auth: ['token'],
        trustedProxies: [],
        proxyUserHeader: 'x-forwarded-user',
        tokensFile: join(archiveDir, 'tokens.yaml'),
        codecOrigins: [],
      },
      directory: () => directory,
      signer: () => signer,
      api: { taskQueue: temporal.taskQueue, recipientsDir: archiveDir, archiveDir, mode: 'bench' },
      alertSources: sources,
      logger,
    }),
  });
  const plain = express();
  plain.post('/api/v1/alerts/:source', express.raw({ type: () => true, limit: '2mb' }), (req, res) => {
    const check = verifyGeneric(
      SECRET,
      { timestamp: req.get('x-breachplan-timestamp'), signature: req.get('x-breachplan-signature') },
      req.body as Buffer,
    );
    res.status(check.ok ? 202 : 401).json({ alerts: [] });
  });
  const servers = { plain: await listen(plain), breachplan: await listen(breachplan) };
  const arms = Object.keys(servers) as (keyof typeof servers)[];
  const perRound = Math.ceil(DELIVERIES / ROUNDS);
  const rate: Record<string, number[]> = { plain: [], breachplan: [] };
  const p99: Record<string, number[]> = { plain: [], breachplan: [] };
  const all: Record<string, number[]> = { plain: [], breachplan: [] };
  try {
    // Warm-up (not counted): the bundle, the first workflow tasks, the connections.
    for (const arm of arms) await load(`${urlOf(servers[arm])}/api/v1/alerts/siem`, 100, `warm-${arm}`);
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? arms : [...arms].reverse();
      for (const arm of order) {
        const r = await load(`${urlOf(servers[arm])}/api/v1/alerts/siem`, perRound, `r${round}-${arm}`);
        rate[arm]!.push(r.times.length / r.seconds);
        p99[arm]!.push(percentile(r.times, 99));
        all[arm]!.push(...r.times);
        console.log(
          `round ${round + 1} ${arm.padEnd(10)} ${(r.times.length / r.seconds).toFixed(0).padStart(6)} alerts/s accepted  p50 ${percentile(r.times, 50).toFixed(1)} ms  p99 ${percentile(r.times, 99).toFixed(1)} ms` +
            (Object.keys(r.refused).length ? `  refused ${JSON.stringify(r.refused)}` : ''),
        );
      }
    }
    console.log(
      `\n${perRound} deliveries per arm per round over ${FINGERPRINTS} fingerprints, ${CONCURRENCY} concurrent, ${ROUNDS} rounds`,
    );
    for (const arm of arms) {
      const sorted = all[arm]!.sort((a, b) => a - b);
      const rateRatio = rate[arm]!.map((x, i) => x / rate.plain![i]!);
      const p99Ratio = p99[arm]!.map((x, i) => x / p99.plain![i]!);
      const span = (xs: number[]) =>
        `median ${median(xs).toFixed(3)} (min ${Math.min(...xs).toFixed(3)}, max ${Math.max(...xs).toFixed(3)})`;
      console.log(
        `${arm.padEnd(10)} alerts/s median ${median(rate[arm]!).toFixed(0)}; all rounds p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms` +
          (arm === 'plain'
            ? ''
            : `\n           alerts/s ÷ plain: ${span(rateRatio)}; p99 ÷ plain p99: ${span(p99Ratio)}`),
      );
    }
  } finally {
    await Promise.all(Object.values(servers).map(close));
    worker.shutdown();
    await running;
    await connection.close();
    await client.connection.close();
    mailer.close();
    await sink.close();
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
