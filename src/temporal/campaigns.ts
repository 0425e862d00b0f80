// Client-side campaign operations shared by the edges: find an incident's campaign, read its progress (the
// campaign's own query), and list the people a campaign could not reach, for substitute notice.
import type { Client } from '@temporalio/client';
import type { CampaignProgress, CampaignSummary } from '../domain/campaign';
import { type StoredRecipient } from '../domain/recipient';
import { campaignFailures } from '../recipients/ledger';
import { readRecipients } from '../recipients/store';
import { campaignProgress } from '../../workflows/campaign-messages';
import { getIncident } from '../../workflows/messages';
import type { CodecKey } from '../crypto/keyring';
import { RefusedError, incidentHandle } from './incidents';

export async function latestCampaign(client: Client, incidentId: string): Promise<CampaignSummary> {
  const view = await incidentHandle(client, incidentId).query(getIncident);
  const c = view.campaigns?.[view.campaigns.length - 1];
  if (!c) throw new RefusedError(`incident ${incidentId} has no notice campaign`, 'not_found');
  return c;
}

export async function progressOf(client: Client, c: CampaignSummary): Promise<CampaignProgress> {
  return client.workflow.getHandle(c.workflowId).query(campaignProgress);
}

export interface Undeliverable {
  index: number;
  code: number;
  recipient: StoredRecipient;
}

/** People the campaign recorded as undeliverable (permanent SMTP refusal or unusable data), in list order. */
export async function undeliverable(
  dir: string,
  keys: CodecKey[],
  c: Pick<CampaignSummary, 'listHash' | 'campaignId'>,
): Promise<Undeliverable[]> {
  const failures = campaignFailures(dir, c.listHash, c.campaignId);
  const out: Undeliverable[] = [];
  if (failures.size === 0) return out;
  for await (const { index, recipient } of readRecipients(dir, c.listHash, keys)) {
    const code = failures.get(index);
    if (code !== undefined) out.push({ index, code, recipient });
  }
  return out;
}

/** A one-line progress bar: `[#########-----------]  45%  4,500 sent  12 failed  5,488 left  310/s  ETA 18s`. */
export function progressBar(p: CampaignProgress, width = 30): string {
  const done = p.sent + p.failed;
  const frac = p.total > 0 ? done / p.total : 1;
  const filled = Math.round(frac * width);
  const n = (x: number) => x.toLocaleString('en-US');
  const eta = p.etaSeconds === null ? '-' : `${p.etaSeconds}s`;
  return (
    `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(frac * 100)).padStart(3)}%  ` +
    `${n(p.sent)} sent  ${n(p.failed)} failed  ${n(p.remaining)} left  ${n(p.rate)}/s  ETA ${eta}  (${p.status}${
      p.pausedBy.length ? `: ${p.pausedBy.join(', ')}` : ''
    })` +
    // After a crash: how the notices it left in doubt were settled.
    (p.inDoubt || p.reconciled
      ? `  in doubt after a crash: ${n(p.reconciled ?? 0)} confirmed delivered, ${n(p.inDoubt)} resent`
      : '')
  );
}
