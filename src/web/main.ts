// The HTTP app as its own process (production): config, client, listen. A configuration that cannot serve the
// web edge safely (no way to know who people are, an unreadable tokens file) exits with 78 before connecting.
import { ConfigError, loadWebEdgeConfig } from '../config';
import { createLogger } from '../log';
import { connectClient } from '../temporal/client';
import { withEdgeSigner } from '../temporal/incidents';
import { loadEdgeSigningKey } from '../crypto/edge-keys';
import { createDataConverter } from '../temporal/data-converter';
import { loadCodecKeys } from '../temporal/keys';
import { loadRoleDirectory } from '../directory';
import { slackEdgeFromConfig } from '../slack/app';
import { createApp } from './app';
import { checkTokensFile, webEdgeFromConfig } from './edge';

async function main(): Promise<void> {
  const config = loadWebEdgeConfig();
  checkTokensFile(config);
  const logger = createLogger(config.logLevel, 'breachplan-app');
  const directory = loadRoleDirectory(config.rolesFile);
  const keys = loadCodecKeys(config);
  // Every command the app's edges (Slack, web) send is signed with the edge key (BREACHPLAN_EDGE_SIGNING_KEY).
  const client = withEdgeSigner(
    await connectClient(config.temporal, createDataConverter(keys)),
    loadEdgeSigningKey(config),
  );
  const app = createApp({
    client,
    logger,
    namespace: config.temporal.namespace,
    slack: slackEdgeFromConfig(config, client, logger, () => directory),
    web: webEdgeFromConfig(config, client, keys, logger, () => directory),
  });
  const server = app.listen(config.http.port, config.http.host, () => {
    logger.info(
      { host: config.http.host, port: config.http.port, webAuth: config.web.auth },
      'HTTP app listening',
    );
  });
  const stop = () => server.close(() => void client.connection.close().then(() => process.exit(0)));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: Error) => {
  process.stderr.write(`breachplan app: ${err.message}\n`);
  process.exit(err instanceof ConfigError ? 78 : 1);
});
