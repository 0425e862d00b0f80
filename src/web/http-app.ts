// The HTTP app started from config, as the production main (src/web/main.ts) and the embedded stack both
// start it: the shared Temporal client, the Slack and web edges, listening on the configured port.
import type { Server } from 'node:http';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { CodecKey } from '../crypto/keyring';
import type { RoleDirectory } from '../domain/roles';
import { slackEdgeFromConfig } from '../slack/app';
import { connectClient } from '../temporal/client';
import { createDataConverter } from '../temporal/data-converter';
import { createApp } from './app';
import { webEdgeFromConfig } from './edge';

export interface HttpApp {
  server: Server;
  client: Client;
  /** Stops listening, then closes the client's connection. */
  stop(): Promise<void>;
}

export async function startHttpApp(
  config: Config,
  o: { logger: Logger; keys: CodecKey[]; directory: RoleDirectory },
): Promise<HttpApp> {
  const client = await connectClient(config.temporal, createDataConverter(o.keys));
  const app = createApp({
    client,
    logger: o.logger,
    namespace: config.temporal.namespace,
    slack: slackEdgeFromConfig(config, client, o.logger, () => o.directory),
    web: webEdgeFromConfig(config, client, o.keys, o.logger, () => o.directory),
  });
  const server = await new Promise<Server>((ok, fail) => {
    const s = app.listen(config.http.port, config.http.host, () => ok(s));
    s.once('error', fail);
  }).catch(async (err: Error) => {
    await client.connection.close();
    throw err;
  });
  return {
    server,
    client,
    stop: async () => {
      await new Promise<void>((ok) => server.close(() => ok()));
      await client.connection.close();
    },
  };
}
