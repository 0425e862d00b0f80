// A Breachplan worker in its own process, for the tests that kill it (SIGKILL) and start another, and for the
// notice benchmark. Run with `node -r tsx/cjs test/support/worker-process.ts`; configured by environment,
// prints "ready" once polling:
//   BP_ADDRESS, BP_TASK_QUEUE, BP_BUNDLE (prebuilt workflow bundle; optional), BP_SMTP_PORT,
//   BP_CODEC_KEYS (keyId=base64,…), BP_RECIPIENTS_DIR (optional: a scratch dir), BP_MAIL_RATE_PER_SEC (optional),
//   BP_NO_DIRECTORY=1 (nobody to notify: only campaign mail reaches the sink),
//   BP_WORKFLOWS_ONLY=1 (poll workflow tasks only, leaving activities queued for the next worker),
//   BP_DELIVERY_LOG_URL (optional: the sink's Message-ID search API, checked before resending in-doubt notices),
//   BP_MAX_ACTIVITIES (optional: activities this worker runs at once).
import { NativeConnection, Runtime } from '@temporalio/worker';
import { mailpitDeliveryLog } from '../../src/delivery-log';
import { createMailer } from '../../src/mailer';
import { parseCodecKeys } from '../../src/temporal/codec';
import { createBreachplanWorker } from '../../src/worker/worker';
import { TEMPLATES_DIR } from '../../src/paths';
import { scratchCampaignDeps } from './campaign-deps';
import { DIRECTORY } from './people';

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
  const env = process.env;
  const address = required('BP_ADDRESS');
  const keys = parseCodecKeys(required('BP_CODEC_KEYS'));
  const connection = await NativeConnection.connect({ address });
  const mailer = createMailer({
    mode: 'embedded',
    mail: { sinkPort: Number(required('BP_SMTP_PORT')), from: 'notices@breachplan.local' },
  });
  const directory = env.BP_NO_DIRECTORY === '1' ? { people: [] } : DIRECTORY;
  const worker = await createBreachplanWorker({
    connection,
    temporal: { address, namespace: 'default', taskQueue: required('BP_TASK_QUEUE') },
    keys,
    workflowBundle: env.BP_BUNDLE ? { codePath: env.BP_BUNDLE } : undefined,
    activityDeps: {
      templatesDir: TEMPLATES_DIR,
      mailer,
      mailFrom: 'Breachplan <notices@breachplan.local>',
      directory: () => directory,
      campaign: env.BP_RECIPIENTS_DIR
        ? {
            recipientsDir: env.BP_RECIPIENTS_DIR,
            keys,
            ratePerSec: env.BP_MAIL_RATE_PER_SEC ? Number(env.BP_MAIL_RATE_PER_SEC) : undefined,
            deliveryLog: env.BP_DELIVERY_LOG_URL ? mailpitDeliveryLog(env.BP_DELIVERY_LOG_URL) : undefined,
          }
        : scratchCampaignDeps(),
    },
    overrides: {
      // The server keeps routing an incident to the sticky queue of the worker that last ran it until this
      // times out (10s by default); a killed worker never answers, so a short timeout keeps the tests quick.
      stickyQueueScheduleToStartTimeout: '2s',
      ...(env.BP_MAX_ACTIVITIES
        ? { maxConcurrentActivityTaskExecutions: Number(env.BP_MAX_ACTIVITIES) }
        : {}),
      ...(env.BP_WORKFLOWS_ONLY === '1' ? { activities: {} } : {}),
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
