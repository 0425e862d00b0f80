// A Breachplan worker in its own process with campaigns enabled, for the campaign crash test (killed with
// SIGKILL and started again) and the notice benchmark. Configured by environment; prints "ready" once polling:
//   BP_ADDRESS, BP_TASK_QUEUE, BP_BUNDLE (prebuilt workflow bundle, optional), BP_SMTP_PORT,
//   BP_CODEC_KEYS (keyId=base64,…), BP_RECIPIENTS_DIR, BP_MAIL_RATE_PER_SEC (optional).
import { NativeConnection, Runtime } from '@temporalio/worker';
import { createMailer } from '../../src/mailer';
import { parseCodecKeys } from '../../src/temporal/codec';
import { createBreachplanWorker, TEMPLATES_DIR } from '../../src/temporal/worker';

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
  const address = required('BP_ADDRESS');
  const connection = await NativeConnection.connect({ address });
  const mailer = createMailer({
    mode: 'embedded',
    mail: { sinkPort: Number(required('BP_SMTP_PORT')), from: 'notices@breachplan.local' },
  });
  const worker = await createBreachplanWorker({
    connection,
    temporal: { address, namespace: 'default', taskQueue: required('BP_TASK_QUEUE') },
    keys: parseCodecKeys(required('BP_CODEC_KEYS')),
    workflowBundle: process.env.BP_BUNDLE ? { codePath: process.env.BP_BUNDLE } : undefined,
    activityDeps: {
      templatesDir: TEMPLATES_DIR,
      mailer,
      mailFrom: 'Breachplan <notices@breachplan.local>',
      directory: () => ({ people: [] }),
      campaign: {
        recipientsDir: required('BP_RECIPIENTS_DIR'),
        ratePerSec: process.env.BP_MAIL_RATE_PER_SEC ? Number(process.env.BP_MAIL_RATE_PER_SEC) : undefined,
      },
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
  process.stderr.write(`campaign-worker: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
