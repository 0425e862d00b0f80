// Test helpers for real Temporal: a client and a worker on the shared dev server, each suite on its own task
// queue, with the real encrypting data converter and real activities (mail goes to an in-process SMTP sink).
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import type { ActivityDeps } from '../../activities';
import { type CodecKey, generateCodecKey } from '../../src/temporal/codec';
import { createDataConverter } from '../../src/temporal/data-converter';
import { createBreachplanWorker } from '../../src/worker/worker';
import { TEMPLATES_DIR } from '../../src/paths';
import type { TemporalConnectionConfig } from '../../src/config';
import { type MailSink, startMailSink } from '../../src/dev/mail-sink';
import { createMailer } from '../../src/mailer';
import type { RoleDirectory } from '../../src/domain/roles';
import { signerFor } from '../../src/audit/signing';
import { scratchCampaignDeps } from './campaign-deps';
import { type EdgeSigningKey, parseEdgeSigningKey } from '../../src/crypto/edge-keys';
import { withEdgeSigner } from '../../src/temporal/incidents';

let runtimeInstalled = false;
/** Installs a silent core runtime once per module registry (each jest suite). */
export function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({
    logger: {
      log: () => undefined,
      trace: () => undefined,
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
    },
  });
}

export const TEST_KEYS: CodecKey[] = [generateCodecKey('test-key-1')];
/** The signing key of the test deployment (archives written at close are signed with it). */
export const TEST_SIGNING_KEY = generateKeyPairSync('ed25519').privateKey;
export const TEST_SIGNER = signerFor(TEST_SIGNING_KEY);

let edgeKey: EdgeSigningKey | undefined;
/** The test deployment's edge signing key (global-setup compiled its public key into the bundle). */
export function testEdgeKey(): EdgeSigningKey {
  const spec = process.env.BREACHPLAN_TEST_EDGE_KEY;
  if (!spec) throw new Error('BREACHPLAN_TEST_EDGE_KEY not set: run through jest (global-setup makes it)');
  return (edgeKey ??= parseEdgeSigningKey(spec));
}

export function serverAddress(): string {
  const address = process.env.BREACHPLAN_TEST_TEMPORAL_ADDRESS;
  if (!address)
    throw new Error(
      'BREACHPLAN_TEST_TEMPORAL_ADDRESS not set: run through jest (global-setup starts the server)',
    );
  return address;
}

export function temporalConfig(
  taskQueue = `test-${randomUUID()}`,
  address = serverAddress(),
): TemporalConnectionConfig {
  return { address, namespace: 'default', taskQueue };
}

/** A client as an edge has it: the codec keys and the edge signing key. */
export async function testClient(keys: CodecKey[] = TEST_KEYS, address = serverAddress()): Promise<Client> {
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: 'default', dataConverter: createDataConverter(keys) });
  return withEdgeSigner(client, testEdgeKey());
}

export interface TestStack {
  client: Client;
  worker: Worker;
  sink: MailSink;
  temporal: TemporalConnectionConfig;
  /** Where the worker archives closed incidents (a fresh temporary directory). */
  archiveDir: string;
  /** Where the worker keeps imported recipient lists. */
  recipientsDir: string;
  running: Promise<void>;
  stop(): Promise<void>;
}

/** A real worker (bundled workflows, real activities) plus a client and an SMTP sink for one suite. */
export interface TestStackOptions {
  directory?: RoleDirectory;
  keys?: CodecKey[];
  address?: string;
  taskQueue?: string;
  activityOverrides?: Partial<ActivityDeps>;
}

export async function startTestStack(o: TestStackOptions = {}): Promise<TestStack> {
  quietRuntime();
  const keys = o.keys ?? TEST_KEYS;
  const temporal = temporalConfig(o.taskQueue, o.address);
  const sink = await startMailSink();
  const connection = await NativeConnection.connect({ address: temporal.address });
  const directory = o.directory ?? { people: [] };
  const archiveDir = mkdtempSync(join(tmpdir(), 'bp-archive-'));
  const campaign = o.activityOverrides?.campaign ?? scratchCampaignDeps();
  const mailer = createMailer({
    mode: 'embedded',
    mail: { sinkPort: sink.port, from: 'test@breachplan.local' },
  });
  const worker = await createBreachplanWorker({
    connection,
    temporal,
    keys,
    workflowBundle: { codePath: process.env.BREACHPLAN_TEST_WORKFLOW_BUNDLE! },
    activityDeps: {
      templatesDir: TEMPLATES_DIR,
      mailer,
      mailFrom: 'Breachplan <test@breachplan.local>',
      directory: () => directory,
      campaign,
      archive: {
        archiveDir,
        signer: () => TEST_SIGNER,
        workflowService: () => connection.workflowService,
      },
      ...o.activityOverrides,
    },
  });
  const running = worker.run();
  const client = await testClient(keys, temporal.address);
  return {
    client,
    worker,
    sink,
    temporal,
    archiveDir,
    recipientsDir: campaign.recipientsDir,
    running,
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
      await client.connection.close();
      mailer.close();
      await sink.close();
    },
  };
}

export const FIXTURES_DIR = join(__dirname, '..', 'fixtures');
