// PII never sits in Temporal history in clear text: a canary passed into a real workflow on a real server is
// absent from the raw history, present after decoding with the right key, and a wrong key fails loudly.
import { randomUUID } from 'node:crypto';
import { temporal } from '@temporalio/proto';
import { defaultPayloadConverter } from '@temporalio/common';
import { addNote } from '../../workflows/messages';
import { incidentHandle, loadRunbookFile } from '../../src/temporal/incidents';
import { CodecKeyError, EncryptionCodec, generateCodecKey } from '../../src/temporal/codec';
import { workflowIdFor } from '../../src/domain/incident';
import { DIRECTORY, as, sampleFacts } from '../support/people';
import { startTestStack, TEST_KEYS, type TestStack } from '../support/temporal';
import { declareAs, sendAs } from '../support/auth';

type Payload = temporal.api.common.v1.IPayload;

function collectPayloads(node: unknown, out: Payload[] = []): Payload[] {
  if (!node || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    node.forEach((n) => collectPayloads(n, out));
    return out;
  }
  const obj = node as Record<string, unknown>;
  if (obj.metadata && obj.data instanceof Uint8Array) out.push(obj as Payload);
  // Search attributes are indexed in clear text by design (severity, phase, status only), and patch markers
  // carry only the patch id, written by the SDK core outside the codec.
  if (obj.markerName === 'core_patch') return out;
  for (const [k, v] of Object.entries(obj)) if (k !== 'searchAttributes') collectPayloads(v, out);
  return out;
}

describe('payload encryption against a real Temporal server', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ directory: DIRECTORY });
  });
  afterAll(() => stack.stop());

  it('keeps a canary out of the raw history and recovers it with the right key only', async () => {
    const canary = `CANARY-${randomUUID()}`;
    const { incidentId } = await declareAs(stack.client, stack.temporal.taskQueue, {
      facts: sampleFacts({ summary: `jane.doe@example.com ${canary}` }),
      runbook: loadRunbookFile(),
      actor: as('carol'),
    });
    await sendAs(incidentHandle(stack.client, incidentId), addNote, {
      actor: as('rick'),
      text: `note ${canary}`,
    });

    const raw = await stack.client.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId: workflowIdFor(incidentId) },
    });
    const bytes = Buffer.from(
      temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse.encode(raw).finish(),
    );
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes.includes(canary)).toBe(false);
    expect(bytes.includes('jane.doe@example.com')).toBe(false);

    const payloads = collectPayloads(raw.history?.events);
    expect(payloads.length).toBeGreaterThan(2);
    for (const p of payloads) expect(Buffer.from(p.metadata!.encoding!).toString()).toBe('binary/encrypted');

    const decoded = await new EncryptionCodec(TEST_KEYS).decode(payloads);
    const text = decoded.map((p) => JSON.stringify(defaultPayloadConverter.fromPayload(p))).join('\n');
    expect(text).toContain(canary);
    expect(text).toContain('jane.doe@example.com');

    await expect(new EncryptionCodec([generateCodecKey('test-key-1')]).decode(payloads)).rejects.toThrow(
      CodecKeyError,
    );
    await expect(new EncryptionCodec([generateCodecKey('other')]).decode(payloads)).rejects.toThrow(
      /no key "test-key-1"/,
    );
  });
});
