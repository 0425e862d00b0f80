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
}

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === undefined ? undefined : v), schema.optional());
const listFilterSchema = z.object({
  status: optional(incidentStatusSchema),
  severity: optional(severitySchema),
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
        throw new HttpError(400, 'Filter by status (open, closed) and severity (sev1 … sev4).');
      const { status, severity } = filter.data;
      const rows = (await listIncidents(o.client, viewerOf(res).actor, { status, severity })).map((r) => ({
        incidentId: r.incidentId,
        status: r.status ?? '—',
        severity: r.severity ?? '—',
        phase: r.phase ?? '—',
        restricted: r.restricted,
        declared: new Date(r.declared),
      }));
      o.views.send(
        res,
        200,
        'incidents',
        {
          rows,
          limit: LIST_LIMIT,
          statuses: options(incidentStatusSchema.options, status, 'any status'),
          severities: options(severitySchema.options, severity, 'any severity'),
        },
        kit.frame(res, 'Incidents'),
      );
    }),
  );

  router.get(
    '/incidents/:id',
    kit.route(async (req, res) => {
      const view = await kit.loadIncident(req.params.id as string, viewerOf(res).actor);
      o.views.send(
        res,
        200,
        'incident',
        incidentPageModel(view, Date.now()),
        kit.frame(res, view.incidentId),
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
      const doc = await exportOf(req.params.id as string, req.query, viewerOf(res).actor);
      const links = incidentLinks(doc.incidentId);
      res.type('html').send(
        renderHtmlReport(doc, [
          { href: '/incidents', label: 'All incidents' },
          { href: links.incident, label: 'Incident' },
          { href: links.json, label: 'Signed JSON export' },
          { href: links.csv, label: 'CSV' },
          {
            href: '/signing-key.pem',
            label: `Public key ${doc.signature.keyId.slice(0, 12)}… (for breachplan verify)`,
          },
        ]),
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
