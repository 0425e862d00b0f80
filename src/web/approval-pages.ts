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
import { clockOf, decisionRights, isLegal } from './console-model';
import { incidentAsOf } from '../domain/as-of';
import { incidentFactsSchema } from '../domain/incident';
import type { RoleDirectory } from '../domain/roles';
import type { TimelineEntry } from '../domain/timeline';
import { HttpError, type PageKit } from './page-kit';
import type { Views } from './views';

export interface ApprovalPagesOptions {
  client: Client;
  views: Views;
  kit: PageKit;
  templatesDir: string;
  notice?: NoticeProfile;
  logger: Logger;
  directory?: () => RoleDirectory;
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
  /** Rendered from the facts as they stood when the draft was made (the facts changed since). */
  asRendered?: boolean;
  text?: string;
  html?: string;
  subject?: string;
}

interface RenderInput {
  facts: msg.IncidentView['facts'];
  factsVersion: number;
  factsHash: string;
  renderedAt: string;
  locale?: string;
}

function render(
  templatesDir: string,
  v: msg.IncidentView,
  gate: GateState,
  r: RenderInput,
  profile?: NoticeProfile,
) {
  return renderDraft(
    templatesDir,
    {
      incidentId: v.incidentId,
      gateId: gate.id,
      template: gate.template,
      facts: r.facts,
      factsVersion: r.factsVersion,
      factsHash: r.factsHash,
      locale: r.locale,
      obligation: v.obligations.find((o) => o.gateId === gate.id && o.recipient !== 'individuals'),
      noticeDate: r.renderedAt,
    },
    new Date(r.renderedAt),
    profile,
  );
}

/** The facts as they stood at a moment, folded from the (hash-chained) timeline. */
function factsAt(timeline: readonly TimelineEntry[] | undefined, at: string) {
  if (!timeline) return undefined;
  const parsed = incidentFactsSchema.safeParse(incidentAsOf(timeline, at).facts);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The draft rendered again, now; it is what counsel approves only if its hash is the draft's. When the facts
 * changed since, the draft is rendered from the facts as they stood then (from the timeline): a notice that was
 * approved or sent can always be read in full, and a pending one is shown but cannot be approved.
 */
export function previewDraft(
  templatesDir: string,
  v: msg.IncidentView,
  gate: GateState,
  profile?: NoticeProfile,
  timeline?: readonly TimelineEntry[],
): DraftPreview | undefined {
  const draft = gate.draft;
  if (!draft) return undefined;
  const stale = draft.factsVersion !== v.factsVersion;
  const decided = gate.status === 'approved' || gate.status === 'rejected' || gate.noticeSent !== undefined;
  const facts = stale ? factsAt(timeline, draft.renderedAt) : v.facts;
  const staleProblem = `The facts changed since this draft was rendered (facts v${draft.factsVersion}, now v${v.factsVersion}): it cannot be approved; request a new draft.`;
  if (!facts) return { matches: false, problem: staleProblem };
  try {
    const r = render(
      templatesDir,
      v,
      gate,
      {
        facts,
        factsVersion: draft.factsVersion,
        factsHash: stale ? draft.factsHash : v.factsHash,
        renderedAt: draft.renderedAt,
        locale: draft.templateId.split('/').pop(),
      },
      profile,
    );
    if (r.draft.contentHash !== draft.contentHash)
      return {
        matches: false,
        problem: `The notice rendered now (${r.draft.contentHash.slice(0, 12)}) is not the draft ${decided ? 'that was decided' : 'awaiting approval'} (${draft.contentHash.slice(0, 12)}): the templates changed since. Read the excerpt below${decided ? '' : ', and request a new draft to approve the notice as it is now'}.`,
      };
    const shown = { text: r.text, html: r.html, subject: r.subject };
    if (!stale) return { matches: true, ...shown };
    // Decided drafts stay readable in full; a pending one is shown, but the facts moved on.
    return decided
      ? { matches: true, asRendered: true, ...shown }
      : { matches: false, asRendered: true, problem: staleProblem, ...shown };
  } catch (err) {
    return { matches: false, problem: `The draft cannot be rendered again: ${(err as Error).message}` };
  }
}

/** The draft this gate had before the current one (from the timeline), rendered again, and a line diff. */
export function previousDraftDiff(
  templatesDir: string,
  v: msg.IncidentView,
  gate: GateState,
  current: DraftPreview | undefined,
  timeline: readonly TimelineEntry[] | undefined,
  profile?: NoticeProfile,
) {
  if (!timeline || !gate.draft || !current?.text) return undefined;
  const requests = timeline.filter(
    (e) =>
      e.type === 'approval.requested' &&
      e.details.gateId === gate.id &&
      e.details.contentHash !== gate.draft!.contentHash,
  );
  const prev = requests[requests.length - 1];
  if (!prev) return undefined;
  const facts = factsAt(timeline, prev.at);
  if (!facts) return undefined;
  try {
    const r = render(
      templatesDir,
      v,
      gate,
      {
        facts,
        factsVersion: Number(prev.details.factsVersion ?? 0),
        factsHash: String(prev.details.factsHash ?? ''),
        renderedAt: prev.at,
        locale: gate.draft.templateId.split('/').pop(),
      },
      profile,
    );
    const rejected = timeline.find(
      (e) => e.type === 'approval.rejected' && e.details.gateId === gate.id && e.seq > prev.seq,
    );
    return {
      previousHash: String(prev.details.contentHash ?? ''),
      same: r.draft.contentHash === prev.details.contentHash,
      requestedAt: prev.at,
      rejectedBecause: rejected ? String(rejected.details.reason ?? '') : undefined,
      lines: lineDiff(r.text, current.text),
    };
  } catch {
    return undefined;
  }
}

/** A line diff (longest common subsequence): each line kept, added or removed. */
export function lineDiff(before: string, after: string): { kind: 'same' | 'add' | 'del'; text: string }[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: { kind: 'same' | 'add' | 'del'; text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ kind: 'del', text: a[i++]! });
    else out.push({ kind: 'add', text: b[j++]! });
  }
  while (i < n) out.push({ kind: 'del', text: a[i++]! });
  while (j < m) out.push({ kind: 'add', text: b[j++]! });
  return out;
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
  viewer: Actor,
  done?: string,
  diff?: ReturnType<typeof previousDraftDiff>,
) {
  const links = incidentLinks(v.incidentId);
  const base = links.approval(gate.id);
  const needed = [...openSeats(gate)].map(([role, n]) => `${n} × ${role}`).join(', ');
  const compliance = complianceModel(gate);
  const rights = decisionRights(gate, v, viewer);
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
    // Offered only to who can use them (the workflow's own rules: role, four eyes, one vote each); approve only
    // what the page shows in full; a draft the page cannot show again may still be rejected.
    canApprove:
      rights.approve &&
      gate.status === 'pending' &&
      preview?.matches === true &&
      v.status === 'open' &&
      !compliance?.needsOverride,
    canReject: rights.reject && gate.status === 'pending' && v.status === 'open',
    canOverride: compliance?.needsOverride === true && viewer.roles.includes('legal') && rights.reject,
    cannotDecide: gate.status === 'pending' && !rights.approve && !rights.reject ? rights.why : undefined,
    cannotApprove: gate.status === 'pending' && !rights.approve && rights.reject ? rights.why : undefined,
    diff,
    deadlines: v.deadlines
      .filter((d) => 'gate' in d.metBy && d.metBy.gate === gate.id)
      .map((d) => ({
        title: d.title,
        legal: isLegal(d),
        dueAt: d.dueAt,
        ...clockOf(d, Date.now(), v.closedAt),
      })),
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
      const { actor } = viewerOf(res);
      const v = await kit.loadIncident(req.params.id as string, actor);
      const gate = gateOf(v, req.params.gateId as string);
      const done = typeof req.query.done === 'string' ? req.query.done : undefined;
      const timeline = gate.draft
        ? await kit.withIncident(v.incidentId, actor, (h) => h.query(msg.getTimeline)).catch(() => undefined)
        : undefined;
      const preview = previewDraft(o.templatesDir, v, gate, o.notice, timeline);
      const diff = previousDraftDiff(o.templatesDir, v, gate, preview, timeline, o.notice);
      o.views.send(
        res,
        200,
        'approval',
        approvalModel(v, gate, preview, actor, done, diff),
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
