// The worker as its own process (production, scalable to several replicas): config, keys, connection, run.
import { loadConfig } from '../config';
import { createLogger } from '../log';
import { startWorker } from './worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'breachplan-worker');
  const running = await startWorker(config);
  logger.info(
    {
      address: config.temporal.address,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
    },
    'worker running',
  );
  await running.done;
  await running.connection.close();
}

main().catch((err: Error) => {
  process.stderr.write(`breachplan worker: ${err.message}\n`);
  process.exit(1);
});
