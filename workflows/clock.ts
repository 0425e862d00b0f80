// The workflow's clock. Inside the Temporal sandbox Date is replaced by the deterministic workflow time
// (the time of the current workflow task), so this is replay-safe; outside a workflow it must not be used.
export function workflowNow(): number {
  // eslint-disable-next-line no-restricted-properties -- sandboxed Date: Temporal's deterministic clock
  return Date.now();
}

export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}
