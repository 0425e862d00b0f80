// `npm run bench:notify -- --recipients N [--batch B]`: customer notices to N people against one local SMTP
// sink (counting only, duplicate Message-IDs in a compact set), (a) as a plain pooled nodemailer loop and (b)
// as a Breachplan campaign on a real Temporal dev server with the worker in a child process. Prints both
// throughputs, their ratio, the worker's peak RSS and the campaign's history events (whole continue-as-new chain).
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectClient } from '../src/temporal/client';
import { startMailSink } from '../src/dev/mail-sink';
import { startDevServer } from '../src/dev/temporal-server';
import type { Actor } from '../src/domain/roles';
import { createMailer } from '../src/mailer';
import { NoticeRenderer } from '../src/notices/render';
import { importRecipients } from '../src/recipients/import';
import { readRecipients } from '../src/recipients/store';
import { noticeMessageId } from '../src/notices/batch-sender';
import { formatCodecKeys, generateCodecKey, parseCodecKeys } from '../src/crypto/keyring';
import { createDataConverter } from '../src/temporal/data-converter';
import { progressBar } from '../src/cli/campaign-commands';
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
});

async function writePeople(file: string, n: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('email,name,locale,country,region,address,data_categories\n');
  for (let i = 0; i < n; i++) {
    const us = i % 3 !== 0;
    const line = `person${i}@example.test,Person ${i},${i % 4 === 1 ? 'es' : 'en'},${us ? 'US' : 'DE'},${
      us ? (i % 2 ? 'US-CA' : 'US-NY') : ''
    },,${i % 5 === 0 ? 'email;ssn' : 'email;address'}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** (a) in a child process: the same notices, rendered the same way, through the same pooled transport. */
async function baselineChild(): Promise<void> {
  const [dir, listHash, keys, port] = [
    process.env.BP_RECIPIENTS_DIR!,
    process.env.BP_LIST!,
    parseCodecKeys(process.env.BP_CODEC_KEYS!),
    Number(process.env.BP_SMTP_PORT),
  ];
  const mailer = createMailer({
    mode: 'embedded',
    mail: { sinkPort: port, from: 'notices@breachplan.local' },
  });
  const renderer = new NoticeRenderer(TEMPLATES_DIR, 'notices/customer');
  const incident = incidentNoticeData('INC-BENCH-PLAIN', FACTS);
  const started = Date.now();
  const inflight = new Set<Promise<unknown>>();
  let sent = 0;
  for await (const { recipient: r } of readRecipients(dir, listHash, keys)) {
    while (inflight.size >= 64) await Promise.race(inflight);
    const notice = renderer.render({
      incident,
      recipient: { name: r[1], email: r[0], locale: r[2], country: r[3], dataCategories: r[6] },
    });
    const p = mailer
      .sendMail({
        from: 'Breachplan <notices@breachplan.local>',
        to: { name: r[1], address: r[0] },
        subject: notice.subject,
        text: notice.text,
        html: notice.html,
        messageId: noticeMessageId('INC-BENCH-PLAIN', 'plain', r[0], 'breachplan.local'),
      })
      .then(() => void (sent += 1))
      .finally(() => inflight.delete(p));
    inflight.add(p);
  }
  await Promise.all(inflight);
  mailer.close();
  process.stdout.write(JSON.stringify({ sent, seconds: (Date.now() - started) / 1000 }) + '\n');
}

function runChild(script: string, env: Record<string, string>, args: string[] = []) {
  return spawn(process.execPath, ['-r', 'tsx/cjs', script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
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

async function main(): Promise<void> {
  if (process.argv.includes('--baseline-child')) return baselineChild();
  const n = arg('recipients', 10_000);
  const batch = arg('batch', Math.min(20_000, Math.max(1000, Math.ceil(n / 20))));
  const work = mkdtempSync(join(tmpdir(), 'bp-bench-'));
  const dir = join(work, 'recipients');
  const keys = [generateCodecKey('bench')];
  const sink = await startMailSink({ keepInMemory: false });
  const mib = (b: number) => (b / 1024 / 1024).toFixed(0);
  try {
    const t0 = Date.now();
    await writePeople(join(work, 'people.csv'), n);
    const imported = await importRecipients({ input: join(work, 'people.csv'), dir, keys });
    console.log(
      `import: ${imported.total} people in ${((Date.now() - t0) / 1000).toFixed(1)} s (list ${imported.listHash.slice(0, 12)}…)`,
    );
    const env = {
      BP_RECIPIENTS_DIR: dir,
      BP_CODEC_KEYS: formatCodecKeys(keys),
      BP_SMTP_PORT: String(sink.port),
      BP_LIST: imported.listHash,
    };

    // (a) plain nodemailer loop
    const plain = runChild(__filename, env, ['--baseline-child']);
    let out = '';
    plain.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    await once(plain, 'exit');
    const a = JSON.parse(out) as { sent: number; seconds: number };
    const plainRate = a.sent / a.seconds;
    console.log(
      `(a) plain nodemailer pool: ${a.sent} in ${a.seconds.toFixed(1)} s = ${plainRate.toFixed(0)} msg/s`,
    );
    const acceptedBefore = sink.accepted;

    // (b) Breachplan campaign
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
    await new Promise<void>((ok) =>
      worker.stdout!.on('data', (c: Buffer) => c.toString().includes('ready') && ok()),
    );
    const peakRss = watchRss(worker.pid!);
    const client = withEdgeSigner(
      await connectClient(
        { address: server.address, namespace: 'default', taskQueue },
        createDataConverter(keys),
      ),
      benchEdge,
    );
    try {
      const carol = actor('carol', 'commander');
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
      const started = Date.now();
      await sendAs(h, msg.startCampaign, {
        actor: carol,
        recipientsHash: imported.listHash,
        batchSize: batch,
      });
      let p;
      for (;;) {
        await new Promise((res) => setTimeout(res, 200));
        const c = await latestCampaign(client, incidentId);
        p = await progressOf(client, c);
        if (process.stdout.isTTY) process.stdout.write(`\r${progressBar(p)}`);
        if (c.status === 'completed' || c.status === 'failed') break;
      }
      const seconds = (Date.now() - started) / 1000;
      const campaignRate = p.sent / seconds;
      if (process.stdout.isTTY) process.stdout.write('\n');
      const c = await latestCampaign(client, incidentId);
      let events = 0;
      let runs = 0;
      for await (const e of client.workflow.list({ query: `WorkflowId = "${c.workflowId}"` })) {
        events += e.historyLength;
        runs += 1;
      }
      console.log(
        `(b) Breachplan campaign:   ${p.sent} in ${seconds.toFixed(1)} s = ${campaignRate.toFixed(0)} msg/s (batch ${batch}, ${p.runs} runs)`,
      );
      console.log(`ratio (b)/(a): ${(campaignRate / plainRate).toFixed(2)}`);
      console.log(`worker peak RSS: ${mib(peakRss())} MiB`);
      console.log(
        `campaign history events: ${events} over ${runs} runs (visibility) = ${((events / n) * 100).toFixed(2)} per 100 recipients`,
      );
      console.log(
        `sink: ${sink.accepted - acceptedBefore} notices accepted for the campaign, ${sink.duplicateIds} duplicate Message-IDs`,
      );
    } finally {
      worker.kill('SIGTERM');
      await once(worker, 'exit');
      await client.connection.close();
      await server.stop();
    }
  } finally {
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
