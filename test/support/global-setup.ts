// Jest global setup: one real Temporal dev server for the whole run (suites use their own task queues), and
// the workflow bundle built once for every test worker.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevServer } from '../../src/dev/temporal-server';
import { prepareTestEdge } from './edge-key';

export default async function globalSetup(): Promise<void> {
  // The test deployment's edge key: its public half is compiled into the bundle, its seed goes to the suites.
  const [server] = await Promise.all([
    startDevServer({ headless: true, logLevel: 'error' }),
    prepareTestEdge('test-edge', join(tmpdir(), `breachplan-workflows-${process.pid}.js`)),
  ]);
  process.env.BREACHPLAN_TEST_TEMPORAL_ADDRESS = server.address;
  (globalThis as { __breachplanServer?: typeof server }).__breachplanServer = server;
}
