// The HTTP app as its own process (production): config, client, listen. A configuration that cannot serve the
// web edge safely (no way to know who people are, an unreadable tokens file) exits with 78 before connecting.
import { ConfigError, loadWebEdgeConfig } from '../config';
import { createLogger } from '../log';
import { loadCodecKeys } from '../temporal/keys';
import { loadRoleDirectory } from '../directory';
import { checkTokensFile } from './edge';
import { startHttpApp } from './http-app';

async function main(): Promise<void> {
  const config = loadWebEdgeConfig();
  checkTokensFile(config);
  const logger = createLogger(config.logLevel, 'breachplan-app');
  const directory = loadRoleDirectory(config.rolesFile);
  const keys = loadCodecKeys(config);
  const http = await startHttpApp(config, { logger, keys, directory });
  logger.info(
    { host: config.http.host, port: config.http.port, webAuth: config.web.auth },
    'HTTP app listening',
  );
  const stop = () => void http.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: Error) => {
  process.stderr.write(`breachplan app: ${err.message}\n`);
  process.exit(err instanceof ConfigError ? 78 : 1);
});
