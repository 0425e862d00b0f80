// The workflow's clock. Inside the Temporal sandbox Date is replaced by the deterministic workflow time
// (the time of the current workflow task), so this is replay-safe; outside a workflow it must not be used.
export function workflowNow(): number {
  // eslint-disable-next-line no-restricted-properties -- sandboxed Date: Temporal's deterministic clock
  return Date.now();
}

export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * What a workflow log line may say about a failure: its type, never its message. Messages can quote PII and
 * the worker's log does not pass through the codec.
 */
export function failureKind(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { name?: string; type?: string; cause?: { name?: string; type?: string } };
    return [e.name, e.type ?? e.cause?.type ?? e.cause?.name].filter(Boolean).join(':') || 'Error';
  }
  return typeof err;
}
