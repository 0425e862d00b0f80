// Shared steps of the campaign suites: an incident whose customer notice legal and communications approved,
// and an imported recipient list.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { CampaignProgress, CampaignSummary } from '../../src/domain/campaign';
import { importRecipients } from '../../src/recipients/import';
import type { CodecKey } from '../../src/temporal/codec';
import { latestCampaign, progressOf } from '../../src/temporal/campaigns';
import { loadRunbookFile } from '../../src/temporal/incidents';
import * as msg from '../../workflows/messages';
import { IncidentDriver, eventually } from '../support/incident-driver';
import { as, sampleFacts } from '../support/people';
import { writeCsv } from './people-files';
import { declareAs } from '../support/auth';

export const carol = as('carol');
export const lena = as('lena');
export const cami = as('cami');
export const rick = as('rick');

export async function approvedIncident(
  client: Client,
  taskQueue: string,
  approve = true,
): Promise<IncidentDriver> {
  const { incidentId } = await declareAs(client, taskQueue, {
    facts: sampleFacts({ awareAt: new Date().toISOString() }),
    runbook: loadRunbookFile(),
    actor: carol,
  });
  const inc = new IncidentDriver(client, incidentId);
  await inc.send(msg.advancePhase, { actor: carol, to: 'notify_customers', force: true, reason: 'test' });
  if (!approve) return inc;
  const r = await inc.send(msg.requestApproval, { actor: carol, gateId: 'customer_notice' });
  const ask = { gateId: 'customer_notice', requestId: r.requestId, contentHash: r.draft.contentHash };
  await inc.send(msg.approve, { actor: lena, ...ask });
  await inc.send(msg.approve, { actor: cami, ...ask });
  return inc;
}

export function recipientsDir(): string {
  return mkdtempSync(join(tmpdir(), 'bp-recipients-'));
}

export async function importPeople(dir: string, keys: CodecKey[], n: number): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'bp-people-')), 'people.csv');
  writeCsv(file, n);
  return (await importRecipients({ input: file, dir, keys })).listHash;
}

const ENDED = new Set<string>(['completed', 'cancelled', 'failed']);

export async function waitForCampaign(
  client: Client,
  inc: IncidentDriver,
  done: (p: CampaignProgress, c: CampaignSummary) => boolean,
  timeoutMs = 60_000,
): Promise<{ p: CampaignProgress; c: CampaignSummary }> {
  return eventually<{ p: CampaignProgress; c: CampaignSummary } | { error: string }>(
    async () => {
      try {
        const c = await latestCampaign(client, inc.incidentId);
        return { p: await progressOf(client, c), c };
      } catch (err) {
        // A worker being restarted cannot answer queries for a moment.
        return { error: String(err) };
      }
    },
    // A campaign that ended is done once its incident has recorded the end too (read from the closed run).
    (r) => 'p' in r && done(r.p, r.c) && (!ENDED.has(r.p.status) || r.c.endedAt !== undefined),
    { timeoutMs, intervalMs: 200, what: 'campaign progress' },
  ) as Promise<{ p: CampaignProgress; c: CampaignSummary }>;
}
