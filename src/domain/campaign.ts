// The customer-notice campaign: what starts it (commands checked by the incident's validators), what it
// carries over continue-as-new, and the progress and outcome it reports. Pure (no I/O).
import { z } from 'zod';
import { listHashSchema } from './recipient';
import { type Actor, actorSchema } from './roles';

export type CampaignStatus = 'preparing' | 'running' | 'paused' | 'completed' | 'cancelled' | 'failed';

export interface CampaignInput {
  incidentId: string;
  campaignId: string;
  listHash: string;
  total: number;
  gateId: string;
  template: string;
  /** Template version per locale, checked by every batch: the text that goes out is the one approved. */
  versions: Record<string, string>;
  contentHash: string;
  facts: unknown;
  /** The date the notices state (the approved draft's); absent in campaigns started before notices had one. */
  noticeDate?: string;
  batchSize: number;
  /** Batches in flight at once (they share the worker's SMTP pool and rate limit). */
  parallel: number;
  heartbeatTimeoutMs: number;
  continueAsNewAfterEvents: number;
  /** Carried over continue-as-new. */
  state?: CampaignCarry;
}

export interface CampaignCarry {
  sent: number;
  failed: number;
  inDoubt: number;
  /** People left for a printed letter (absent in runs before letters). */
  toLetter?: number;
  /** Absent in runs carried over before the delivery check existed. */
  reconciled?: number;
  startedAt: string;
  pausedBy: string[];
  cancelled: boolean;
  runs: number;
  historyEvents: number;
  done: number[];
}

export interface CampaignProgress {
  incidentId: string;
  campaignId: string;
  listHash: string;
  status: CampaignStatus;
  total: number;
  sent: number;
  failed: number;
  remaining: number;
  /** Notices a crash left in doubt that were sent again (the mail server's log could not confirm them). */
  inDoubt: number;
  /** Notices a crash left in doubt that the mail server's delivery log confirmed: recorded, not resent. */
  reconciled: number;
  pausedBy: string[];
  startedAt: string;
  updatedAt: string;
  /** Notices per second since the start (sent + failed), and the estimated seconds left at that rate. */
  rate: number;
  etaSeconds: number | null;
  runs: number;
  /** Batches whose activity is running or winding down: 0 while paused means nothing can be sent. */
  inFlight: number;
  /** People without email waiting for their printed letter (absent before letters). */
  toLetter?: number;
  /** Per channel, once the letters are laid out (absent before letters, and while they are being laid out). */
  channels?: ChannelCounts;
  letters?: LetterRunResult | { error: string };
}

export interface CampaignResult {
  status: 'completed' | 'cancelled';
  sent: number;
  failed: number;
  inDoubt: number;
  reconciled?: number;
  total: number;
  runs: number;
  historyEvents: number;
  /** Campaigns since letters-v1: the printed letters, and the counts per channel. */
  letters?: LetterRunResult | { error: string };
  channels?: ChannelCounts;
}

/** Per-batch outcome of the send activity. */
export interface BatchResult {
  from: number;
  to: number;
  sent: number;
  failed: number;
  inDoubt: number;
  reconciled?: number;
  /** People without an email address: left for the printed letters. */
  toLetter?: number;
}

/** The printed letters of a campaign: people without email, and permanent email failures with an address. */
export interface LetterRunResult {
  /** Letters laid out, in files for the print-and-mail vendor. */
  printed: number;
  /** Of them: people without an email address, and people whose email was refused for good. */
  noEmail: number;
  bounced: number;
  /** Refused for good and no postal address, or an address that does not fit the window: no channel left. */
  unreachable: number;
  files: number;
  pages: number;
  /** sha256 of the manifest CSV (its rows name the files and their hashes). */
  manifestSha256: string;
  /** Where the files are, relative to the recipient store. */
  dir: string;
}

/** People reached per channel; failed = neither an email accepted nor a letter printed. */
export interface ChannelCounts {
  email: number;
  letter: number;
  failed: number;
}

export const DEFAULT_BATCH_SIZE = 10_000;

export const startCampaignSchema = z.object({
  actor: actorSchema,
  recipientsHash: listHashSchema,
  batchSize: z.number().int().min(1).max(100_000).default(DEFAULT_BATCH_SIZE),
  parallel: z.number().int().min(1).max(8).default(2),
  heartbeatTimeoutMs: z.number().int().min(1000).max(600_000).default(30_000),
  continueAsNewAfterEvents: z.number().int().min(20).max(40_000).default(2_000),
});
export type StartCampaignCommand = z.input<typeof startCampaignSchema>;

export const campaignControlSchema = z.object({
  actor: actorSchema,
  reason: z.string().trim().max(2000).optional(),
});
export type CampaignControlCommand = z.infer<typeof campaignControlSchema>;

/** What the incident knows of each campaign it started (progress itself is the campaign's query). */
export interface CampaignSummary {
  campaignId: string;
  workflowId: string;
  listHash: string;
  gateId: string;
  status: CampaignStatus;
  total: number;
  startedBy: Actor;
  startedAt: string;
  endedAt?: string;
  pausedBy: string[];
  /** A person cancelled it: the campaign stops once it asks (it obeys only its incident). */
  cancelRequested?: boolean;
  /** The approved draft the campaign sends (absent on campaigns started before it was kept). */
  contentHash?: string;
  sent?: number;
  failed?: number;
  inDoubt?: number;
  /** Per channel, for campaigns since letters-v1. */
  channels?: ChannelCounts;
  letters?: LetterRunResult | { error: string };
  error?: string;
}

export function campaignWorkflowId(campaignId: string): string {
  return `campaign-${campaignId}`;
}
