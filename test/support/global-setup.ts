// Jest global setup: one real Temporal dev server for the whole run (suites use their own task queues), and
// the workflow bundle built once for every test worker.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevServer } from '../../src/dev/temporal-server';
import { randomBytes } from 'node:crypto';
import { bundleBreachplanWorkflows } from '../../src/worker/worker';
import { edgeKeyFromSeed, formatEdgeSigningKey } from '../../src/crypto/edge-keys';

export default async function globalSetup(): Promise<void> {
  // The test deployment's edge key: its public half is compiled into the bundle, its seed goes to the suites.
  const seed = randomBytes(32);
  const edge = edgeKeyFromSeed('test-edge', seed);
  process.env.BREACHPLAN_TEST_EDGE_KEY = formatEdgeSigningKey(edge.id, seed);
  const [server, bundle] = await Promise.all([
    startDevServer({ headless: true, logLevel: 'error' }),
    bundleBreachplanWorkflows({ [edge.id]: edge.publicKeyHex }),
  ]);
  const bundlePath = join(tmpdir(), `breachplan-workflows-${process.pid}.js`);
  writeFileSync(bundlePath, bundle.code);
  process.env.BREACHPLAN_TEST_TEMPORAL_ADDRESS = server.address;
  process.env.BREACHPLAN_TEST_WORKFLOW_BUNDLE = bundlePath;
  (globalThis as { __breachplanServer?: typeof server }).__breachplanServer = server;
}
