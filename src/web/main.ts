// The HTTP app as its own process (production): config, client, listen.
import { loadConfig } from '../config';
import { createLogger } from '../log';
import { connectFromConfig } from '../temporal/client';
import { loadRoleDirectory } from '../directory';
import { slackEdgeFromConfig } from '../slack/app';
import { createApp } from './app';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'breachplan-app');
  const client = await connectFromConfig(config);
  const directory = loadRoleDirectory(config.rolesFile);
  const app = createApp({
    client,
    logger,
    namespace: config.temporal.namespace,
    slack: slackEdgeFromConfig(config, client, logger, () => directory),
  });
  const server = app.listen(config.http.port, config.http.host, () => {
    logger.info({ host: config.http.host, port: config.http.port }, 'HTTP app listening');
  });
  const stop = () => server.close(() => void client.connection.close().then(() => process.exit(0)));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: Error) => {
  process.stderr.write(`breachplan app: ${err.message}\n`);
  process.exit(1);
});
