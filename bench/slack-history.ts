// `npm run bench:slack-history -- [--changes N] [--save history.json]`: how much an incident's Temporal history
// grows from keeping its pinned Slack status current. One incident on a real dev server and worker, Slack
// faked on loopback (test/support/fake-slack), N changes (notes, facts, tasks) each waited out until the
// status shows it (one publish per change, no coalescing), then closed. Prints the history's encoded size and
// the part of it that is the inputs of publishSlackStatus; --save writes the history as replay JSON.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { startMailSink } from '../src/dev/mail-sink';
import { startDevServer } from '../src/dev/temporal-server';
import { createMailer } from '../src/mailer';
import { slackActivityDeps } from '../src/worker/slack-client';
import { connectClient } from '../src/temporal/client';
import { createDataConverter } from '../src/temporal/data-converter';
import { declareIncident, incidentHandle, loadRunbookFile, sendCommand } from '../src/temporal/incidents';
import { bundleBreachplanWorkflows, createBreachplanWorker } from '../src/worker/worker';
import { TEMPLATES_DIR } from '../src/paths';
import * as msg from '../workflows/messages';
import { scratchCampaignDeps } from '../test/support/campaign-deps';
import { startFakeSlack } from '../test/support/fake-slack';
import { DIRECTORY, as, sampleFacts } from '../test/support/people';
import { historyToJson } from '../test/replay/history-json';
import { loadReplayKeys } from '../test/replay/replay-key';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const CHANGES = Number(arg('changes') ?? 30);
const SAVE = arg('save');

async function until<T>(what: string, probe: () => T | Promise<T>, done: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const v = await probe();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function main(): Promise<void> {
  const silent = () => undefined;
  Runtime.install({
    logger: { log: silent, trace: silent, debug: silent, info: silent, warn: silent, error: silent },
  });
  const [server, bundle, slack, sink] = await Promise.all([
    startDevServer({ headless: true, logLevel: 'error' }),
    bundleBreachplanWorkflows(),
    startFakeSlack(),
    startMailSink(),
  ]);
  // The test-only replay key: a saved history can be replayed by test/replay's tooling (nothing here is secret).
  const keys = loadReplayKeys();
  const taskQueue = 'bench-slack-history';
  const temporalConfig = { address: server.address, namespace: 'default', taskQueue };
  const mailer = createMailer({ mode: 'embedded', mail: { sinkPort: sink.port, from: 'bench@localhost' } });
  const connection = await NativeConnection.connect({ address: server.address });
  const client = await connectClient(temporalConfig, createDataConverter(keys));
  const bundlePath = join(tmpdir(), `bench-slack-history-${process.pid}.js`);
  writeFileSync(bundlePath, bundle.code);
  try {
    const worker = await createBreachplanWorker({
      connection,
      temporal: temporalConfig,
      keys,
      workflowBundle: { codePath: bundlePath },
      activityDeps: {
        templatesDir: TEMPLATES_DIR,
        mailer,
        mailFrom: 'Breachplan <bench@localhost>',
        directory: () => DIRECTORY,
        campaign: scratchCampaignDeps(),
        slack: slackActivityDeps(
          { botToken: 'xoxb-bench', signingSecret: 'bench', apiUrl: slack.apiUrl },
          TEMPLATES_DIR,
        ),
      },
    });
    const history = await worker.runUntil(async () => {
      const carol = as('carol');
      const rick = as('rick');
      const { incidentId } = await declareIncident(client, taskQueue, {
        facts: sampleFacts({ awareAt: new Date().toISOString() }),
        runbook: loadRunbookFile(),
        actor: carol,
        incidentId: 'INC-BENCH-SLACK1',
      });
      const handle = incidentHandle(client, incidentId);
      const pinned = () => {
        const ch = slack.channelNamed('inc-bench-slack1');
        return ch?.messages.find((m) => ch.pins.has(m.ts));
      };
      const shows = async () => {
        const { timelineLength } = await handle.query(msg.getIncident);
        await until('the status to show the change', pinned, (m) =>
          JSON.stringify(m?.blocks ?? '').includes(`timeline ${timelineLength} entries`),
        );
      };
      await shows();
      const tasks = ['confirm-incident', 'open-privileged-channel', 'initial-scope'];
      for (let i = 1; i <= CHANGES; i++) {
        if (i % 10 === 0 && tasks.length)
          await sendCommand(handle, msg.completeTask, {
            actor: carol,
            taskId: tasks.shift()!,
            note: `done ${i}`,
          });
        else if (i % 5 === 0)
          await sendCommand(handle, msg.updateFacts, {
            actor: rick,
            patch: { estimatedAffected: 1200 + i },
            reason: `recount ${i}`,
          });
        else await sendCommand(handle, msg.addNote, { actor: rick, text: `finding ${i}: log line reviewed` });
        await shows();
      }
      await sendCommand(handle, msg.closeIncident, { actor: carol, reason: 'bench', force: true });
      await handle.result();
      return handle.fetchHistory();
    });
    const events = history.events ?? [];
    const status = events.filter(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'publishSlackStatus',
    );
    const inputBytes = (e: (typeof events)[number]) =>
      temporal.api.common.v1.Payloads.encode(e.activityTaskScheduledEventAttributes!.input ?? {}).finish()
        .length;
    const total = temporal.api.history.v1.History.encode(history).finish().length;
    const statusBytes = status.reduce((n, e) => n + inputBytes(e), 0);
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    process.stdout.write(
      [
        `changes ${CHANGES}, history ${events.length} events, ${kb(total)} encoded`,
        `publishSlackStatus: ${status.length} scheduled, inputs ${kb(statusBytes)} ` +
          `(${Math.round(statusBytes / Math.max(1, status.length))} B each, ${((100 * statusBytes) / total).toFixed(0)}% of the history)`,
        `history without the status inputs: ${kb(total - statusBytes)}`,
        '',
      ].join('\n'),
    );
    if (SAVE) {
      writeFileSync(SAVE, `${historyToJson(history)}\n`);
      process.stdout.write(`history saved to ${SAVE}\n`);
    }
  } finally {
    await client.connection.close();
    await connection.close();
    mailer.close();
    await sink.close();
    await slack.stop();
    await server.stop();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`bench: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
