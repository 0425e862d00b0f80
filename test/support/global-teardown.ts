// Stops the shared Temporal dev server started by global-setup.
import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __breachplanServer?: { stop(): Promise<void> } }).__breachplanServer;
  await server?.stop();
  if (process.env.BREACHPLAN_TEST_WORKFLOW_BUNDLE)
    rmSync(process.env.BREACHPLAN_TEST_WORKFLOW_BUNDLE, { force: true });
}
