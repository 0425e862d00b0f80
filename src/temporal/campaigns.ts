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
