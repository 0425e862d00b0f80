// The one Temporal client module every edge (CLI, web, Slack) and the worker share: connection options from
// config (address, namespace, mTLS or API key) and the encrypting data converter.
import { readFileSync } from 'node:fs';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { Config, TemporalConnectionConfig } from '../config';
import { createDataConverter } from './data-converter';
import { loadCodecKeys } from './keys';
import { loadEdgeSigningKey } from '../crypto/edge-keys';
import { withEdgeSigner } from './incidents';

export function connectionOptions(t: TemporalConnectionConfig): ConnectionOptions {
  const options: ConnectionOptions = { address: t.address };
  if (t.tls) {
    options.tls = {
      serverNameOverride: t.tls.serverName,
      serverRootCACertificate: t.tls.serverCaCertPath ? readFileSync(t.tls.serverCaCertPath) : undefined,
      clientCertPair:
        t.tls.clientCertPath && t.tls.clientKeyPath
          ? { crt: readFileSync(t.tls.clientCertPath), key: readFileSync(t.tls.clientKeyPath) }
          : undefined,
    };
  }
  if (t.apiKey) {
    options.apiKey = t.apiKey;
    options.metadata = { 'temporal-namespace': t.namespace };
  }
  return options;
}

export async function connectClient(
  t: TemporalConnectionConfig,
  dataConverter: DataConverter,
): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(t));
  return new Client({ connection, namespace: t.namespace, dataConverter });
}

/**
 * The client every edge uses: connection and namespace from config, payloads encrypted with the keyring, and
 * every command signed with the edge key (the worker refuses unsigned ones).
 */
export async function connectFromConfig(config: Config): Promise<Client> {
  const client = await connectClient(config.temporal, createDataConverter(loadCodecKeys(config)));
  return withEdgeSigner(client, loadEdgeSigningKey(config));
}
