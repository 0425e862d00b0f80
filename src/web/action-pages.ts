// Acting from the browser: every form posts here and runs the same /api/v1 operation (src/api/operations.ts)
// as the CLI and curl, server-side — same zod schemas, same authorization (the workflow decides), same refusals,
// shown as a page naming the field or the rule. Pages need no script: a form, then a redirect back (303).
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import express, { type Router } from 'express';
import type { Logger } from 'pino';
import { type ApiDeps, OPERATIONS, type Operation, parsePart } from '../api/operations';
import { ApiProblem } from '../api/problem';
import { refusalOutcome } from '../domain/failures';
import { IncidentNotVisibleError } from '../temporal/incident-reads';
import { RefusedError } from '../temporal/incidents';
import { viewerOf } from './auth';
import { incidentLinks } from './incident-model';
import { HttpError, type PageKit } from './page-kit';
import type { Views } from './views';

export interface ActionPagesOptions {
  views: Views;
  kit: PageKit;
  api: ApiDeps;
  logger: Logger;
}

type Form = Record<string, string | undefined>;
const str = (v?: string) => (v === undefined || v.trim() === '' ? undefined : v.trim());
const list = (v?: string) =>
  (v ?? '')
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
const bool = (v?: string) => v === 'on' || v === 'true' || v === '1';
const int = (v?: string) => (str(v) === undefined ? undefined : Number(v));
/** "US-CA:40, DE:5" → affected groups (a region like US-CA is in country US). */
function affected(v?: string) {
  return list(v).map((part) => {
    const [where = '', n = ''] = part.split(':').map((s) => s.trim());
    const count = /^\d+$/.test(n) ? Number(n) : Number.NaN;
    return where.includes('-')
      ? { country: where.split('-')[0]!, region: where, count }
      : { country: where, count };
  });
}
const localTime = (v?: string) => {
  const s = str(v);
  if (!s) return undefined;
  // <input type="datetime-local"> sends no zone: the console speaks UTC everywhere.
  return /T\d\d:\d\d$/.test(s) ? `${s}:00Z` : /T\d\d:\d\d:\d\d$/.test(s) ? `${s}Z` : s;
};

/** What the customer notice states (the content check asks for them): set only when the form says. */
function noticeFacts(f: Form) {
  const out: Record<string, unknown> = {};
  if (str(f.breachStartedAt)) out.breachStartedAt = localTime(f.breachStartedAt);
  if (str(f.breachEndedAt)) out.breachEndedAt = localTime(f.breachEndedAt);
  if (f.contained === 'yes' || f.contained === 'no') out.contained = f.contained === 'yes';
  if (f.lawEnforcementDelay === 'yes' || f.lawEnforcementDelay === 'no')
    out.lawEnforcementDelay = f.lawEnforcementDelay === 'yes';
  return out;
}

/** Which operations the console offers, and how a form's fields become the operation's body and path. */
const ACTIONS: Record<string, { path?: (f: Form) => Record<string, string>; body: (f: Form) => unknown }> = {
  updateFacts: {
    body: (f) => {
      const patch: Record<string, unknown> = {};
      if (str(f.title)) patch.title = str(f.title);
      if (str(f.summary)) patch.summary = str(f.summary);
      if (str(f.severity)) patch.severity = str(f.severity);
      if (str(f.affected)) {
        patch.affected = affected(f.affected);
        patch.estimatedAffected = (patch.affected as { count: number }[]).reduce((n, g) => n + g.count, 0);
      }
      if (str(f.dataCategories)) patch.dataCategories = list(f.dataCategories);
      if (str(f.affectedSystems)) patch.affectedSystems = list(f.affectedSystems);
      if (str(f.awareAt)) patch.awareAt = localTime(f.awareAt);
      Object.assign(patch, noticeFacts(f));
      return { patch, reason: f.reason ?? '' };
    },
  },
  assignRole: { body: (f) => ({ personId: f.personId ?? '', role: f.role ?? '' }) },
  completeTask: {
    path: (f) => ({ taskId: f.taskId ?? '' }),
    body: (f) => ({ note: f.note ?? '' }),
  },
  addNote: { body: (f) => ({ text: f.text ?? '' }) },
  placeHold: {
    body: (f) => ({
      agency: f.agency ?? '',
      reference: f.reference ?? '',
      until: localTime(f.until),
      reason: str(f.reason),
    }),
  },
  releaseHold: { body: (f) => ({ holdId: str(f.holdId), reason: f.reason ?? '' }) },
  requestApproval: { path: (f) => ({ gateId: f.gateId ?? '' }), body: () => ({}) },
  recordNoticeSent: {
    path: (f) => ({ gateId: f.gateId ?? '' }),
    body: (f) => ({
      channel: f.channel ?? '',
      // The receipt (what the authority's portal answered) goes with the reference: both are on the record.
      reference:
        [str(f.reference), str(f.receipt) && `receipt: ${str(f.receipt)}`].filter(Boolean).join('; ') ||
        undefined,
      recipients: int(f.recipients),
    }),
  },
  advancePhase: {
    body: (f) => ({ to: str(f.to), force: bool(f.force), reason: str(f.reason) }),
  },
  closeIncident: { body: (f) => ({ reason: f.reason ?? '', force: bool(f.force) }) },
  startCampaign: { body: (f) => ({ recipientsHash: f.recipientsHash ?? '' }) },
  pauseCampaign: { body: (f) => ({ reason: str(f.reason) }) },
  resumeCampaign: { body: (f) => ({ reason: str(f.reason) }) },
  cancelCampaign: { body: (f) => ({ reason: str(f.reason) }) },
  importRecipients: { body: () => undefined },
};

export const DONE_WORDS: Record<string, string> = {
  declareIncident: 'The incident was declared: its plan, tasks and clocks are running.',
  updateFacts: 'The facts were changed.',
  assignRole: 'The role was assigned.',
  completeTask: 'The task was completed.',
  addNote: 'The note was added to the timeline.',
  placeHold: 'The hold was placed: customer notices wait.',
  releaseHold: 'The hold was released.',
  requestApproval: 'The draft was rendered and approval requested.',
  recordNoticeSent: 'The notice was recorded as sent.',
  advancePhase: 'The phase was advanced.',
  closeIncident: 'The incident was closed.',
  startCampaign: 'The campaign was started.',
  pauseCampaign: 'The campaign was paused.',
  resumeCampaign: 'The campaign was resumed.',
  cancelCampaign: 'The campaign was cancelled.',
  importRecipients: 'The recipient list was imported.',
};

const describeProblem = (p: ApiProblem) => {
  const errors = p.extra.errors ?? [];
  return errors.length
    ? `${p.message}${/[.:]$/.test(p.message) ? '' : ':'} ${errors.map((e) => `${e.field.replace(/^body\./, '')} — ${e.rule}`).join('; ')}`
    : p.message;
};

/** A fresh key for the forms of one page: a form sent twice (back button, double click) is applied once. */
export const formKey = () => randomUUID();

export function createActionRouter(o: ActionPagesOptions): Router {
  const router = express.Router();
  const { kit } = o;
  const ops = new Map<string, Operation>(OPERATIONS.map((op) => [op.operationId, op]));

  const run = async (
    res: express.Response,
    req: express.Request,
    op: Operation,
    params: Record<string, string>,
    body: unknown,
    extra: { stream?: Readable; contentType?: string; key?: string } = {},
  ) => {
    const { actor, principal } = viewerOf(res);
    const who = { actor: { ...actor, source: 'web' as const }, principal };
    const parsedParams = op.params ? parsePart('path', op.params, params) : {};
    const parsedBody = op.body ? parsePart('body', op.body, body) : undefined;
    const scope = JSON.stringify(parsedParams);
    return op.run(o.api, {
      who,
      params: parsedParams as Record<string, string>,
      query: {},
      body: parsedBody,
      stream: extra.stream ?? req,
      contentType: extra.contentType,
      idempotencyKey: extra.key && `${scope}:${extra.key}`,
      updateId: extra.key && `web:${actor.id}:${op.operationId}:${scope}:${extra.key}`,
    });
  };

  /** Runs the operation; its refusal (shape, authorization, the workflow's rules) comes back as a page. */
  const act = async (
    req: express.Request,
    res: express.Response,
    opId: string,
    heading: string,
    back: string,
    params: Record<string, string>,
    body: unknown,
    extra?: Parameters<typeof run>[5],
  ) => {
    const op = ops.get(opId);
    if (!op) throw new HttpError(404, `The console has no action "${opId}".`, 'Not found', back);
    try {
      return await run(res, req, op, params, body, extra);
    } catch (err) {
      const { actor } = viewerOf(res);
      if (err instanceof ApiProblem) {
        o.logger.info({ user: actor.id, op: opId, code: err.code }, 'web: action refused');
        throw new HttpError(err.status, `Nothing was changed: ${describeProblem(err)}.`, heading, back);
      }
      if (err instanceof RefusedError) {
        o.logger.info({ user: actor.id, op: opId, code: err.code }, 'web: action refused');
        throw new HttpError(
          refusalOutcome(err.code).status,
          `Nothing was changed: ${err.message}.`,
          heading,
          back,
        );
      }
      if (err instanceof IncidentNotVisibleError)
        throw new HttpError(404, 'No such incident here (or it is not yours to see).', 'Not found');
      throw err;
    }
  };

  const guard = [express.urlencoded({ extended: false, limit: '2mb' }), kit.guardStateChange];

  router.post(
    '/incidents/:id/do/:op',
    ...guard,
    kit.route(async (req, res) => {
      const id = kit.incidentId(req.params.id as string);
      const opId = req.params.op as string;
      const links = incidentLinks(id);
      const mapping = ACTIONS[opId];
      if (!mapping)
        throw new HttpError(404, `The console has no action "${opId}".`, 'Not found', links.incident);
      const form = req.body as Form;
      const back = str(form._back)?.startsWith(`/incidents/${id}`) ? str(form._back)! : links.incident;
      const heading = 'Not done';
      if (opId === 'importRecipients') {
        const csv = form.csv ?? '';
        if (!csv.trim())
          throw new HttpError(
            400,
            'Nothing was changed: csv — paste the list (CSV with a header row).',
            heading,
            back,
          );
        const reply = await act(req, res, opId, heading, back, { incidentId: id }, undefined, {
          stream: Readable.from([csv]),
          contentType: 'text/csv',
          key: str(form._key),
        });
        const r = ('json' in reply ? reply.json : {}) as {
          listHash?: string;
          total?: number;
          rejected?: number;
        };
        const q = new URLSearchParams({ done: opId, list: r.listHash ?? '', total: String(r.total ?? '') });
        return res.redirect(303, `${links.incident}?${q.toString()}#campaign`);
      }
      const params = { incidentId: id, ...(mapping.path?.(form) ?? {}) };
      await act(req, res, opId, heading, back, params, mapping.body(form), { key: str(form._key) });
      o.logger.info({ user: viewerOf(res).actor.id, incidentId: id, op: opId }, 'web: action');
      const anchor = str(form._anchor)?.replace(/[^a-z-]/g, '');
      res.redirect(303, `${back}${back.includes('?') ? '&' : '?'}done=${opId}${anchor ? `#${anchor}` : ''}`);
    }),
  );

  router.get(
    '/declare',
    kit.route(async (_req, res) => {
      o.views.send(
        res,
        200,
        'declare',
        { key: formKey(), now: new Date().toISOString().slice(0, 16) },
        kit.frame(res, 'Declare an incident'),
      );
    }),
  );
  router.post(
    '/declare',
    ...guard,
    kit.route(async (req, res) => {
      const f = req.body as Form;
      const groups = affected(f.affected);
      const body = {
        title: f.title ?? '',
        summary: str(f.summary),
        severity: f.severity ?? '',
        dataCategories: list(f.dataCategories),
        affectedSystems: list(f.affectedSystems),
        affected: groups,
        awareAt: localTime(f.awareAt),
        restricted: bool(f.restricted) || undefined,
        ...noticeFacts(f),
      };
      const reply = await act(req, res, 'declareIncident', 'Not declared', '/declare', {}, body, {
        key: str(f._key),
      });
      const r = ('json' in reply ? reply.json : {}) as { incidentId: string };
      res.redirect(303, `/incidents/${r.incidentId}?done=declareIncident`);
    }),
  );
  return router;
}
