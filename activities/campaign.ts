// The customer-notice campaign's activities: Temporal's side of the sending engine (src/notices/batch-sender.ts)
// — the heartbeat and its resume point, cancellation, and the engine's refusals as typed failures.
import { CancelledFailure, Context, sleep } from '@temporalio/activity';
import type { BatchResult } from '../src/domain/campaign';
import {
  BatchFailure,
  type BatchSenderDeps,
  BatchStopped,
  createBatchSender,
  type PrepareCampaignRequest,
  type PreparedCampaign,
  type SendBatchRequest,
} from '../src/notices/batch-sender';
import { type LetterRunRequest, runCampaignLetters } from '../src/notices/letter-run';
import type { LetterRunResult } from '../src/domain/campaign';
import { activityFailure } from './failure';

export { noticeMessageId } from '../src/notices/batch-sender';
export type { PrepareCampaignRequest, PreparedCampaign, SendBatchRequest };
export type CampaignActivityDeps = BatchSenderDeps;

/** The engine's outcomes as Temporal sees them: a typed failure, or a cancelled activity. */
async function asActivity<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof BatchFailure) throw activityFailure(err.type, err.message);
    if (err instanceof BatchStopped) throw new CancelledFailure(err.message);
    throw err;
  }
}

export function createCampaignActivities(deps: CampaignActivityDeps) {
  const sender = createBatchSender(deps);
  return {
    /** Refuses (non-retryable) unless the list exists and every locale renders from the approved templates. */
    async prepareCampaign(req: PrepareCampaignRequest): Promise<PreparedCampaign> {
      return asActivity(() => sender.prepare(req));
    },

    /** What a campaign's ledgers say was sent and refused (a cancelled batch reports nothing itself). */
    async tallyCampaign(req: {
      listHash: string;
      campaignId: string;
    }): Promise<{ sent: number; failed: number }> {
      return sender.tally(req);
    },

    /** Lays out the campaign's printed letters (no email, or refused for good) with the vendor's manifest. */
    async printCampaignLetters(req: LetterRunRequest): Promise<LetterRunResult> {
      return asActivity(() => runCampaignLetters(deps, req));
    },

    /** Sends notices to list positions [from, to), heartbeating the position a retry resumes from. */
    async sendNoticeBatch(req: SendBatchRequest): Promise<BatchResult> {
      const ctx = Context.current();
      const details = ctx.info.heartbeatDetails as { low?: number } | undefined;
      return asActivity(() =>
        sender.send(req, {
          signal: ctx.cancellationSignal,
          resumeAt: details?.low,
          progress: (low) => ctx.heartbeat({ low }),
          sleep: (ms) => sleep(ms),
        }),
      );
    },
  };
}
