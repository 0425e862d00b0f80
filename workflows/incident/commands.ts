// The incident's command table: for each update, its schema, who may send it, what else must hold, and what
// it does. One registration runs the same validator for all of them (open → schema → role → rule), so a
// refusal is decided before anything reaches history, and the handler only applies.
import * as wf from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { Draft } from '../../src/domain/approval';
import { checkApproval, checkRejection } from '../../src/domain/approval';
import { campaignControlSchema, startCampaignSchema } from '../../src/domain/campaign';
import * as cmd from '../../src/domain/commands';
import {
  CAMPAIGN_CONTROLLERS,
  CHANGERS,
  HOLDERS,
  PARTICIPANTS,
  SENDERS,
  checkAssignable,
  checkNoticeMaySend,
  refuse as refuseRule,
  requireDirectoryRole,
  requireRole,
} from '../../src/domain/incident-rules';
import type { Actor, Role } from '../../src/domain/roles';
import type { ZodError } from 'zod';
import { isoAt, workflowNow } from '../clock';
import * as msg from '../messages';
import { parseOrRefuse, refuse, refusing } from '../incident-rules';
import type { CampaignDesk } from './campaigns';
import type { Incident } from './state';
import type { WebhookDesk } from './webhooks';
import { attachAlertSchema } from '../../src/domain/alerts';
import { redeliverWebhooksSchema } from '../../src/domain/webhook-events';

/**
 * What a command's apply gets besides the incident: who sent it. This is the one place a verified principal
 * (signed actor assertions, checked by a workflow interceptor) joins the command on its way to the timeline.
 */
export interface CommandContext {
  actor: Actor;
}

/** The workflow's side effects a command may need beyond the entity itself. */
export interface CommandHost {
  incident: Incident;
  campaigns: CampaignDesk;
  /** Outbound webhooks (absent on incidents started before webhooks-v1). */
  webhooks?: WebhookDesk;
  renderDraft(gateId: string): Promise<Draft>;
  /** Set while the incident is switching to a new run: commands are refused, and the edges retry. */
  switching(): boolean;
  /** Counts an accepted command (a run hands over after so many). */
  accepted(): void;
}

interface Permission {
  action: string;
  roles: Role[];
}

interface CommandSpec<C, R> {
  def: UpdateDefinition<R, [C]>;
  schema: { safeParse(v: unknown): { success: true; data: C } | { success: false; error: ZodError } };
  /** Who may: an action and the roles that may do it (absent: the check below decides, as for approvals). */
  may?: (c: C, h: CommandHost) => Permission;
  /** What else must hold, on the parsed command. */
  check?: (c: C, h: CommandHost) => void;
  /** The change, on the command as sent. */
  apply: (c: C, h: CommandHost, ctx: CommandContext) => R | Promise<R>;
  /** An alert source's service account may send it (it may send nothing else). */
  serviceAccounts?: true;
}

const command = <C, R>(spec: CommandSpec<C, R>) => spec as unknown as CommandSpec<unknown, unknown>;
const static_ =
  (action: string, ...roles: Role[]) =>
  () => ({ action, roles });

export const COMMANDS = [
  command({
    def: msg.updateFacts,
    schema: cmd.updateFactsSchema,
    may: static_('change facts', ...CHANGERS),
    check: (c, h) => h.incident.checkFacts(c.patch),
    apply: (c, h) => h.incident.updateFacts(c),
  }),
  command({
    def: msg.assignRole,
    schema: cmd.assignRoleSchema,
    may: static_('assign roles', 'commander'),
    check: (c, h) => {
      checkAssignable(c.role);
      if (h.incident.data.assignments.some((a) => a.personId === c.personId && a.role === c.role))
        refuseRule(`${c.personId} is already ${c.role}`, 'duplicate');
    },
    apply: (c, h) => h.incident.assignRole(c),
  }),
  command({
    def: msg.completeTask,
    schema: cmd.completeTaskSchema,
    may: (c, h) => {
      const task = h.incident.openTask(c.taskId);
      return { action: `complete "${task.id}"`, roles: [task.owner, 'commander'] };
    },
    apply: (c, h) => h.incident.completeTask(c),
  }),
  command({
    def: msg.addNote,
    schema: cmd.addNoteSchema,
    may: static_('add notes', ...PARTICIPANTS),
    apply: (c, h) => h.incident.addNote(c),
  }),
  command({
    def: msg.requestApproval,
    schema: cmd.requestApprovalSchema,
    may: static_('request approvals', ...PARTICIPANTS),
    check: (c, h) => {
      h.incident.checkRequest(c.gateId);
      // A campaign sends the approved draft: a new request would un-approve what is going out.
      const sending = h.incident.activeCampaign();
      if (sending && sending.gateId === c.gateId)
        refuseRule(
          `a campaign is sending the approved "${h.incident.gate(c.gateId).title}" (${sending.campaignId}, ${sending.status}): cancel it before asking for a new approval`,
          'busy',
        );
    },
    apply: async ({ actor, gateId }, h) => {
      const g = h.incident.gate(gateId);
      const previous = g.status;
      g.status = 'drafting';
      const requestId = `${gateId}-${wf.uuid4().slice(0, 8)}`;
      try {
        const draft = await h.renderDraft(gateId);
        h.incident.requested(actor, gateId, requestId, draft);
        return { gateId, requestId, draft };
      } catch (err) {
        g.status = previous;
        throw err;
      }
    },
  }),
  command({
    def: msg.approve,
    schema: cmd.approveSchema,
    check: (c, h) => void checkApproval(h.incident.gate(c.gateId), c.actor, c, h.incident.data.factsVersion),
    apply: (c, h) => h.incident.approve(c),
  }),
  command({
    // A draft failing the content check is approved only after counsel records why it goes out anyway.
    def: msg.overrideNoticeCompliance,
    schema: cmd.overrideNoticeComplianceSchema,
    may: static_('override the notice content check', 'legal'),
    check: (c, h) => {
      requireDirectoryRole(c.actor, 'override the notice content check', 'legal');
      const g = h.incident.gate(c.gateId);
      if (g.status !== 'pending' || !g.draft)
        refuseRule(`"${g.title}" has no draft awaiting approval`, 'no_request');
      if (g.draft.contentHash !== c.contentHash)
        refuseRule(
          `the draft you saw (${c.contentHash.slice(0, 12)}) is no longer the one awaiting approval (${g.draft.contentHash.slice(0, 12)})`,
          'stale_draft',
        );
      if (!g.complianceGated || !g.draft.compliance || g.draft.compliance.ok)
        refuseRule(
          `the draft of "${g.title}" passes the content check: nothing to override`,
          'nothing_to_override',
        );
      if (g.complianceOverride?.contentHash === c.contentHash)
        refuseRule(
          `the content check of this draft was already overridden by ${g.complianceOverride.actor.id}`,
          'already_done',
        );
    },
    apply: ({ actor, gateId, contentHash, reason }, h) => {
      const g = h.incident.gate(gateId);
      const findings = g.draft!.compliance!.findings;
      g.complianceOverride = { actor, reason, at: isoAt(workflowNow()), contentHash };
      h.incident.record(
        'approval.compliance_overridden',
        actor,
        `Counsel overrode the content check: ${g.title}`,
        {
          gateId,
          requestId: g.requestId,
          contentHash,
          findings: findings.map((f) => ({
            jurisdiction: f.jurisdiction,
            variant: f.variant,
            kind: f.kind,
            element: f.element ?? null,
            citation: f.citation,
            locales: f.locales,
          })),
          reason,
        },
      );
      return g;
    },
  }),
  command({
    def: msg.reject,
    schema: cmd.rejectSchema,
    check: (c, h) => checkRejection(h.incident.gate(c.gateId), c.actor, c, h.incident.data.factsVersion),
    apply: (c, h) => h.incident.reject(c),
  }),
  command({
    def: msg.placeHold,
    schema: cmd.placeHoldSchema,
    may: static_('place a law-enforcement hold', ...HOLDERS),
    check: (c) => {
      if (c.until && Date.parse(c.until) <= workflowNow())
        refuseRule('until must be in the future', 'invalid_input');
    },
    apply: (c, h) => h.incident.placeHold(c),
  }),
  command({
    def: msg.releaseHold,
    schema: cmd.releaseHoldSchema,
    may: static_('release a hold', ...HOLDERS),
    check: (c, h) => {
      // Ending a law-enforcement hold lets customer notices go out: directory legal or commander only (M2).
      requireDirectoryRole(c.actor, 'release a hold', ...HOLDERS);
      h.incident.holdToRelease(c.holdId);
    },
    apply: (c, h) => h.incident.releaseHold(c),
  }),
  command({
    def: msg.recordNoticeSent,
    schema: cmd.recordNoticeSentSchema,
    may: static_('record a notice as sent', ...SENDERS),
    check: (c, h) => {
      const g = h.incident.gate(c.gateId);
      checkNoticeMaySend(g, h.incident.activeHolds());
      const sending = h.incident.activeCampaign();
      if (sending && sending.gateId === g.id)
        refuseRule(
          `a campaign is sending this notice (${sending.campaignId}, ${sending.status}): it records the notice as sent when it completes`,
          'campaign_active',
        );
    },
    apply: ({ actor, gateId, channel, reference, recipients, receipt }, h) =>
      h.incident.markNoticeSent(gateId, actor, channel, reference, recipients, undefined, receipt),
  }),
  command({
    def: msg.advancePhase,
    schema: cmd.advancePhaseSchema,
    may: static_('advance the phase', 'commander'),
    check: (c, h) => h.incident.checkAdvance(c),
    apply: (c, h) => h.incident.advance(c),
  }),
  command({
    def: msg.overrideObligation,
    schema: cmd.overrideObligationSchema,
    may: static_('override an obligation', 'legal'),
    check: (c, h) => {
      if (!h.incident.data.obligations.some((o) => o.id === c.obligationId))
        refuseRule(`no obligation "${c.obligationId}"`, 'not_found');
    },
    apply: (c, h) => h.incident.overrideObligation(c),
  }),
  command({
    def: msg.closeIncident,
    schema: cmd.closeIncidentSchema,
    may: static_('close the incident', 'commander'),
    check: (c, h) => h.incident.checkClose(c),
    apply: (c, h) => h.incident.close(c),
  }),
  command({
    def: msg.startCampaign,
    schema: startCampaignSchema,
    may: static_('start a notice campaign', ...CAMPAIGN_CONTROLLERS),
    check: (_c, h) => h.campaigns.checkStart(),
    apply: (c, h) => h.campaigns.start(c),
  }),
  command({
    def: msg.pauseCampaign,
    schema: campaignControlSchema,
    may: static_('pause a notice campaign', ...CAMPAIGN_CONTROLLERS),
    check: (_c, h) => h.campaigns.checkControl('pause'),
    apply: (c, h) => h.campaigns.control('pause', c),
  }),
  command({
    def: msg.resumeCampaign,
    schema: campaignControlSchema,
    may: static_('resume a notice campaign', ...CAMPAIGN_CONTROLLERS),
    check: (_c, h) => h.campaigns.checkControl('resume'),
    apply: (c, h) => h.campaigns.control('resume', c),
  }),
  command({
    def: msg.cancelCampaign,
    schema: campaignControlSchema,
    may: static_('cancel a notice campaign', ...CAMPAIGN_CONTROLLERS),
    check: (_c, h) => h.campaigns.checkControl('cancel'),
    apply: (c, h) => h.campaigns.control('cancel', c),
  }),
  command({
    // Only a signed alert source attaches alerts; a repeat of the state already recorded is no news.
    def: msg.attachAlert,
    schema: attachAlertSchema,
    serviceAccounts: true,
    check: (c, h) => {
      if (c.actor.principal?.method !== 'alert-source')
        refuseRule('alerts are attached by a signed alert source only', 'not_authorized');
      const prev = h.incident.repeatedAlert(c);
      if (prev)
        refuseRule(`alert ${c.fingerprint} is already recorded as ${c.status} (#${prev.seq})`, 'duplicate');
    },
    apply: (c, h) => h.incident.attachAlert(c),
  }),
  command({
    def: msg.redeliverWebhooks,
    schema: redeliverWebhooksSchema,
    may: static_('redeliver webhook events', 'commander'),
    check: (c, h) => {
      const parked = h.webhooks?.parkedLanes() ?? [];
      if (c.subscriberId ? !parked.includes(c.subscriberId) : parked.length === 0)
        refuseRule(
          c.subscriberId
            ? `no parked webhook events for subscriber "${c.subscriberId}"`
            : 'no parked webhook events',
          'not_found',
        );
    },
    apply: ({ actor, subscriberId }, h) => {
      const r = h.webhooks!.redeliver(subscriberId);
      h.incident.record(
        'webhook.redelivered',
        actor,
        `Webhook events sent again: ${r.subscribers.join(', ')} (${r.events})`,
        r,
      );
      return r;
    },
  }),
];

/** Registers every command: one validator (open, schema, role, rule) and its apply. */
export function registerCommands(host: CommandHost): void {
  for (const spec of COMMANDS) {
    wf.setHandler(
      spec.def,
      (input) => {
        host.accepted();
        return spec.apply(input, host, { actor: (input as { actor: Actor }).actor });
      },
      {
        validator: (input) => {
          if (host.switching())
            refuse('the incident is moving to a new run; send the command again', 'continuing');
          refusing(() => host.incident.mustBeOpen());
          const c = parseOrRefuse(spec.schema, input);
          refusing(() => {
            // A service account acts only through its alert source: it declares and attaches, never more.
            const actor = (c as { actor?: Actor }).actor;
            if (actor?.principal?.method === 'alert-source' && !spec.serviceAccounts)
              refuseRule(
                `${actor.id} is an alert source's service account: it may declare incidents and attach alerts, nothing else`,
                'not_authorized',
              );
            const may = spec.may?.(c, host);
            if (may)
              requireRole(
                (c as { actor: Actor }).actor,
                host.incident.data.assignments,
                may.action,
                ...may.roles,
              );
            spec.check?.(c, host);
          });
        },
      },
    );
  }
}
