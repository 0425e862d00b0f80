// The worker as its own process (production, scalable to several replicas): config, keys, connection, run.
import { loadConfig } from '../config';
import { createLogger } from '../log';
import { activityDepsFromConfig } from './activity-deps';
import { loadCodecKeys } from '../temporal/keys';
import { connectWorker, createBreachplanWorker } from './worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'breachplan-worker');
  const keys = loadCodecKeys(config);
  const connection = await connectWorker(config.temporal);
  const worker = await createBreachplanWorker({
    connection,
    temporal: config.temporal,
    keys,
    activityDeps: activityDepsFromConfig(config, connection),
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
