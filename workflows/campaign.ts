// The customer-notice campaign, a child of its incident: sends the approved notice to every person on an
// encrypted recipient list in batches (one activity per batch streams its part of the list and heartbeats),
// pauses, resumes and cancels on signal, and continues-as-new so its history stays small at any list size.
import * as wf from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { CampaignCarry, CampaignInput, CampaignProgress, CampaignResult } from '../src/domain/campaign';
import {
  campaignProgress,
  cancelCampaignSignal,
  pauseCampaignSignal,
  resumeCampaignSignal,
} from './campaign-messages';
import { isoAt, workflowNow } from './clock';
import { nonRetryableTypes } from '../src/domain/failures';

type Activities = ReturnType<typeof createActivities>;

export const TALLY_PATCH = 'campaign-tally-v1';

export async function noticeCampaignWorkflow(input: CampaignInput): Promise<CampaignResult> {
  const sending = wf.proxyActivities<Activities>({
    startToCloseTimeout: '6 hours',
    heartbeatTimeout: input.heartbeatTimeoutMs,
    // A pause waits for the batch to stop cleanly (in-flight messages settled, ledger synced).
    cancellationType: wf.ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    retry: {
      initialInterval: '1s',
      backoffCoefficient: 2,
      maximumInterval: '1 minute',
      nonRetryableErrorTypes: nonRetryableTypes('campaign'),
    },
  });
  const s: CampaignCarry = input.state ?? {
    sent: 0,
    failed: 0,
    inDoubt: 0,
    startedAt: isoAt(workflowNow()),
    pausedBy: [],
    cancelled: false,
    runs: 1,
    historyEvents: 0,
    done: [],
  };
  const done = new Set(s.done);
  const todo: number[] = [];
  for (let b = 0; b < input.total; b += input.batchSize) if (!done.has(b)) todo.push(b);
  const running = new Map<number, wf.CancellationScope>();
  let failure: unknown;
  let changed = false;

  const remaining = () => Math.max(0, input.total - s.sent - s.failed);
  const status = (): CampaignProgress['status'] =>
    s.cancelled
      ? 'cancelled'
      : failure
        ? 'failed'
        : remaining() === 0 && running.size === 0 && todo.length === 0
          ? 'completed'
          : s.pausedBy.length > 0
            ? 'paused'
            : 'running';

  wf.setHandler(pauseCampaignSignal, (reason) => {
    if (!s.pausedBy.includes(reason)) s.pausedBy.push(reason);
    changed = true;
  });
  wf.setHandler(resumeCampaignSignal, (reason) => {
    s.pausedBy = s.pausedBy.filter((r) => r !== reason);
    changed = true;
  });
  wf.setHandler(cancelCampaignSignal, () => {
    s.cancelled = true;
    changed = true;
  });
  wf.setHandler(campaignProgress, () => {
    const now = workflowNow();
    const elapsed = (now - Date.parse(s.startedAt)) / 1000;
    const rate = elapsed > 0 ? (s.sent + s.failed) / elapsed : 0;
    return {
      incidentId: input.incidentId,
      campaignId: input.campaignId,
      listHash: input.listHash,
      status: status(),
      total: input.total,
      sent: s.sent,
      failed: s.failed,
      remaining: remaining(),
      inDoubt: s.inDoubt,
      reconciled: s.reconciled ?? 0,
      pausedBy: [...s.pausedBy],
      startedAt: s.startedAt,
      updatedAt: isoAt(now),
      rate: Math.round(rate * 10) / 10,
      etaSeconds: rate > 0 ? Math.round(remaining() / rate) : null,
      runs: s.runs,
      inFlight: running.size,
    };
  });

  const startBatch = (from: number) => {
    const scope = new wf.CancellationScope();
    running.set(from, scope);
    scope
      .run(() =>
        sending.sendNoticeBatch({
          incidentId: input.incidentId,
          campaignId: input.campaignId,
          listHash: input.listHash,
          template: input.template,
          versions: input.versions,
          facts: input.facts as never,
          from,
          to: Math.min(input.total, from + input.batchSize),
          parallel: input.parallel,
        }),
      )
      .then(
        (r) => {
          s.sent += r.sent;
          s.failed += r.failed;
          s.inDoubt += r.inDoubt;
          if (r.reconciled) s.reconciled = (s.reconciled ?? 0) + r.reconciled;
          done.add(from);
        },
        (err: unknown) => {
          // Cancelled by a pause: the batch runs again later and its ledger skips what it already sent.
          if (wf.isCancellation(err)) todo.unshift(from);
          else failure ??= err;
        },
      )
      .finally(() => {
        running.delete(from);
        changed = true;
      });
  };

  for (;;) {
    const stopping = s.cancelled || failure !== undefined || s.pausedBy.length > 0;
    if (stopping) for (const scope of running.values()) scope.cancel();
    const rollOver = wf.workflowInfo().historyLength >= input.continueAsNewAfterEvents;
    if (!stopping && !rollOver) {
      while (running.size < input.parallel && todo.length > 0) startBatch(todo.shift()!);
    }
    if (running.size === 0) {
      if (failure !== undefined) throw failure;
      if (s.cancelled || todo.length === 0) break;
      if (rollOver && s.pausedBy.length === 0) {
        await wf.condition(wf.allHandlersFinished);
        return wf.continueAsNew<typeof noticeCampaignWorkflow>({
          ...input,
          state: {
            ...s,
            done: [...done],
            runs: s.runs + 1,
            historyEvents: s.historyEvents + wf.workflowInfo().historyLength,
          },
        });
      }
    }
    changed = false;
    await wf.condition(() => changed);
  }
  // Replay guard: campaigns cancelled before the tally existed end with the counts their batches reported.
  if (s.cancelled && wf.patched(TALLY_PATCH)) {
    // Batches stopped midway report nothing: the ledgers know what they sent before they stopped.
    const tally = await wf
      .proxyActivities<Activities>({ startToCloseTimeout: '10 minutes', retry: { maximumAttempts: 5 } })
      .tallyCampaign({ listHash: input.listHash, campaignId: input.campaignId });
    s.sent = tally.sent;
    s.failed = tally.failed;
  }
  return {
    status: s.cancelled ? 'cancelled' : 'completed',
    sent: s.sent,
    failed: s.failed,
    inDoubt: s.inDoubt,
    ...(s.reconciled ? { reconciled: s.reconciled } : {}),
    total: input.total,
    runs: s.runs,
    historyEvents: s.historyEvents + wf.workflowInfo().historyLength,
  };
}
