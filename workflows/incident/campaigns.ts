// The incident's side of customer-notice campaigns: start one (only with the customer notice approved and no
// law-enforcement hold), pause, resume or cancel it, pause it while a hold is active, and record the notice as
// sent when it completes. The campaign is a child workflow (../campaign) that outlives a continue-as-new of
// its incident: it is started with parentClosePolicy ABANDON and reports its end by signal, so whichever run
// of the incident is current hears it.
import * as wf from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import {
  type CampaignResult,
  type CampaignSummary,
  type StartCampaignCommand,
  campaignWorkflowId,
  startCampaignSchema,
} from '../../src/domain/campaign';
import { hashCanonical } from '../../src/domain/hash';
import { checkNoticeMaySend, refuse as refuseRule } from '../../src/domain/incident-rules';
import { type Actor, SYSTEM_ACTOR } from '../../src/domain/roles';
import type { TimelineType } from '../../src/domain/timeline';
import { noticeCampaignWorkflow } from '../campaign';
import {
  type CampaignEnded,
  cancelCampaignSignal,
  pauseCampaignSignal,
  resumeCampaignSignal,
} from '../campaign-messages';
import { isoAt, workflowNow } from '../clock';
import { refuse } from '../incident-rules';
import { isActivityFailureType, isRefusalCode, nonRetryableTypes } from '../../src/domain/failures';
import type { Incident } from './state';

type Activities = ReturnType<typeof createActivities>;

/** Replay guard: incidents whose histories predate campaigns never start or signal one. */
export const CAMPAIGN_PATCH = 'notice-campaign-v1';
/** notice.sent names the draft the campaign sent (before: the gate's draft at completion). */
export const SENT_HASH_PATCH = 'notice-sent-campaign-hash-v1';
/** Replay guard: runs before it believed the campaign-ended signal's payload instead of the campaign's run. */
export const CAMPAIGN_END_VERIFIED_PATCH = 'campaign-end-verified-v1';
/** Replay guard: campaigns started before it are children the parent's close would terminate. */
export const CAMPAIGN_DETACHED_PATCH = 'notice-campaign-detached-v1';
/**
 * Replay guard: campaigns started before it were not given the date the approved draft states, so their
 * notices rendered without it (and differed from the approved hash); the printed letters check that hash.
 */
export const NOTICE_DATE_PATCH = 'letters-notice-date-v1';

/** Reads how a campaign ended from Temporal: it long-polls the campaign's close, so it may wait a while. */
const asking = wf.proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1s', maximumInterval: '1 minute' },
});

const preparing = wf.proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: {
    initialInterval: '1s',
    maximumAttempts: 5,
    nonRetryableErrorTypes: nonRetryableTypes('campaign'),
  },
});

export type CampaignVerb = 'pause' | 'resume' | 'cancel';
export type CampaignDesk = ReturnType<typeof createCampaignDesk>;

const PAST: Record<CampaignVerb, TimelineType> = {
  pause: 'campaign.paused',
  resume: 'campaign.resumed',
  cancel: 'campaign.cancelled',
};

export function createCampaignDesk(incident: Incident, background: Promise<unknown>[]) {
  const campaigns = incident.data.campaigns;
  const detached = new Set(incident.data.detachedCampaigns);
  const noticeGate = () =>
    incident.data.gates.find((g) => g.kind === 'customer_notice') ??
    refuseRule('this runbook has no customer notice gate', 'not_found');
  const signal = (c: CampaignSummary, send: (handle: wf.ExternalWorkflowHandle) => Promise<void>) => {
    background.push(
      send(wf.getExternalWorkflowHandle(c.workflowId)).catch((err: unknown) =>
        wf.log.warn('campaign signal failed', { campaignId: c.campaignId, error: String(err) }),
      ),
    );
  };
  const pause = (c: CampaignSummary, reason: string) => {
    if (!c.pausedBy.includes(reason)) c.pausedBy.push(reason);
    if (c.status === 'running') c.status = 'paused';
    signal(c, (x) => x.signal(pauseCampaignSignal, reason));
  };
  const resume = (c: CampaignSummary, reason: string) => {
    c.pausedBy = c.pausedBy.filter((r) => r !== reason);
    if (c.status === 'paused' && c.pausedBy.length === 0) c.status = 'running';
    signal(c, (x) => x.signal(resumeCampaignSignal, reason));
  };

  const ended = (c: CampaignSummary, r: CampaignResult) => {
    if (c.endedAt) return;
    Object.assign(c, { endedAt: isoAt(workflowNow()), sent: r.sent, failed: r.failed, inDoubt: r.inDoubt });
    // Campaigns since letters-v1 say how many were reached per channel (the result is in history: no patch).
    if (r.channels) Object.assign(c, { channels: r.channels, letters: r.letters });
    const details = { campaignId: c.campaignId, listHash: c.listHash, ...r };
    if (r.status === 'cancelled') {
      c.status = 'cancelled';
      incident.record('campaign.cancelled', SYSTEM_ACTOR, `Notice campaign stopped: ${r.sent} sent`, details);
      return;
    }
    c.status = 'completed';
    incident.record(
      'campaign.completed',
      SYSTEM_ACTOR,
      r.channels
        ? `Notice campaign completed: ${r.channels.email} by email, ${r.channels.letter} printed letters, ${r.channels.failed} not reached (substitute notice)`
        : `Notice campaign completed: ${r.sent} sent, ${r.failed} undeliverable (substitute notice)`,
      details,
    );
    const sentHash = c.contentHash && wf.patched(SENT_HASH_PATCH) ? c.contentHash : undefined;
    incident.markNoticeSent(c.gateId, c.startedBy, 'campaign', c.campaignId, r.sent, sentHash);
  };
  const failed = (c: CampaignSummary, error: string) => {
    if (c.endedAt) return;
    c.status = 'failed';
    c.endedAt = isoAt(workflowNow());
    c.error = error;
    incident.record('campaign.failed', SYSTEM_ACTOR, 'Notice campaign failed', {
      campaignId: c.campaignId,
      error: c.error,
    });
  };

  const active = () => incident.activeCampaign();

  return {
    /** A campaign's end, as its child reports it by signal (heard by whichever run is current). */
    async reported(e: CampaignEnded): Promise<void> {
      const c = campaigns.find((x) => x.campaignId === e.campaignId);
      if (!c || c.endedAt) return;
      // The signal only says "look": how the campaign ended is read from its own closed run, so a signal
      // from anyone but the campaign records nothing.
      const outcome = wf.patched(CAMPAIGN_END_VERIFIED_PATCH)
        ? await asking.campaignOutcome({ campaignWorkflowId: c.workflowId })
        : e;
      if (c.endedAt || ('running' in outcome && outcome.running)) return;
      if (outcome.result) ended(c, outcome.result);
      else failed(c, outcome.error ?? 'failed');
    },
    /** Whether a continue-as-new may happen now: no campaign the close of this run would terminate. */
    mayContinue(): boolean {
      const c = active();
      return !c || (c.status !== 'preparing' && detached.has(c.campaignId));
    },
    snapshot(): string[] {
      return [...detached];
    },
    checkStart(): void {
      checkNoticeMaySend(noticeGate(), incident.activeHolds());
      const running = active();
      if (running) refuseRule(`campaign ${running.campaignId} is already ${running.status}`, 'busy');
    },
    checkControl(verb: CampaignVerb): void {
      const c = active() ?? refuseRule('no campaign is running', 'not_found');
      if (verb === 'pause' && c.pausedBy.includes('manual'))
        refuseRule(`campaign ${c.campaignId} is already paused`, 'invalid_state');
      if (verb === 'resume' && !c.pausedBy.includes('manual'))
        refuseRule(
          c.pausedBy.includes('hold')
            ? 'the campaign is paused by a law-enforcement hold: it resumes when the hold ends'
            : `campaign ${c.campaignId} is not paused`,
          'invalid_state',
        );
    },
    control(verb: CampaignVerb, { actor, reason }: { actor: Actor; reason?: string }): CampaignSummary {
      const c = active()!;
      if (verb === 'pause') pause(c, 'manual');
      else if (verb === 'resume') resume(c, 'manual');
      else {
        // The campaign asks its incident what to do (campaignControl): the request is what it reads.
        c.cancelRequested = true;
        signal(c, (x) => x.signal(cancelCampaignSignal));
      }
      const past = PAST[verb];
      incident.record(past, actor, `Notice campaign ${past.slice('campaign.'.length)}`, {
        campaignId: c.campaignId,
        reason: reason ?? null,
      });
      return { ...c };
    },
    async start(command: StartCampaignCommand): Promise<CampaignSummary> {
      const c = startCampaignSchema.parse(command);
      wf.patched(CAMPAIGN_PATCH);
      const gate = noticeGate();
      const campaignId = `${incident.id}-C${campaigns.length + 1}`;
      const summary: CampaignSummary = {
        campaignId,
        workflowId: campaignWorkflowId(campaignId),
        listHash: c.recipientsHash,
        gateId: gate.id,
        status: 'preparing',
        total: 0,
        startedBy: c.actor,
        startedAt: isoAt(workflowNow()),
        pausedBy: [],
        contentHash: gate.draft!.contentHash,
      };
      campaigns.push(summary);
      const facts = incident.facts;
      let prepared;
      try {
        prepared = await preparing.prepareCampaign({
          incidentId: incident.id,
          listHash: c.recipientsHash,
          template: gate.template,
          facts,
          approved: gate.draft!,
        });
      } catch (err) {
        campaigns.pop();
        const cause = err instanceof wf.ActivityFailure ? err.cause : err;
        // A list or template the campaign cannot use: the activity's failure type is the refusal's code.
        const type = (cause as wf.ApplicationFailure).type ?? '';
        refuse(
          (cause as Error).message,
          isActivityFailureType(type) || isRefusalCode(type) ? type : 'refused',
        );
      }
      summary.total = prepared.total;
      const detach = wf.patched(CAMPAIGN_DETACHED_PATCH);
      const dated = prepared.noticeDate && wf.patched(NOTICE_DATE_PATCH) ? prepared.noticeDate : undefined;
      const child = await wf.startChild(noticeCampaignWorkflow, {
        workflowId: summary.workflowId,
        ...(detach ? { parentClosePolicy: 'ABANDON' as const } : {}),
        args: [
          {
            incidentId: incident.id,
            campaignId,
            listHash: c.recipientsHash,
            total: prepared.total,
            gateId: gate.id,
            template: gate.template,
            versions: prepared.versions,
            contentHash: gate.draft!.contentHash,
            facts,
            ...(dated ? { noticeDate: dated } : {}),
            batchSize: c.batchSize,
            parallel: c.parallel,
            heartbeatTimeoutMs: c.heartbeatTimeoutMs,
            continueAsNewAfterEvents: c.continueAsNewAfterEvents,
          },
        ],
      });
      if (detach) {
        detached.add(campaignId);
        incident.data.detachedCampaigns = [...detached];
      }
      summary.status = 'running';
      incident.record('campaign.started', c.actor, `Notice campaign started: ${prepared.total} people`, {
        campaignId,
        listHash: c.recipientsHash,
        total: prepared.total,
        locales: prepared.locales,
        versions: prepared.versions,
        contentHash: gate.draft!.contentHash,
        factsHash: hashCanonical(facts),
      });
      // A hold placed while the campaign was being prepared pauses it from the start.
      if (incident.activeHolds().length > 0) pause(summary, 'hold');
      background.push(
        child.result().then(
          (r) => ended(summary, r),
          (err: unknown) => failed(summary, String((err as Error).cause ?? err)),
        ),
      );
      return { ...summary };
    },
    /** Called after a hold is placed or ends: the campaign pauses while any hold is active. */
    holdsChanged(): void {
      const c = active();
      if (!c || c.status === 'preparing' || !wf.patched(CAMPAIGN_PATCH)) return;
      const held = incident.activeHolds().length > 0;
      if (held && !c.pausedBy.includes('hold')) pause(c, 'hold');
      if (!held && c.pausedBy.includes('hold')) resume(c, 'hold');
    },
  };
}
