// `npm run bench:notify -- --recipients N [--rounds R] [--batch B]`: customer notices to N people against one
// local SMTP sink (counting only, duplicate Message-IDs in a compact set), (a) as the best plain loop we know —
// the engine's own counting gate over a pooled nodemailer transport, the same renderer, the same sink — and (b)
// as a Breachplan campaign on a real Temporal dev server with the worker in a child process. The list is
// imported once; the arms then alternate R times (default 5, in the order a b, b a, a b, …), each round timed
// by the sink's own count of accepted notices. Prints each round, the median ratio (b)/(a) with its min and
// max, the worker's peak RSS and the campaign's history events (whole continue-as-new chain).
// Quick check: `npm run bench:notify -- --recipients 2000 --rounds 5`. Large: `--recipients 1000000 --rounds 5`
// sends 10 × 1M (every round to everyone); `--split` makes N the total (10 lists of 100k, 1M sent in all).
// `--profile DIR` writes CPU profiles of the plain loop's and the worker's processes to DIR.
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { connectClient } from '../src/temporal/client';
import { startMailSink } from '../src/dev/mail-sink';
import { startDevServer } from '../src/dev/temporal-server';
import type { Actor } from '../src/domain/roles';
import { createMailer } from '../src/mailer';
import { NoticeRenderer } from '../src/notices/render';
import { importRecipients } from '../src/recipients/import';
import { readRecipients } from '../src/recipients/store';
import { Slots, noticeMessageId } from '../src/notices/batch-sender';
import { formatCodecKeys, generateCodecKey, parseCodecKeys } from '../src/crypto/keyring';
import { createDataConverter } from '../src/temporal/data-converter';
import { latestCampaign, progressOf } from '../src/temporal/campaigns';
import { incidentHandle, loadRunbookFile } from '../src/temporal/incidents';
import { bundleBreachplanWorkflows } from '../src/worker/worker';
import { TEMPLATES_DIR } from '../src/paths';
import { incidentNoticeData } from '../src/domain/notice';
import { incidentFactsSchema } from '../src/domain/incident';
import * as msg from '../workflows/messages';
import { declareAs, sendAs } from '../test/support/auth';
import { edgeKeyFromSeed } from '../src/crypto/edge-keys';
import { withEdgeSigner } from '../src/temporal/incidents';
import { median } from './stats';

// The bench deployment's edge key (compiled into its workflow bundle; commands are signed with it).
const benchEdge = edgeKeyFromSeed('bench-edge', randomBytes(32));

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const actor = (id: string, role: Actor['roles'][number]): Actor => ({ id, roles: [role], source: 'cli' });
const FACTS = incidentFactsSchema.parse({
  title: 'Customer database exfiltrated',
  summary: 'An attacker used a leaked API key to export the customers table.',
  severity: 'sev1',
  reporter: 'bench',
  awareAt: new Date().toISOString(),
  dataCategories: ['name', 'email', 'address'],
  // Where the bench's people live, and what the notice must state there: the draft passes the content check.
  affected: [
    { country: 'US', region: 'US-CA', count: 1 },
    { country: 'US', region: 'US-NY', count: 1 },
    { country: 'DE', count: 1 },
  ],
  breachStartedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
  contained: true,
  lawEnforcementDelay: false,
});

async function writePeople(file: string, n: number, offset = 0): Promise<void> {
  const out = createWriteStream(file);
  out.write('email,name,locale,country,region,address,data_categories\n');
  for (let i = offset; i < offset + n; i++) {
    const us = i % 3 !== 0;
    const line = `person${i}@example.test,Person ${i},${i % 4 === 1 ? 'es' : 'en'},${us ? 'US' : 'DE'},${
      us ? (i % 2 ? 'US-CA' : 'US-NY') : ''
    },,${i % 5 === 0 ? 'email;ssn' : 'email;address'}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/**
 * (a) in a child process that stays up across rounds (warm, as the worker is): on each `go <round>` line, the
 * same notices, rendered the same way, through the same pooled transport, as many on the wire as the engine
 * allows (its default of 5 connections), gated by a counting semaphore, never a race over pending sends.
 */
async function baselineChild(): Promise<void> {
  const [dir, keys, port] = [
    process.env.BP_RECIPIENTS_DIR!,
    parseCodecKeys(process.env.BP_CODEC_KEYS!),
    Number(process.env.BP_SMTP_PORT),
  ];
  const connections = 5;
  const mailer = createMailer(
    { mode: 'embedded', mail: { sinkPort: port, from: 'notices@breachplan.local' } },
    { maxConnections: connections },
  );
  const renderer = new NoticeRenderer(TEMPLATES_DIR, 'notices/customer');
  const incident = incidentNoticeData('INC-BENCH-PLAIN', FACTS);
  process.stdout.write('ready\n');
  for await (const line of createInterface({ input: process.stdin })) {
    const [, round = '0', listHash = ''] = line.split(' ');
    const wire = new Slots(connections);
    const pending = new Set<Promise<void>>();
    let sent = 0;
    let failed = 0;
    for await (const { recipient: r } of readRecipients(dir, listHash, keys)) {
      await wire.acquire();
      const notice = renderer.render({
        incident,
        recipient: { name: r[1], email: r[0], locale: r[2], country: r[3], dataCategories: r[6] },
      });
      const p: Promise<void> = mailer
        .sendMail({
          from: 'Breachplan <notices@breachplan.local>',
          to: { name: r[1], address: r[0] },
          subject: notice.subject,
          text: notice.text,
          html: notice.html,
          messageId: noticeMessageId('INC-BENCH-PLAIN', `plain-${round}`, r[0], 'breachplan.local'),
        })
        .then(
          () => void (sent += 1),
          () => void (failed += 1),
        )
        .finally(() => {
          wire.release();
          pending.delete(p);
        });
      pending.add(p);
    }
    await Promise.all(pending);
    process.stdout.write(JSON.stringify({ sent, failed }) + '\n');
  }
  mailer.close();
}

// `--profile DIR`: both arms' processes write V8 CPU profiles there (where the time goes, arm by arm).
const profileDir = (() => {
  const i = process.argv.indexOf('--profile');
  return i >= 0 ? process.argv[i + 1] : undefined;
})();

function runChild(script: string, env: Record<string, string>, args: string[] = []) {
  const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  return spawn(process.execPath, [...profile, '-r', 'tsx/cjs', script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
}

/** Peak RSS of a process from /proc (VmHWM), sampled until it exits. */
function watchRss(pid: number): () => number {
  let peak = 0;
  const sample = () => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (hwm) peak = Math.max(peak, Number(hwm[1]) * 1024);
    } catch {
      /* exited */
    }
  };
  const timer = setInterval(sample, 250);
  return () => {
    sample();
    clearInterval(timer);
    return peak;
  };
}

/** Resolves once the sink has accepted `n` more messages than `before`, with the time it took from `t0`. */
async function sinkReached(sink: { accepted: number }, target: number, t0: number): Promise<number> {
  while (sink.accepted < target) await new Promise((r) => setTimeout(r, 5));
  return (performance.now() - t0) / 1000;
}

/** Lines from a child's stdout, one at a time. */
function lines(child: ReturnType<typeof runChild>): () => Promise<string> {
  const queue: string[] = [];
  const waiting: ((l: string) => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => {
    const w = waiting.shift();
    if (w) w(l);
    else queue.push(l);
  });
  return () => new Promise((ok) => (queue.length ? ok(queue.shift()!) : waiting.push(ok)));
}

async function main(): Promise<void> {
  if (process.argv.includes('--baseline-child')) return baselineChild();
  const total = arg('recipients', 10_000);
  // --split: the N people are every round's together (imported once as one list per arm and round), so that
  // 1M is sent once in all; without it every round of each arm sends to all N.
  const split = process.argv.includes('--split');
  const rounds = Math.max(5, arg('rounds', 5));
  const n = split ? Math.floor(total / (2 * rounds)) : total;
  const batch = arg('batch', Math.min(20_000, Math.max(1000, Math.ceil(n / 20))));
  const work = mkdtempSync(join(tmpdir(), 'bp-bench-'));
  const dir = join(work, 'recipients');
  const keys = [generateCodecKey('bench')];
  const sink = await startMailSink({ keepInMemory: false });
  const mib = (b: number) => (b / 1024 / 1024).toFixed(0);
  const children: ReturnType<typeof runChild>[] = [];
  try {
    const t0 = Date.now();
    const lists: string[] = [];
    for (let i = 0; i < (split ? 2 * rounds : 1); i++) {
      await writePeople(join(work, 'people.csv'), n, i * n);
      lists.push((await importRecipients({ input: join(work, 'people.csv'), dir, keys })).listHash);
      rmSync(join(work, 'people.csv'));
    }
    console.log(
      `import (once): ${lists.length} list(s) of ${n} people in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    /** The list an arm sends to in a round: its own with --split, else the one list. */
    const listFor = (arm: 0 | 1, round: number) => lists[split ? 2 * (round - 1) + arm : 0]!;
    const env = {
      BP_RECIPIENTS_DIR: dir,
      BP_CODEC_KEYS: formatCodecKeys(keys),
      BP_SMTP_PORT: String(sink.port),
    };

    // Both arms up before the first round: the plain loop's process and the Temporal server with its worker.
    const plain = runChild(__filename, env, ['--baseline-child']);
    children.push(plain);
    const plainLine = lines(plain);
    const [server, bundle] = await Promise.all([
      startDevServer({ headless: true, logLevel: 'error' }),
      bundleBreachplanWorkflows({ [benchEdge.id]: benchEdge.publicKeyHex }),
    ]);
    writeFileSync(join(work, 'workflows.js'), bundle.code);
    const taskQueue = 'bench-notify';
    const worker = runChild(join(__dirname, '..', 'test', 'support', 'worker-process.ts'), {
      ...env,
      BP_ADDRESS: server.address,
      BP_TASK_QUEUE: taskQueue,
      BP_BUNDLE: join(work, 'workflows.js'),
      BP_NO_DIRECTORY: '1',
    });
    children.push(worker);
    const workerLine = lines(worker);
    while ((await workerLine()) !== 'ready');
    while ((await plainLine()) !== 'ready');
    const peakRss = watchRss(worker.pid!);
    const client = withEdgeSigner(
      await connectClient(
        { address: server.address, namespace: 'default', taskQueue },
        createDataConverter(keys),
      ),
      benchEdge,
    );
    const carol = actor('carol', 'commander');

    /** (a) one round of the plain loop, timed by the sink. */
    const plainRound = async (round: number) => {
      const before = sink.accepted;
      const t = performance.now();
      plain.stdin!.write(`go ${round} ${listFor(0, round)}\n`);
      const seconds = await sinkReached(sink, before + n, t);
      const r = JSON.parse(await plainLine()) as { sent: number; failed: number };
      if (r.sent !== n) throw new Error(`plain round ${round}: ${r.sent} sent, ${r.failed} failed of ${n}`);
      return n / seconds;
    };

    /** (b) one round: a fresh incident approved up to the campaign (untimed), then the campaign, timed by the sink. */
    let lastCampaign: { workflowId: string; runs: number } | undefined;
    const campaignRound = async (round: number) => {
      const listHash = listFor(1, round);
      const { incidentId } = await declareAs(client, taskQueue, {
        facts: FACTS,
        runbook: loadRunbookFile(),
        actor: carol,
      });
      const h = incidentHandle(client, incidentId);
      await sendAs(h, msg.advancePhase, {
        actor: carol,
        to: 'notify_customers',
        force: true,
        reason: 'bench',
      });
      const r = await sendAs(h, msg.requestApproval, { actor: carol, gateId: 'customer_notice' });
      const ask = { gateId: 'customer_notice', requestId: r.requestId, contentHash: r.draft.contentHash };
      await sendAs(h, msg.approve, { actor: actor('lena', 'legal'), ...ask });
      await sendAs(h, msg.approve, { actor: actor('cami', 'communications'), ...ask });
      const before = sink.accepted;
      const t = performance.now();
      await sendAs(h, msg.startCampaign, {
        actor: carol,
        recipientsHash: listHash,
        batchSize: batch,
      });
      const seconds = await sinkReached(sink, before + n, t);
      // Completed (untimed) before the next round, so rounds never overlap.
      for (;;) {
        const c = await latestCampaign(client, incidentId);
        const p = await progressOf(client, c);
        if (c.status === 'completed' || c.status === 'failed') {
          if (p.sent !== n) throw new Error(`campaign: ${p.sent} sent of ${n} (${c.status})`);
          lastCampaign = { workflowId: c.workflowId, runs: p.runs };
          break;
        }
        await new Promise((res) => setTimeout(res, 100));
      }
      return n / seconds;
    };

    const rows: { plain: number; campaign: number }[] = [];
    try {
      for (let round = 1; round <= rounds; round++) {
        // Alternated order: a b, then b a, … so that neither arm always runs on a warmer machine.
        let a: number;
        let b: number;
        if (round % 2) {
          a = await plainRound(round);
          b = await campaignRound(round);
        } else {
          b = await campaignRound(round);
          a = await plainRound(round);
        }
        rows.push({ plain: a, campaign: b });
        console.log(
          `round ${round}/${rounds} (${round % 2 ? 'a,b' : 'b,a'}): (a) plain ${a.toFixed(0)} msg/s  (b) campaign ${b.toFixed(0)} msg/s  ratio ${(b / a).toFixed(2)}`,
        );
      }
      const ratios = rows.map((r) => r.campaign / r.plain);
      console.log(
        `\n${n} recipients per round${split ? ` (--split: ${2 * rounds * n} in all)` : ''}, ${rounds} rounds, batch ${batch}: (a) plain median ${median(rows.map((r) => r.plain)).toFixed(0)} msg/s, (b) campaign median ${median(rows.map((r) => r.campaign)).toFixed(0)} msg/s`,
      );
      console.log(
        `ratio (b)/(a): median ${median(ratios).toFixed(2)}  min ${Math.min(...ratios).toFixed(2)}  max ${Math.max(...ratios).toFixed(2)}`,
      );
      console.log(`worker peak RSS: ${mib(peakRss())} MiB`);
      let events = 0;
      let runs = 0;
      for await (const e of client.workflow.list({ query: `WorkflowId = "${lastCampaign!.workflowId}"` })) {
        events += e.historyLength;
        runs += 1;
      }
      console.log(
        `last campaign's history events: ${events} over ${runs} runs (visibility) = ${((events / n) * 100).toFixed(2)} per 100 recipients`,
      );
      console.log(
        `sink: ${sink.accepted} notices accepted in all (${2 * rounds * n} expected), ${sink.duplicateIds} duplicate Message-IDs`,
      );
    } finally {
      await client.connection.close();
      worker.kill('SIGTERM');
      // The plain loop ends with its input (so that a profile is written), the worker on SIGTERM.
      plain.stdin!.end();
      await Promise.all([once(worker, 'exit'), plain.exitCode === null ? once(plain, 'exit') : undefined]);
      await server.stop();
    }
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    await sink.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err);
    process.exit(1);
  },
);
