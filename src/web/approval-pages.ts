// Counsel's approval page: the draft of a gated notice rendered in full (from the same renderer and data as the
// drafting activity, so its hash proves it is the draft awaiting approval), with Approve and Reject. Decisions
// go to the workflow through the shared client, as from the CLI and Slack: its validators decide (role, four
// eyes, stale draft) and a refusal comes back as a page with their reason; nothing is decided here.
import express, { type Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { z } from 'zod';
import { type GateState, openSeats } from '../domain/approval';
import { describeIssues } from '../domain/commands';
import type { Actor } from '../domain/roles';
import { refusalOutcome } from '../domain/failures';
import { renderDraft } from '../notices/draft';
import type { NoticeProfile } from '../domain/notice-profile';
import { RefusedError, incidentHandle, sendCommand } from '../temporal/incidents';
import * as msg from '../../workflows/messages';
import { viewerOf } from './auth';
import type { AuthenticatedActor } from '../domain/principal';
import { incidentLinks } from './incident-model';
import { HttpError, type PageKit } from './page-kit';
import type { Views } from './views';

export interface ApprovalPagesOptions {
  client: Client;
  views: Views;
  kit: PageKit;
  templatesDir: string;
  notice?: NoticeProfile;
  logger: Logger;
}

const contentHash = z.string().regex(/^[0-9a-f]{64}$/, 'the draft content hash');
const approveFormSchema = z.object({
  contentHash,
  requestId: z.string().max(100).optional(),
  comment: z.string().trim().max(2000).optional(),
});
const overrideFormSchema = z.object({
  contentHash,
  reason: z
    .string({ error: 'say why the notice may go out as it is: the reason goes on the timeline' })
    .trim()
    .min(1, 'say why the notice may go out as it is: the reason goes on the timeline')
    .max(2000),
});
const rejectFormSchema = z.object({
  contentHash,
  requestId: z.string().max(100).optional(),
  reason: z
    .string({ error: 'say why you reject the draft: the reason goes on the timeline' })
    .trim()
    .min(1, 'say why you reject the draft: the reason goes on the timeline')
    .max(2000),
});

export interface DraftPreview {
  matches: boolean;
  problem?: string;
  text?: string;
  html?: string;
  subject?: string;
}

/** The draft rendered again, now; it is what counsel approves only if its hash is the draft's. */
export function previewDraft(
  templatesDir: string,
  v: msg.IncidentView,
  gate: GateState,
  profile?: NoticeProfile,
): DraftPreview | undefined {
  const draft = gate.draft;
  if (!draft) return undefined;
  if (draft.factsVersion !== v.factsVersion)
    return {
      matches: false,
      problem: `The facts changed since this draft was rendered (facts v${draft.factsVersion}, now v${v.factsVersion}): it cannot be approved; request a new draft.`,
    };
  try {
    const r = renderDraft(
      templatesDir,
      {
        incidentId: v.incidentId,
        gateId: gate.id,
        template: gate.template,
        facts: v.facts,
        factsVersion: v.factsVersion,
        factsHash: v.factsHash,
        locale: draft.templateId.split('/').pop(),
        obligation: v.obligations.find((o) => o.gateId === gate.id && o.recipient !== 'individuals'),
        noticeDate: draft.renderedAt,
      },
      new Date(draft.renderedAt),
      profile,
    );
    if (r.draft.contentHash !== draft.contentHash)
      return {
        matches: false,
        problem: `The notice rendered now (${r.draft.contentHash.slice(0, 12)}) is not the draft awaiting approval (${draft.contentHash.slice(0, 12)}): the templates changed since. Read the excerpt below, and request a new draft to approve the notice as it is now.`,
      };
    return { matches: true, text: r.text, html: r.html, subject: r.subject };
  } catch (err) {
    return { matches: false, problem: `The draft cannot be rendered again: ${(err as Error).message}` };
  }
}

const person = (a?: Actor) => (a ? (a.name ? `${a.name} (${a.id})` : a.id) : '—');

/** The content-rule result of the draft, as counsel reads it: per jurisdiction, what is missing or forbidden. */
function complianceModel(gate: GateState) {
  const c = gate.draft?.compliance;
  if (!c) return undefined;
  const override =
    gate.complianceOverride?.contentHash === gate.draft?.contentHash ? gate.complianceOverride : undefined;
  return {
    ok: c.ok,
    checked: c.checked,
    variants: c.variants.join(', '),
    locales: c.locales.join(', '),
    findings: c.findings.map((f) => ({
      jurisdiction: f.jurisdiction,
      variant: f.variant,
      kind: f.kind,
      message: f.message,
      citation: f.citation,
      locales: f.locales.join(', '),
    })),
    override: override && { who: person(override.actor), reason: override.reason, at: override.at },
    needsOverride: !c.ok && !override && gate.complianceGated === true && gate.status === 'pending',
  };
}

function approvalModel(
  v: msg.IncidentView,
  gate: GateState,
  preview: DraftPreview | undefined,
  done?: string,
) {
  const links = incidentLinks(v.incidentId);
  const base = links.approval(gate.id);
  const needed = [...openSeats(gate)].map(([role, n]) => `${n} × ${role}`).join(', ');
  const compliance = complianceModel(gate);
  return {
    incident: { id: v.incidentId, title: v.facts.title, status: v.status },
    gate: { id: gate.id, title: gate.title, kind: gate.kind, status: gate.status },
    draft: gate.draft,
    requestId: gate.requestId ?? '',
    requestedBy: person(gate.requestedBy),
    requestedAt: gate.requestedAt,
    quorum: gate.quorum.map((q) => `${q.count} × ${q.role}`).join(', '),
    needed: needed || 'nobody: the quorum is complete',
    preview,
    votes: gate.votes.map((x) => ({
      who: person(x.actor),
      source: x.actor.source,
      role: x.role,
      at: x.at,
      comment: x.comment,
    })),
    rejection: gate.rejection && {
      who: person(gate.rejection.actor),
      reason: gate.rejection.reason,
      at: gate.rejection.at,
    },
    sent: gate.noticeSent,
    // Approve only what the page shows in full; a draft the page cannot show again may still be rejected.
    canApprove:
      gate.status === 'pending' &&
      preview?.matches === true &&
      v.status === 'open' &&
      !compliance?.needsOverride,
    canReject: gate.status === 'pending' && v.status === 'open',
    compliance,
    flash:
      done === 'approved'
        ? 'Your approval was recorded.'
        : done === 'rejected'
          ? 'Your rejection was recorded.'
          : done === 'overridden'
            ? 'Your override of the content check was recorded.'
            : undefined,
    links: { ...links, approve: `${base}/approve`, reject: `${base}/reject`, override: `${base}/override` },
  };
}

export function createApprovalRouter(o: ApprovalPagesOptions): Router {
  const router = express.Router();
  const { kit } = o;
  const path = '/incidents/:id/approvals/:gateId';
  const gateOf = (v: msg.IncidentView, gateId: string) =>
    v.gates.find((g) => g.id === gateId) ??
    (() => {
      throw new HttpError(404, `Incident ${v.incidentId} has no approval gate "${gateId}".`, 'Not found');
    })();

  router.get(
    path,
    kit.route(async (req, res) => {
      const v = await kit.loadIncident(req.params.id as string, viewerOf(res).actor);
      const gate = gateOf(v, req.params.gateId as string);
      const done = typeof req.query.done === 'string' ? req.query.done : undefined;
      o.views.send(
        res,
        200,
        'approval',
        approvalModel(v, gate, previewDraft(o.templatesDir, v, gate, o.notice), done),
        kit.frame(res, `${gate.title} — ${v.incidentId}`),
      );
    }),
  );

  /** A decision: checked for shape here, decided by the workflow; its refusal is shown as it gave it. */
  const decide = <S extends z.ZodType>(
    kind: 'approved' | 'rejected' | 'overridden',
    schema: S,
    send: (
      h: ReturnType<typeof incidentHandle>,
      who: AuthenticatedActor,
      gateId: string,
      form: z.infer<S>,
    ) => Promise<unknown>,
  ) =>
    kit.route(async (req, res) => {
      const id = kit.incidentId(req.params.id as string);
      const gateId = req.params.gateId as string;
      const back = incidentLinks(id).approval(gateId);
      const heading =
        kind === 'approved'
          ? 'Approval refused'
          : kind === 'rejected'
            ? 'Rejection refused'
            : 'Override refused';
      const form = schema.safeParse(req.body);
      if (!form.success)
        throw new HttpError(400, `Nothing was recorded: ${describeIssues(form.error)}.`, heading, back);
      const { actor, principal } = viewerOf(res);
      try {
        await kit.withIncident(id, actor, (h) => send(h, { actor, principal }, gateId, form.data));
      } catch (err) {
        if (!(err instanceof RefusedError)) throw err;
        o.logger.info({ user: actor.id, incidentId: id, gateId, code: err.code }, `web: ${kind} refused`);
        throw new HttpError(
          refusalOutcome(err.code).status,
          `Nothing was recorded: ${err.message}.`,
          heading,
          back,
        );
      }
      o.logger.info({ user: actor.id, incidentId: id, gateId }, `web: draft ${kind}`);
      res.redirect(303, `${back}?done=${kind}`);
    });

  // The viewer is known by now (the edge requires one for every page); the form must be ours and theirs.
  const guard = [express.urlencoded({ extended: false, limit: '32kb' }), kit.guardStateChange];
  router.post(
    `${path}/approve`,
    ...guard,
    decide('approved', approveFormSchema, (h, who, gateId, f) =>
      sendCommand(
        h,
        msg.approve,
        {
          gateId,
          contentHash: f.contentHash,
          requestId: f.requestId || undefined,
          comment: f.comment || undefined,
        },
        { as: who },
      ),
    ),
  );
  router.post(
    `${path}/reject`,
    ...guard,
    decide('rejected', rejectFormSchema, (h, who, gateId, f) =>
      sendCommand(
        h,
        msg.reject,
        { gateId, contentHash: f.contentHash, requestId: f.requestId || undefined, reason: f.reason },
        { as: who },
      ),
    ),
  );
  router.post(
    `${path}/override`,
    ...guard,
    decide('overridden', overrideFormSchema, (h, who, gateId, f) =>
      sendCommand(
        h,
        msg.overrideNoticeCompliance,
        { gateId, contentHash: f.contentHash, reason: f.reason },
        { as: who },
      ),
    ),
  );
  return router;
}
