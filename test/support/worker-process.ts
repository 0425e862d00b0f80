// A Breachplan worker in its own process, for tests that kill it (SIGKILL) and start another. Run with
// `node -r tsx/cjs test/support/worker-process.ts`; configured by environment, prints "ready" once polling.
//   BP_TEST_ADDRESS, BP_TEST_TASK_QUEUE, BP_TEST_BUNDLE (prebuilt workflow bundle), BP_TEST_SMTP_PORT,
//   BP_TEST_CODEC_KEYS (keyId=base64,…), BP_TEST_WORKFLOWS_ONLY=1 to poll workflow tasks only (no activities).
import { NativeConnection, Runtime } from '@temporalio/worker';
import { createMailer } from '../../src/mailer';
import { parseCodecKeys } from '../../src/temporal/codec';
import { createBreachplanWorker, TEMPLATES_DIR } from '../../src/temporal/worker';
import { DIRECTORY } from './people';
import { scratchCampaignDeps } from './campaign-deps';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function main(): Promise<void> {
  const silent = () => undefined;
  Runtime.install({
    logger: { log: silent, trace: silent, debug: silent, info: silent, warn: silent, error: silent },
  });
  const address = required('BP_TEST_ADDRESS');
  const connection = await NativeConnection.connect({ address });
  const mailer = createMailer({
    mode: 'embedded',
    mail: { sinkPort: Number(required('BP_TEST_SMTP_PORT')), from: 'test@breachplan.local' },
  });
  const worker = await createBreachplanWorker({
    connection,
    temporal: { address, namespace: 'default', taskQueue: required('BP_TEST_TASK_QUEUE') },
    keys: parseCodecKeys(required('BP_TEST_CODEC_KEYS')),
    workflowBundle: { codePath: required('BP_TEST_BUNDLE') },
    activityDeps: {
      templatesDir: TEMPLATES_DIR,
      mailer,
      mailFrom: 'Breachplan <test@breachplan.local>',
      directory: () => DIRECTORY,
      campaign: scratchCampaignDeps(),
    },
    overrides: {
      // The server keeps routing an incident to the sticky queue of the worker that last ran it until this
      // times out (10s by default); a killed worker never answers, so a short timeout keeps the test quick.
      stickyQueueScheduleToStartTimeout: '2s',
      // A worker that only runs workflow tasks leaves activities queued for the next worker.
      ...(process.env.BP_TEST_WORKFLOWS_ONLY === '1' ? { activities: {} } : {}),
    },
  });
  const running = worker.run();
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => worker.shutdown());
  await running;
  await connection.close();
  mailer.close();
}

main().catch((err: Error) => {
  process.stderr.write(`worker-process: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
