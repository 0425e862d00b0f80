// Jest global setup: one real Temporal dev server for the whole run (suites use their own task queues), and
// the workflow bundle built once for every test worker.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevServer } from '../../src/dev/temporal-server';
import { bundleBreachplanWorkflows } from '../../src/worker/worker';

export default async function globalSetup(): Promise<void> {
  const [server, bundle] = await Promise.all([
    startDevServer({ headless: true, logLevel: 'error' }),
    bundleBreachplanWorkflows(),
  ]);
  const bundlePath = join(tmpdir(), `breachplan-workflows-${process.pid}.js`);
  writeFileSync(bundlePath, bundle.code);
  process.env.BREACHPLAN_TEST_TEMPORAL_ADDRESS = server.address;
  process.env.BREACHPLAN_TEST_WORKFLOW_BUNDLE = bundlePath;
  (globalThis as { __breachplanServer?: typeof server }).__breachplanServer = server;
}
