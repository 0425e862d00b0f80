// The incident's side of customer-notice campaigns: start one (only with the customer notice approved and no
// law-enforcement hold), pause, resume or cancel it, pause it while a hold is active, and record the notice as
// sent when it completes. The campaign itself is a child workflow (./campaign).
import * as wf from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { createActivities } from '../activities';
import type { GateState } from '../src/domain/approval';
import {
  type CampaignResult,
  type CampaignSummary,
  campaignControlSchema,
  campaignWorkflowId,
  startCampaignSchema,
} from '../src/domain/campaign';
import { hashCanonical } from '../src/domain/hash';
import type { IncidentFacts } from '../src/domain/incident';
import { type Actor, SYSTEM_ACTOR } from '../src/domain/roles';
import type { TimelineType } from '../src/domain/timeline';
import { noticeCampaignWorkflow } from './campaign';
import { cancelCampaignSignal, pauseCampaignSignal, resumeCampaignSignal } from './campaign-messages';
import { isoAt, workflowNow } from './clock';
import { checkNoticeMaySend, parseOrRefuse, refuse, requireRole } from './incident-rules';
import type { HoldState, IncidentView } from './messages';
import * as msg from './messages';
import { isActivityFailureType, isRefusalCode, nonRetryableTypes } from '../src/domain/failures';

type Activities = ReturnType<typeof createActivities>;

/** Replay guard: incidents whose histories predate campaigns never start or signal one. */
export const CAMPAIGN_PATCH = 'notice-campaign-v1';

const preparing = wf.proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: {
    initialInterval: '1s',
    maximumAttempts: 5,
    nonRetryableErrorTypes: nonRetryableTypes('campaign'),
  },
});

export interface CampaignHost {
  incidentId: string;
  facts(): IncidentFacts;
  gates: GateState[];
  activeHolds(): HoldState[];
  assignments: IncidentView['assignments'];
  mustBeOpen(): void;
  record(type: TimelineType, actor: Actor, summary: string, details?: Record<string, unknown>): unknown;
  /** The same path as recordNoticeSent: marks the gate sent and meets its deadlines. */
  markNoticeSent(
    gateId: string,
    actor: Actor,
    channel: string,
    reference?: string,
    recipients?: number,
  ): void;
  background: Promise<unknown>[];
}

const CONTROLLERS = ['commander', 'legal', 'communications'] as const;

export function installCampaigns(h: CampaignHost) {
  const campaigns: CampaignSummary[] = [];
  const active = () =>
    campaigns.find((c) => c.status === 'preparing' || c.status === 'running' || c.status === 'paused');
  const noticeGate = () =>
    h.gates.find((g) => g.kind === 'customer_notice') ??
    refuse('this runbook has no customer notice gate', 'not_found');
  const signal = (c: CampaignSummary, send: (handle: wf.ExternalWorkflowHandle) => Promise<void>) => {
    h.background.push(
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
    Object.assign(c, { endedAt: isoAt(workflowNow()), sent: r.sent, failed: r.failed, inDoubt: r.inDoubt });
    const details = { campaignId: c.campaignId, listHash: c.listHash, ...r };
    if (r.status === 'cancelled') {
      c.status = 'cancelled';
      h.record('campaign.cancelled', SYSTEM_ACTOR, `Notice campaign stopped: ${r.sent} sent`, details);
      return;
    }
    c.status = 'completed';
    h.record(
      'campaign.completed',
      SYSTEM_ACTOR,
      `Notice campaign completed: ${r.sent} sent, ${r.failed} undeliverable (substitute notice)`,
      details,
    );
    h.markNoticeSent(c.gateId, c.startedBy, 'campaign', c.campaignId, r.sent);
  };

  wf.setHandler(
    msg.startCampaign,
    async (command) => {
      const c = startCampaignSchema.parse(command);
      wf.patched(CAMPAIGN_PATCH);
      const gate = noticeGate();
      const campaignId = `${h.incidentId}-C${campaigns.length + 1}`;
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
      };
      campaigns.push(summary);
      const facts = h.facts();
      let prepared;
      try {
        prepared = await preparing.prepareCampaign({
          incidentId: h.incidentId,
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
      const child = await wf.startChild(noticeCampaignWorkflow, {
        workflowId: summary.workflowId,
        args: [
          {
            incidentId: h.incidentId,
            campaignId,
            listHash: c.recipientsHash,
            total: prepared.total,
            gateId: gate.id,
            template: gate.template,
            versions: prepared.versions,
            contentHash: gate.draft!.contentHash,
            facts,
            batchSize: c.batchSize,
            parallel: c.parallel,
            heartbeatTimeoutMs: c.heartbeatTimeoutMs,
            continueAsNewAfterEvents: c.continueAsNewAfterEvents,
          },
        ],
      });
      summary.status = 'running';
      h.record('campaign.started', c.actor, `Notice campaign started: ${prepared.total} people`, {
        campaignId,
        listHash: c.recipientsHash,
        total: prepared.total,
        locales: prepared.locales,
        versions: prepared.versions,
        contentHash: gate.draft!.contentHash,
        factsHash: hashCanonical(facts),
      });
      // A hold placed while the campaign was being prepared pauses it from the start.
      if (h.activeHolds().length > 0) pause(summary, 'hold');
      h.background.push(
        child.result().then(
          (r) => ended(summary, r),
          (err: unknown) => {
            summary.status = 'failed';
            summary.endedAt = isoAt(workflowNow());
            summary.error = String((err as Error).cause ?? err);
            h.record('campaign.failed', SYSTEM_ACTOR, 'Notice campaign failed', {
              campaignId,
              error: summary.error,
            });
          },
        ),
      );
      return { ...summary };
    },
    {
      validator: (input) => {
        h.mustBeOpen();
        const c = parseOrRefuse(startCampaignSchema, input);
        requireRole(c.actor, h.assignments, 'start a notice campaign', ...CONTROLLERS);
        checkNoticeMaySend(noticeGate(), h.activeHolds());
        const running = active();
        if (running) refuse(`campaign ${running.campaignId} is already ${running.status}`, 'busy');
      },
    },
  );

  const control = (
    def: UpdateDefinition<CampaignSummary, [msg.CampaignControlCommand]>,
    verb: string,
    act: (c: CampaignSummary, actor: Actor, reason?: string) => void,
    allowed: (c: CampaignSummary) => string | undefined,
  ) =>
    wf.setHandler(
      def,
      ({ actor, reason }) => {
        const c = active()!;
        act(c, actor, reason);
        h.record(`campaign.${verb}` as TimelineType, actor, `Notice campaign ${verb}`, {
          campaignId: c.campaignId,
          reason: reason ?? null,
        });
        return { ...c };
      },
      {
        validator: (input) => {
          h.mustBeOpen();
          const c = parseOrRefuse(campaignControlSchema, input);
          requireRole(c.actor, h.assignments, `${verb.replace(/ed$/, '')} a notice campaign`, ...CONTROLLERS);
          const campaign = active() ?? refuse('no campaign is running', 'not_found');
          const why = allowed(campaign);
          if (why) refuse(why, 'invalid_state');
        },
      },
    );

  control(
    msg.pauseCampaign,
    'paused',
    (c) => pause(c, 'manual'),
    (c) => (c.pausedBy.includes('manual') ? `campaign ${c.campaignId} is already paused` : undefined),
  );
  control(
    msg.resumeCampaign,
    'resumed',
    (c) => resume(c, 'manual'),
    (c) =>
      !c.pausedBy.includes('manual')
        ? c.pausedBy.includes('hold')
          ? 'the campaign is paused by a law-enforcement hold: it resumes when the hold ends'
          : `campaign ${c.campaignId} is not paused`
        : undefined,
  );
  control(
    msg.cancelCampaign,
    'cancelled',
    (c) => signal(c, (x) => x.signal(cancelCampaignSignal)),
    () => undefined,
  );

  return {
    list: () => campaigns,
    /** The campaign preparing, running or paused, if any: it still sends (or may send) the customer notice. */
    active: (): CampaignSummary | undefined => active(),
    /** Called after a hold is placed or ends: the campaign pauses while any hold is active. */
    holdsChanged() {
      const c = active();
      if (!c || c.status === 'preparing' || !wf.patched(CAMPAIGN_PATCH)) return;
      const held = h.activeHolds().length > 0;
      if (held && !c.pausedBy.includes('hold')) pause(c, 'hold');
      if (!held && c.pausedBy.includes('hold')) resume(c, 'hold');
    },
  };
}
