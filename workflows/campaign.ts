// The customer-notice campaign, a child of its incident: sends the approved notice to every person on an
// encrypted recipient list in batches (one activity per batch streams its part of the list and heartbeats),
// pauses, resumes and cancels on signal, and continues-as-new so its history stays small at any list size.
import * as wf from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type {
  CampaignCarry,
  CampaignInput,
  CampaignProgress,
  CampaignResult,
  ChannelCounts,
  LetterRunResult,
} from '../src/domain/campaign';
import { workflowIdFor } from '../src/domain/incident';
import {
  type CampaignEnded,
  campaignEndedSignal,
  campaignProgress,
  cancelCampaignSignal,
  pauseCampaignSignal,
  resumeCampaignSignal,
} from './campaign-messages';
import { isoAt, workflowNow } from './clock';
import { nonRetryableTypes } from '../src/domain/failures';

type Activities = ReturnType<typeof createActivities>;

export const TALLY_PATCH = 'campaign-tally-v1';
/** Replay guard: campaigns before it did not report their end to the incident by signal. */
export const REPORT_PATCH = 'campaign-reports-end-v1';
/**
 * Replay guard: campaigns from before it took pause, resume and cancel from the signal itself; since, a signal
 * only makes the campaign ask its incident (activity campaignControl), so nobody else can steer it.
 */
export const PARENT_CONTROL_PATCH = 'campaign-parent-control-v1';
/** Replay guard: campaigns before it sent email only; since, a completed campaign lays out printed letters. */
export const LETTERS_PATCH = 'letters-v1';

/**
 * The campaign, and its end reported to the incident by signal: the incident may have continued as new since
 * it started this child, and only the current run would hear it.
 */
export async function noticeCampaignWorkflow(input: CampaignInput): Promise<CampaignResult> {
  const report = (ended: Omit<CampaignEnded, 'campaignId'>) =>
    wf
      .getExternalWorkflowHandle(workflowIdFor(input.incidentId))
      .signal(campaignEndedSignal, { campaignId: input.campaignId, ...ended })
      .catch((err: unknown) =>
        wf.log.warn('campaign: the incident did not hear its end', { error: String(err) }),
      );
  try {
    const result = await runCampaign(input);
    if (wf.patched(REPORT_PATCH)) await report({ result });
    return result;
  } catch (err) {
    if (!(err instanceof wf.ContinueAsNew) && !wf.isCancellation(err) && wf.patched(REPORT_PATCH))
      await report({ error: String((err as Error).cause ?? err) });
    throw err;
  }
}

async function runCampaign(input: CampaignInput): Promise<CampaignResult> {
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
  const askParent = wf.patched(PARENT_CONTROL_PATCH);
  const incidentWorkflowId = wf.workflowInfo().parent?.workflowId ?? `incident-${input.incidentId}`;
  const asking = wf.proxyActivities<Activities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '1s', maximumInterval: '30 seconds', maximumAttempts: 10 },
  });
  let ask = false;
  const done = new Set(s.done);
  const todo: number[] = [];
  for (let b = 0; b < input.total; b += input.batchSize) if (!done.has(b)) todo.push(b);
  const running = new Map<number, wf.CancellationScope>();
  let failure: unknown;
  let changed = false;
  let letters: LetterRunResult | { error: string } | undefined;
  let channels: ChannelCounts | undefined;

  const remaining = () => Math.max(0, input.total - s.sent - s.failed - (s.toLetter ?? 0));
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

  /** A signal is a request to ask the incident; what it says is not believed. */
  const askIncident = () => {
    ask = true;
    changed = true;
    return askParent;
  };
  wf.setHandler(pauseCampaignSignal, (reason) => {
    if (askIncident()) return;
    if (!s.pausedBy.includes(reason)) s.pausedBy.push(reason);
  });
  wf.setHandler(resumeCampaignSignal, (reason) => {
    if (askIncident()) return;
    s.pausedBy = s.pausedBy.filter((r) => r !== reason);
  });
  wf.setHandler(cancelCampaignSignal, () => {
    if (askIncident()) return;
    s.cancelled = true;
  });
  const obeyIncident = async () => {
    ask = false;
    try {
      const c = await asking.campaignControl({ incidentWorkflowId, campaignId: input.campaignId });
      s.pausedBy = c.pausedBy;
      if (c.cancelled) s.cancelled = true;
    } catch (err) {
      wf.log.warn('could not ask the incident; the campaign carries on as it was', {
        campaignId: input.campaignId,
        error: err instanceof Error ? err.name : 'unknown',
      });
    }
  };
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
      ...(s.toLetter ? { toLetter: s.toLetter } : {}),
      ...(channels ? { channels } : {}),
      ...(letters ? { letters } : {}),
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
          ...(input.noticeDate ? { noticeDate: input.noticeDate } : {}),
          from,
          to: Math.min(input.total, from + input.batchSize),
          // The batches that can run at once share the mail rate: a list of one batch gets all of it.
          parallel: Math.min(input.parallel, Math.ceil(input.total / input.batchSize)),
        }),
      )
      .then(
        (r) => {
          s.sent += r.sent;
          s.failed += r.failed;
          s.inDoubt += r.inDoubt;
          if (r.reconciled) s.reconciled = (s.reconciled ?? 0) + r.reconciled;
          if (r.toLetter) s.toLetter = (s.toLetter ?? 0) + r.toLetter;
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
    if (askParent && ask) await obeyIncident();
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
  // Printed letters for who email could not reach; a failure here leaves the emails' outcome standing.
  if (!s.cancelled && wf.patched(LETTERS_PATCH)) {
    try {
      const printed = await wf
        .proxyActivities<Activities>({
          startToCloseTimeout: '2 hours',
          retry: {
            initialInterval: '5s',
            maximumAttempts: 5,
            nonRetryableErrorTypes: nonRetryableTypes('campaign'),
          },
        })
        .printCampaignLetters({
          incidentId: input.incidentId,
          campaignId: input.campaignId,
          listHash: input.listHash,
          template: input.template,
          versions: input.versions,
          contentHash: input.contentHash,
          facts: input.facts as never,
          ...(input.noticeDate ? { noticeDate: input.noticeDate } : {}),
        });
      letters = printed;
      channels = { email: s.sent, letter: printed.printed, failed: input.total - s.sent - printed.printed };
    } catch (err) {
      const cause = err instanceof wf.ActivityFailure ? err.cause : err;
      letters = { error: (cause as Error).message };
      channels = { email: s.sent, letter: 0, failed: input.total - s.sent };
    }
  }
  return {
    ...(letters ? { letters } : {}),
    ...(channels ? { channels } : {}),
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
