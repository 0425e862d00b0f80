// The worker as its own process (production, scalable to several replicas): config, keys, connection, run.
import { loadConfig } from '../config';
import { loadRoleDirectory } from '../directory';
import { createLogger } from '../log';
import { createMailer } from '../mailer';
import { lazySigner } from '../audit/signing';
import { slackActivityDeps } from '../slack/client';
import { loadCodecKeys } from './keys';
import { connectWorker, createBreachplanWorker, TEMPLATES_DIR } from './worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'breachplan-worker');
  const keys = loadCodecKeys(config);
  const directory = loadRoleDirectory(config.rolesFile);
  const connection = await connectWorker(config.temporal);
  const worker = await createBreachplanWorker({
    connection,
    temporal: config.temporal,
    keys,
    activityDeps: {
      templatesDir: TEMPLATES_DIR,
      mailer: createMailer(config),
      mailFrom: config.mail.from,
      directory: () => directory,
      slack: slackActivityDeps(config.slack, TEMPLATES_DIR),
      campaign: { recipientsDir: config.recipientsDir, ratePerSec: config.mail.ratePerSec },
      archive: {
        archiveDir: config.archiveDir,
        signer: lazySigner(config),
        workflowService: () => connection.workflowService,
      },
    },
  });
  logger.info(
    {
      address: config.temporal.address,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
    },
    'worker running',
  );
  await worker.run();
  await connection.close();
}

main().catch((err: Error) => {
  process.stderr.write(`breachplan worker: ${err.message}\n`);
  process.exit(1);
});
