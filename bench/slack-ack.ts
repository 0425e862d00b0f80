// `npm run bench:slack-ack -- [--rounds 5] [--requests 200] [--concurrency 20]`: how long Slack waits for the
// edge's acknowledgement, with Slack's Web API up (the fake on loopback) and down (a closed port). Signed
// `/incident help` (answered in the ack) and `/incident declare` (ack, then views.open) requests, 20 at a time,
// into the real HTTP app with the real Slack edge. Baseline: a plain Express route that checks the same
// signature on the raw body and answers 200 — the least an ack can cost. The arms alternate, rotated each
// round; printed: p50/p99 per arm, and the median (min–max) ratio of each arm's p99 to the baseline's.
// The fake Slack Web API runs in a child process, as Slack is elsewhere in production: its own work (answering
// views.open) is not charged to the edge, which still makes every call it would make. So does the load: the
// requests are signed and sent from another child process, so that the servers' process (whose CPU per
// request is printed) runs only what an edge runs, and the client's fetch and its garbage sway no arm's
// latency through this process's event loop and its GC (they made every arm's tail, the plain one's too).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import express from 'express';
import pino from 'pino';
import { createSlackEdge } from '../src/slack/app';
import { verifySlackSignature } from '../src/slack/signature';
import { loadRunbookFile } from '../src/temporal/incidents';
import { TEMPLATES_DIR } from '../src/paths';
import { createApp } from '../src/web/app';
import { startFakeSlack } from '../test/support/fake-slack';
import { DIRECTORY } from '../test/support/people';
import { BOT_TOKEN, SIGNING_SECRET, postSigned, slashCommand } from '../test/support/slack-requests';
import { median, percentile } from './stats';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = arg('rounds', 5);
const REQUESTS = arg('requests', 200);
const CONCURRENCY = arg('concurrency', 20);

const listen = (app: express.Express) =>
  new Promise<Server>((ok) => {
    const s = app.listen(0, '127.0.0.1', () => ok(s));
  });
const urlOf = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
const close = (s: Server) => new Promise<void>((ok) => s.close(() => ok()));

/** A port nothing listens on: Slack's API "down" (connection refused). */
async function deadPort(): Promise<number> {
  const s = await listen(express());
  const port = (s.address() as AddressInfo).port;
  await close(s);
  return port;
}

/** REQUESTS signed requests, CONCURRENCY at a time; the ack latency of each, in ms. */
async function load(events: string, responseBase: string): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < REQUESTS) {
      const i = next++;
      const request = slashCommand(i % 2 ? 'help' : 'declare', {
        user: 'U0CAROL',
        channel: 'C0GENERAL',
        responseUrl: `${responseBase}/response/${i}`,
        triggerId: `trig-${i}-${Math.random().toString(36).slice(2)}`,
      });
      const started = performance.now();
      const res = await postSigned(events, request);
      await res.arrayBuffer();
      times.push(performance.now() - started);
      if (res.status !== 200) throw new Error(`ack ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return times.sort((a, b) => a - b);
}

/** The fake Slack API in its own process: prints its URL, runs until its stdin closes. */
async function fakeSlackChild(): Promise<void> {
  const slack = await startFakeSlack();
  process.stdout.write(`${slack.url}\n`);
  process.stdin.resume();
  await new Promise((ok) => process.stdin.once('end', ok));
  await slack.stop();
}

async function startFakeSlackProcess(): Promise<{ url: string; apiUrl: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', __filename, '--fake-slack-child'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((ok) =>
    child.stdout.once('data', (c: Buffer) => ok(c.toString().trim().split('\n')[0]!)),
  );
  return {
    url,
    apiUrl: `${url}/api/`,
    stop: async () => {
      child.stdin.end();
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

/** The load generator in its own process: on each `<events url> <response base>` line, one load, answered as JSON. */
async function loadChild(): Promise<void> {
  for await (const line of createInterface({ input: process.stdin })) {
    const [events, responseBase] = line.split(' ') as [string, string];
    process.stdout.write(`${JSON.stringify(await load(events, responseBase))}\n`);
  }
}

function startLoadProcess(): {
  load(events: string, responseBase: string): Promise<number[]>;
  stop(): Promise<void>;
} {
  const child = spawn(
    process.execPath,
    [
      '-r',
      'tsx/cjs',
      __filename,
      '--load-child',
      '--requests',
      String(REQUESTS),
      '--concurrency',
      String(CONCURRENCY),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const answers = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return {
    async load(events, responseBase) {
      child.stdin!.write(`${events} ${responseBase}\n`);
      const next = await answers.next();
      if (next.done) throw new Error('the load process ended');
      return JSON.parse(next.value as string) as number[];
    },
    stop: async () => {
      child.stdin!.end();
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

async function main(): Promise<void> {
  if (process.argv.includes('--fake-slack-child')) return fakeSlackChild();
  if (process.argv.includes('--load-child')) return loadChild();
  const logger = pino({ level: 'silent' });
  // The edge needs a Temporal client only after the ack (declare and help never reach it): a lazy one.
  const temporal = new Client({ connection: Connection.lazy({ address: `127.0.0.1:${await deadPort()}` }) });
  const slack = await startFakeSlackProcess();
  const generator = startLoadProcess();
  const runbook = loadRunbookFile();
  const edgeApp = (apiUrl: string) => {
    const edge = createSlackEdge({
      slack: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl },
      temporal,
      taskQueue: 'bench-slack-ack',
      directory: () => DIRECTORY,
      runbook: () => runbook,
      templatesDir: TEMPLATES_DIR,
      logger,
    });
    return { edge, app: createApp({ client: temporal, logger, namespace: 'default', slack: edge }) };
  };
  const up = edgeApp(slack.apiUrl);
  const down = edgeApp(`http://127.0.0.1:${await deadPort()}/api/`);
  await up.edge.identity.ready;

  const plain = express();
  plain.post('/slack/events', express.raw({ type: () => true, limit: '1mb' }), (req, res) => {
    const check = verifySlackSignature(
      SIGNING_SECRET,
      { timestamp: req.get('x-slack-request-timestamp'), signature: req.get('x-slack-signature') },
      req.body as Buffer,
      Date.now(),
    );
    res.status(check.ok ? 200 : 401).end();
  });

  const servers = {
    plain: await listen(plain),
    'edge, Slack up': await listen(up.app),
    'edge, Slack down': await listen(down.app),
  };
  const arms = Object.keys(servers) as (keyof typeof servers)[];
  const p99s: Record<string, number[]> = Object.fromEntries(arms.map((a) => [a, []]));
  const all: Record<string, number[]> = Object.fromEntries(arms.map((a) => [a, []]));
  // CPU time of this process (the servers: the load is generated elsewhere) per request: less swayed by other
  // processes on the machine than latency is.
  const cpu: Record<string, number[]> = Object.fromEntries(arms.map((a) => [a, []]));
  // One warm-up round per arm, not counted.
  for (const arm of arms) await generator.load(`${urlOf(servers[arm])}/slack/events`, slack.url);
  for (let round = 0; round < ROUNDS; round++) {
    const order = arms.map((_, i) => arms[(i + round) % arms.length]!);
    for (const arm of order) {
      const c0 = process.cpuUsage();
      const times = await generator.load(`${urlOf(servers[arm])}/slack/events`, slack.url);
      // Post-ack work (views.open and its answer) finishes before the CPU is counted.
      await new Promise((r) => setTimeout(r, 200));
      const used = process.cpuUsage(c0);
      cpu[arm]!.push((used.user + used.system) / 1000 / REQUESTS);
      p99s[arm]!.push(percentile(times, 99));
      all[arm]!.push(...times);
      console.log(
        `round ${round + 1} ${arm.padEnd(17)} p50 ${percentile(times, 50).toFixed(1)} ms  p99 ${percentile(times, 99).toFixed(1)} ms  cpu ${cpu[arm]!.at(-1)!.toFixed(2)} ms/request`,
      );
    }
  }
  console.log(
    `\n${REQUESTS} requests per arm per round, ${CONCURRENCY} concurrent, ${ROUNDS} rounds (help + declare)`,
  );
  for (const arm of arms) {
    const sorted = all[arm]!.sort((a, b) => a - b);
    const ratios = p99s[arm]!.map((p, i) => p / p99s.plain![i]!);
    console.log(
      `${arm.padEnd(17)} all rounds: p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms, cpu median ${median(cpu[arm]!).toFixed(2)} ms/request` +
        (arm === 'plain'
          ? ''
          : `; p99 / plain p99: median ${median(ratios).toFixed(2)} (min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)})`),
    );
  }
  up.edge.identity.stop();
  down.edge.identity.stop();
  await Promise.all(Object.values(servers).map(close));
  await Promise.all([slack.stop(), generator.stop()]);
  await temporal.connection.close().catch(() => undefined);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
