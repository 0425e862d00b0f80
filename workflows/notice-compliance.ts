// The content-rule check in the approval gate: a customer-notice draft that fails it cannot be approved until
// counsel records an override (who, why, for which exact draft), which goes on the timeline. Drafts rendered
// before the check existed, and gates requested by workflow code without it, are not gated (patch below).
import * as wf from '@temporalio/workflow';
import type { Draft, GateState } from '../src/domain/approval';
import * as cmd from '../src/domain/commands';
import type { Actor } from '../src/domain/roles';
import type { TimelineType } from '../src/domain/timeline';
import { parseOrRefuse, refuse, requireRole } from './incident-rules';
import * as msg from './messages';
import type { IncidentView } from './messages';

/** Gates requested from this code on hold a failing draft until counsel overrides the check. */
export const NOTICE_COMPLIANCE_PATCH = 'notice-compliance-v1';

/** Called when a draft lands on a gate: whether its content-rule result holds the approval. */
export function complianceGate(draft: Draft): Pick<GateState, 'complianceGated' | 'complianceOverride'> {
  const gated = draft.compliance !== undefined && wf.patched(NOTICE_COMPLIANCE_PATCH);
  return { complianceGated: gated, complianceOverride: undefined };
}

export interface ComplianceHost {
  gate(gateId: string): GateState;
  assignments: IncidentView['assignments'];
  mustBeOpen(): void;
  now(): string;
  record(type: TimelineType, actor: Actor, summary: string, details?: Record<string, unknown>): unknown;
}

export function installComplianceOverride(h: ComplianceHost): void {
  wf.setHandler(
    msg.overrideNoticeCompliance,
    ({ actor, gateId, contentHash, reason }) => {
      const g = h.gate(gateId);
      const c = g.draft!.compliance!;
      g.complianceOverride = { actor, reason, at: h.now(), contentHash };
      h.record('approval.compliance_overridden', actor, `Counsel overrode the content check: ${g.title}`, {
        gateId,
        requestId: g.requestId,
        contentHash,
        findings: c.findings.map((f) => ({
          jurisdiction: f.jurisdiction,
          variant: f.variant,
          kind: f.kind,
          element: f.element ?? null,
          citation: f.citation,
          locales: f.locales,
        })),
        reason,
      });
      return g;
    },
    {
      validator: (input) => {
        h.mustBeOpen();
        const c = parseOrRefuse(cmd.overrideNoticeComplianceSchema, input);
        requireRole(c.actor, h.assignments, 'override the notice content check', 'legal');
        const g = h.gate(c.gateId);
        if (g.status !== 'pending' || !g.draft)
          refuse(`"${g.title}" has no draft awaiting approval`, 'no_request');
        if (g.draft.contentHash !== c.contentHash)
          refuse(
            `the draft you saw (${c.contentHash.slice(0, 12)}) is no longer the one awaiting approval (${g.draft.contentHash.slice(0, 12)})`,
            'stale_draft',
          );
        if (!g.complianceGated || !g.draft.compliance || g.draft.compliance.ok)
          refuse(
            `the draft of "${g.title}" passes the content check: nothing to override`,
            'nothing_to_override',
          );
        if (g.complianceOverride?.contentHash === c.contentHash)
          refuse(
            `the content check of this draft was already overridden by ${g.complianceOverride.actor.id}`,
            'already_done',
          );
      },
    },
  );
}
