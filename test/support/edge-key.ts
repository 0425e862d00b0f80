// The edge key of a test or benchmark deployment, made the one way: a fresh Ed25519 key, the `keyId=base64`
// form the edges read, and the trusted-keys map a worker (or the workflow bundle) believes. Jest's global
// setup and bench/cli also compile its public half into the workflow bundle and hand the seed to the processes
// they start (prepareTestEdge); bench/incident-updates and test/replay/record.ts sign with it in-process.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { TrustedEdgeKeys } from '../../src/domain/actor-assertion';
import { type EdgeSigningKey, edgeKeyFromSeed, formatEdgeSigningKey } from '../../src/crypto/edge-keys';

export interface TestEdgeKey {
  key: EdgeSigningKey;
  /** `keyId=base64(seed)`, as BREACHPLAN_EDGE_SIGNING_KEY / BREACHPLAN_TEST_EDGE_KEY hold it. */
  spec: string;
  /** What a worker trusts: `{keyId: public key hex}`. */
  trusted: TrustedEdgeKeys;
}

export function newTestEdgeKey(id: string): TestEdgeKey {
  const seed = randomBytes(32);
  const key = edgeKeyFromSeed(id, seed);
  return { key, spec: formatEdgeSigningKey(id, seed), trusted: { [key.id]: key.publicKeyHex } };
}

/**
 * A new edge key for a whole run: BREACHPLAN_TEST_EDGE_KEY for the suites and processes started after this,
 * and the workflow bundle that trusts it written to `bundlePath` (BREACHPLAN_TEST_WORKFLOW_BUNDLE).
 */
export async function prepareTestEdge(id: string, bundlePath: string): Promise<TestEdgeKey> {
  const edge = newTestEdgeKey(id);
  process.env.BREACHPLAN_TEST_EDGE_KEY = edge.spec;
  const { bundleBreachplanWorkflows } = await import('../../src/worker/worker');
  const bundle = await bundleBreachplanWorkflows(edge.trusted);
  writeFileSync(bundlePath, bundle.code);
  process.env.BREACHPLAN_TEST_WORKFLOW_BUNDLE = bundlePath;
  return edge;
}
