// Pages people read: the incident list (Temporal visibility, by search attribute), an incident (status, phases,
// deadline clocks, approval gates), and its timeline — the same signed export and HTML report as
// `breachplan timeline`, with the JSON, CSV and public key an auditor needs for `breachplan verify`.
import { type TimelineSource, readTimeline } from '../temporal/timeline';
import express, { type Router } from 'express';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { renderCsv } from '../audit/csv';
import { buildExport, serializeExport } from '../audit/export';
import { renderHtmlReport } from '../audit/report';
import type { Signer } from '../audit/signing';
import { incidentStatusSchema, severitySchema } from '../domain/incident';
import type { Actor } from '../domain/roles';
import { LIST_LIMIT, listIncidents } from '../temporal/incident-reads';
import * as msg from '../../workflows/messages';
import { incidentLinks, incidentPageModel } from './incident-model';
import { DONE_WORDS, formKey } from './action-pages';
import { SORTS, abilities, dashboardRows } from './dashboard';
import { progressOf } from '../temporal/campaigns';
import type { RoleDirectory } from '../domain/roles';
import { viewerOf } from './auth';
import { HttpError, type PageKit } from './page-kit';
import type { Views } from './views';

export { LIST_LIMIT };

export interface IncidentPagesOptions {
  client: Client;
  views: Views;
  kit: PageKit;
  signer: () => Signer;
  /** The sealed segments of long timelines (read with the live tail as one chain). */
  segments?: TimelineSource;
  /** The role directory: the pages name the people who hold a role. */
  directory?: () => RoleDirectory;
  /** Only this deployment's incidents (another may share the namespace, and its workers answer its queries). */
  taskQueue?: string;
}

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === undefined ? undefined : v), schema.optional());
const listFilterSchema = z.object({
  status: optional(incidentStatusSchema),
  severity: optional(severitySchema),
  q: optional(z.string().max(200)),
  mine: optional(z.enum(['1'])),
  sort: optional(z.enum(['deadline', 'severity', 'declared', 'title'])),
});
const reportFilterSchema = z.object({
  type: optional(z.string().regex(/^[a-z_.]{1,40}$/, 'an entry type like approval or note.added')),
  person: optional(z.string().regex(/^[A-Za-z0-9_.@-]{1,100}$/, 'a person id')),
});
const asOfSchema = z.object({
  'as-of': optional(z.iso.datetime({ offset: true, message: 'an ISO-8601 time like 2026-11-24T09:30:00Z' })),
});

function options(values: readonly string[], selected: string | undefined, any: string) {
  return [
    { value: '', label: any, selected: selected === undefined },
    ...values.map((v) => ({ value: v, label: v, selected: v === selected })),
  ];
}

export function createIncidentPagesRouter(o: IncidentPagesOptions): Router {
  const router = express.Router();
  const { kit } = o;

  router.get(
    '/incidents',
    kit.route(async (req, res) => {
      const filter = listFilterSchema.safeParse(req.query);
      if (!filter.success)
        throw new HttpError(
          400,
          'Filter by status (open, closed), severity (sev1 … sev4), mine=1, and sort by deadline, severity, declared or title.',
        );
      const { status, severity, q, mine, sort = 'deadline' } = filter.data;
      const { actor } = viewerOf(res);
      const now = Date.now();
      const found = await listIncidents(o.client, actor, { status, severity, taskQueue: o.taskQueue });
      const rows = await dashboardRows(o.client, actor, found, now, o.directory?.());
      const shown = rows
        .filter((r) => !q || `${r.incidentId} ${r.title}`.toLowerCase().includes(q.toLowerCase()))
        .filter((r) => !mine || r.mine.length > 0)
        .sort(SORTS[sort]);
      const queue = [...rows]
        .sort(SORTS.deadline)
        .flatMap((r) =>
          r.mine.map((m) => ({ ...m, incidentId: r.incidentId, title: r.title, href: m.href || r.href })),
        );
      const query = (over: Record<string, string | undefined>) => {
        const p = new URLSearchParams();
        for (const [k, v] of Object.entries({ status, severity, q, mine, sort, ...over })) if (v) p.set(k, v);
        return `/incidents?${p.toString()}`;
      };
      o.views.send(
        res,
        200,
        'incidents',
        {
          rows: shown,
          queue,
          limit: LIST_LIMIT,
          q: q ?? '',
          mine: mine === '1',
          computedAt: new Date(now).toISOString(),
          statuses: options(incidentStatusSchema.options, status, 'any status'),
          severities: options(severitySchema.options, severity, 'any severity'),
          sorts: (['deadline', 'severity', 'declared', 'title'] as const).map((k) => ({
            key: k,
            href: query({ sort: k }),
            current: k === sort,
            label: {
              deadline: 'next legal deadline',
              severity: 'severity',
              declared: 'newest',
              title: 'title',
            }[k],
          })),
          mineHref: query({ mine: mine ? undefined : '1' }),
          canDeclare: actor.roles.some((r) => r === 'commander' || r === 'responder'),
        },
        { ...kit.frame(res, 'Incidents'), refresh: 60 },
      );
    }),
  );

  router.get(
    '/incidents/:id',
    kit.route(async (req, res) => {
      const { actor } = viewerOf(res);
      const view = await kit.loadIncident(req.params.id as string, actor);
      const latest = view.campaigns?.[view.campaigns.length - 1];
      const progress =
        latest && (latest.status === 'running' || latest.status === 'paused' || latest.status === 'preparing')
          ? await progressOf(o.client, latest).catch(() => undefined)
          : undefined;
      const done = typeof req.query.done === 'string' ? DONE_WORDS[req.query.done] : undefined;
      const list =
        typeof req.query.list === 'string' && /^[0-9a-f]{64}$/.test(req.query.list)
          ? req.query.list
          : undefined;
      o.views.send(
        res,
        200,
        'incident',
        {
          ...incidentPageModel(view, Date.now(), o.directory?.()),
          progress,
          flash: done,
          list,
          listTotal: typeof req.query.total === 'string' ? req.query.total : undefined,
          key: formKey(),
          can: abilities(view, actor),
          people: (o.directory?.().people ?? []).map((p) => ({ id: p.id, name: p.name ?? p.id })),
          // Webhook lanes parked after their retry budget (or with dropped events), for the commander to redeliver.
          parkedLanes: (view.webhooks?.lanes ?? []).filter((l) => l.parked || l.dropped > 0),
        },
        { ...kit.frame(res, view.incidentId), refresh: view.status === 'open' ? 60 : undefined },
      );
    }),
  );

  /** The signed export of an incident, live from its workflow, optionally as it stood at `?as-of=`. */
  const exportOf = async (rawId: string, query: unknown, reader: Actor) => {
    const asOf = asOfSchema.safeParse(query);
    if (!asOf.success) throw new HttpError(400, `as-of: ${asOf.error.issues[0]?.message}`);
    const [view, timeline] = await kit.withIncident(rawId, reader, (h) =>
      Promise.all([
        h.query(msg.getIncident),
        o.segments ? readTimeline(h, o.segments) : h.query(msg.getTimeline),
      ]),
    );
    return buildExport({ view, timeline, source: 'temporal', asOf: asOf.data['as-of'] }, o.signer());
  };
  const download = (res: express.Response, type: string, name: string, body: string) => {
    res.type(type).setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.send(body);
  };

  router.get(
    '/incidents/:id/timeline',
    kit.route(async (req, res) => {
      const filter = reportFilterSchema.safeParse(req.query);
      if (!filter.success) throw new HttpError(400, `Filter: ${filter.error.issues[0]?.message}.`);
      const doc = await exportOf(req.params.id as string, req.query, viewerOf(res).actor);
      const links = incidentLinks(doc.incidentId);
      const asOf = typeof req.query['as-of'] === 'string' ? req.query['as-of'] : undefined;
      res.type('html').send(
        renderHtmlReport(
          doc,
          [
            { href: '/incidents', label: 'All incidents' },
            { href: links.incident, label: 'Incident' },
            { href: links.json, label: 'Signed JSON export' },
            { href: links.csv, label: 'CSV' },
            {
              href: '/signing-key.pem',
              label: `Public key ${doc.signature.keyId.slice(0, 12)}… (for breachplan verify)`,
            },
          ],
          { ...filter.data, action: links.timeline, keep: asOf ? { 'as-of': asOf } : {} },
        ),
      );
    }),
  );
  router.get(
    '/incidents/:id/timeline.json',
    kit.route(async (req, res) => {
      const doc = await exportOf(req.params.id as string, req.query, viewerOf(res).actor);
      res.setHeader('X-Breachplan-Signing-Key-Id', doc.signature.keyId);
      download(res, 'application/json', `${doc.incidentId}-timeline.json`, serializeExport(doc));
    }),
  );
  router.get(
    '/incidents/:id/timeline.csv',
    kit.route(async (req, res) => {
      const doc = await exportOf(req.params.id as string, req.query, viewerOf(res).actor);
      download(res, 'text/csv; charset=utf-8', `${doc.incidentId}-timeline.csv`, renderCsv(doc));
    }),
  );
  router.get('/signing-key.pem', (_req, res) => {
    const signer = o.signer();
    res.setHeader('X-Breachplan-Signing-Key-Id', signer.keyId);
    download(res, 'application/x-pem-file', 'breachplan-signing-key.pem', signer.publicKeyPem);
  });

  return router;
}
