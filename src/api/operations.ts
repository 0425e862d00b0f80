// Every operation of /api/v1, as data: method, path, the zod schemas of its path, query and body (the domain's
// own command schemas without the actor, who is whoever authenticated), and what it does. The router and the
// OpenAPI document are both built from this table, so they cannot disagree.
import type { Readable } from 'node:stream';
import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Logger } from 'pino';
import { z } from 'zod';
import { renderCsv } from '../audit/csv';
import { serializeExport } from '../audit/export';
import { renderHtmlReport } from '../audit/report';
import { type Signer, parsePublicKeyPem } from '../audit/signing';
import { verifyExportText } from '../audit/verify';
import { incidentAsOf } from '../domain/as-of';
import { campaignControlSchema, startCampaignSchema } from '../domain/campaign';
import * as commands from '../domain/commands';
import {
  checkNewFacts,
  incidentFactsSchema,
  incidentStatusSchema,
  type IncidentStatus,
  isoTimeSchema,
  type Severity,
  severitySchema,
} from '../domain/incident';
import type { AuthenticatedActor } from '../domain/principal';
import type { NoticeProfile } from '../domain/notice-profile';
import { noticePreview } from '../notices/preview';
import { noticeLocales } from '../notices/render';
import { computeObligations, parseObligationFacts } from '../domain/regulations';
import { parseRunbookYaml } from '../domain/runbook-yaml';
import type { CodecKey } from '../temporal/codec';
import { type ImportFormat, type Reject, importRecipients, RecipientImportError } from '../recipients/import';
import { latestCampaign, progressOf, undeliverable } from '../temporal/campaigns';
import { listIncidents, readIncident } from '../temporal/incident-reads';
import { declareIncident, incidentHandle, loadRunbookFile, sendCommand } from '../temporal/incidents';
import * as msg from '../../workflows/messages';
import { ApiProblem, invalidInput } from './problem';
import { exportOf, loadRecord } from './records';
import type { AlertIntake } from '../alerts/intake';
import { ALERT_OPERATIONS } from './alert-operations';
import { LETTER_OPERATIONS } from './letter-ops';
import { gateParams, incidentParams, json } from './params';

export interface ApiDeps {
  client: Client;
  taskQueue: string;
  keys: CodecKey[];
  signer: () => Signer;
  recipientsDir: string;
  archiveDir: string;
  templatesDir: string;
  /** `embedded` on `npm start`: `breachplan login --embedded` checks it. */
  mode: string;
  logger: Logger;
  /** Who gives notice: the worker's profile, or previews differ from drafts. */
  notice?: NoticeProfile;
  /** Alerts in (POST /alerts/{source}); absent: no sources configured. */
  alerts?: AlertIntake;
}

export interface OperationContext {
  who: AuthenticatedActor;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  /** The raw request stream, for operations that take a streamed upload. */
  stream: Readable;
  contentType?: string;
  /** From the Idempotency-Key header, scoped to the person and the operation: the Temporal update id. */
  updateId?: string;
  idempotencyKey?: string;
  /** The unparsed body, for operations whose credentials are a signature over it (`rawBody`). */
  raw?: Buffer;
}

export type Reply = { status?: number; headers?: Record<string, string> } & (
  { json: unknown } | { text: string; contentType: string }
);

export interface Operation {
  operationId: string;
  method: 'get' | 'post';
  /** OpenAPI form: `/incidents/{incidentId}`. */
  path: string;
  summary: string;
  tag: 'incidents' | 'approvals' | 'campaigns' | 'audit' | 'people';
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** A streamed upload instead of a JSON body: its media types. */
  upload?: string[];
  /** What a 2xx answer holds, for the document. */
  response: { status: number; description: string; schema?: z.ZodType; media?: string[] };
  /** Takes an Idempotency-Key (a retried request is applied once and answered with the first outcome). */
  idempotent?: boolean;
  /** Needs no role in the directory (who am I). */
  anyone?: boolean;
  /** Takes the body unparsed (`c.raw`): a signature covers its bytes. */
  rawBody?: boolean;
  /** Authenticates the request itself (a signed webhook) instead of by a person's bearer token. */
  authenticateBy?: (
    d: ApiDeps,
    r: { params: Record<string, string>; headers: import('node:http').IncomingHttpHeaders; raw: Buffer },
  ) => AuthenticatedActor;
  run(d: ApiDeps, c: OperationContext): Promise<Reply>;
}

type WithActor = z.ZodObject<{ actor: z.ZodType } & z.ZodRawShape>;

const asOfQuery = z.object({
  asOf: isoTimeSchema.optional().describe('the incident as it stood at this moment'),
  fromArchive: z
    .enum(['true', 'false'])
    .optional()
    .describe('read the archive written at close, not Temporal'),
});

/** A command to the incident workflow: body = the domain schema without the actor and the path's fields. */
function command<S extends WithActor>(o: {
  operationId: string;
  path: string;
  summary: string;
  tag?: Operation['tag'];
  def: UpdateDefinition<unknown, [never]>;
  schema: S;
  params?: z.ZodObject;
  /** path parameter → command field */
  fromPath?: Record<string, string>;
  describe: string;
}): Operation {
  const fromPath = o.fromPath ?? {};
  const omit: Record<string, true> = { actor: true };
  for (const field of Object.values(fromPath)) omit[field] = true;
  const body = (o.schema as unknown as z.ZodObject).omit(omit as never);
  return {
    operationId: o.operationId,
    method: 'post',
    path: o.path,
    summary: o.summary,
    tag: o.tag ?? 'incidents',
    params: o.params ?? incidentParams,
    body,
    response: { status: 200, description: o.describe },
    idempotent: true,
    async run(d, c) {
      const id = c.params.incidentId!;
      await readIncident(d.client, id, c.who.actor);
      const cmd: Record<string, unknown> = { ...(c.body as object) };
      for (const [param, field] of Object.entries(fromPath)) cmd[field] = c.params[param];
      const r = await sendCommand(incidentHandle(d.client, id), o.def, cmd as never, {
        as: c.who,
        updateId: c.updateId,
      });
      return json(r);
    },
  };
}

const declareBodySchema = incidentFactsSchema
  .omit({ reporter: true })
  .extend({
    awareAt: isoTimeSchema.optional().describe('when the company became aware (default: now)'),
    estimatedAffected: z.number().int().min(0).optional().describe('default: the sum of `affected`'),
    runbook: z.string().max(1_000_000).optional().describe('runbook YAML (default: the deployment’s)'),
  })
  .strict()
  .superRefine((f, ctx) => checkNewFacts(f, ctx));

const uploadFormats: Record<string, ImportFormat> = {
  'text/csv': 'csv',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
};

const rowSchema = z.object({
  incidentId: z.string(),
  status: z.string().optional(),
  severity: z.string().optional(),
  phase: z.string().optional(),
  restricted: z.boolean(),
  declared: z.string(),
});

export const OPERATIONS: Operation[] = [
  {
    operationId: 'whoami',
    method: 'get',
    path: '/whoami',
    summary: 'Who the credentials belong to: the person, their directory roles, how they signed in',
    tag: 'people',
    anyone: true,
    response: { status: 200, description: 'the person and principal' },
    async run(d, c) {
      return json({ actor: c.who.actor, principal: c.who.principal, mode: d.mode });
    },
  },
  {
    operationId: 'declareIncident',
    tag: 'incidents',
    method: 'post',
    path: '/incidents',
    summary: 'Declare an incident and start its breach plan (commanders and responders)',
    body: declareBodySchema,
    idempotent: true,
    response: {
      status: 201,
      description: 'the incident id; `created: false` when the Idempotency-Key had declared it already',
      schema: z.object({ incidentId: z.string(), created: z.boolean() }),
    },
    async run(d, c) {
      const b = c.body as z.infer<typeof declareBodySchema>;
      const { runbook: yaml, ...facts } = b;
      const r = await declareIncident(d.client, d.taskQueue, {
        facts: {
          ...facts,
          reporter: c.who.actor.id,
          awareAt: facts.awareAt ?? new Date().toISOString(),
          estimatedAffected: facts.estimatedAffected ?? facts.affected.reduce((n, g) => n + g.count, 0),
        },
        runbook: yaml === undefined ? loadRunbookFile() : parseRunbookYaml(yaml, 'body.runbook'),
        as: c.who,
        requestKey: c.idempotencyKey && `api:${c.who.actor.id}:${c.idempotencyKey}`,
      });
      return json(r, r.created ? 201 : 200);
    },
  },
  {
    operationId: 'listIncidents',
    tag: 'incidents',
    method: 'get',
    path: '/incidents',
    summary: 'Incidents you may see (restricted ones only if you are on them, or commander, legal, auditor)',
    query: z.object({ status: incidentStatusSchema.optional(), severity: severitySchema.optional() }),
    response: { status: 200, description: 'at most 200 rows', schema: z.array(rowSchema) },
    async run(d, c) {
      const q = c.query as { status?: IncidentStatus; severity?: Severity };
      return json(await listIncidents(d.client, c.who.actor, { ...q, taskQueue: d.taskQueue }));
    },
  },
  {
    operationId: 'getIncident',
    tag: 'incidents',
    method: 'get',
    path: '/incidents/{incidentId}',
    summary: 'An incident: facts, phases, tasks, deadlines, obligations, approvals, holds, campaigns',
    params: incidentParams,
    response: { status: 200, description: 'the incident view (404 when it is not yours to see)' },
    async run(d, c) {
      return json(await readIncident(d.client, c.params.incidentId!, c.who.actor));
    },
  },
  command({
    operationId: 'updateFacts',
    path: '/incidents/{incidentId}/facts',
    summary: 'Change facts, with a reason',
    def: msg.updateFacts as never,
    schema: commands.updateFactsSchema,
    describe: '`{factsVersion, changed}`',
  }),
  command({
    operationId: 'assignRole',
    path: '/incidents/{incidentId}/assignments',
    summary: 'Assign a person a role in this incident',
    def: msg.assignRole as never,
    schema: commands.assignRoleSchema,
    describe: 'done',
  }),
  command({
    operationId: 'completeTask',
    path: '/incidents/{incidentId}/tasks/{taskId}/complete',
    summary: 'Complete a runbook task with a note',
    def: msg.completeTask as never,
    schema: commands.completeTaskSchema,
    params: incidentParams.extend({ taskId: z.string().min(1).max(64) }),
    fromPath: { taskId: 'taskId' },
    describe: 'the task',
  }),
  command({
    operationId: 'addNote',
    path: '/incidents/{incidentId}/notes',
    summary: 'Add a note to the timeline',
    def: msg.addNote as never,
    schema: commands.addNoteSchema,
    describe: 'the note’s timeline number',
  }),
  command({
    operationId: 'placeHold',
    path: '/incidents/{incidentId}/holds',
    summary: 'Place a law-enforcement hold on customer notices',
    def: msg.placeHold as never,
    schema: commands.placeHoldSchema,
    describe: 'the hold',
  }),
  command({
    operationId: 'releaseHold',
    path: '/incidents/{incidentId}/holds/release',
    summary: 'Release a law-enforcement hold',
    def: msg.releaseHold as never,
    schema: commands.releaseHoldSchema,
    describe: 'the hold',
  }),
  command({
    operationId: 'requestApproval',
    path: '/incidents/{incidentId}/gates/{gateId}/request-approval',
    summary: 'Render the draft of a gated notice and ask for approval',
    tag: 'approvals',
    def: msg.requestApproval as never,
    schema: commands.requestApprovalSchema,
    params: gateParams,
    fromPath: { gateId: 'gateId' },
    describe: '`{requestId, draft}`',
  }),
  command({
    operationId: 'approve',
    path: '/incidents/{incidentId}/gates/{gateId}/approve',
    summary: 'Approve the draft with this content hash',
    tag: 'approvals',
    def: msg.approve as never,
    schema: commands.approveSchema,
    params: gateParams,
    fromPath: { gateId: 'gateId' },
    describe: 'the gate',
  }),
  command({
    operationId: 'overrideContentCheck',
    path: '/incidents/{incidentId}/gates/{gateId}/override-content-check',
    summary: 'Counsel: let a draft that fails the notice content check be approved, with a reason',
    tag: 'approvals',
    def: msg.overrideNoticeCompliance as never,
    schema: commands.overrideNoticeComplianceSchema,
    params: gateParams,
    fromPath: { gateId: 'gateId' },
    describe: 'the gate',
  }),
  command({
    operationId: 'reject',
    path: '/incidents/{incidentId}/gates/{gateId}/reject',
    summary: 'Reject the draft with this content hash, with a reason',
    tag: 'approvals',
    def: msg.reject as never,
    schema: commands.rejectSchema,
    params: gateParams,
    fromPath: { gateId: 'gateId' },
    describe: 'the gate',
  }),
  command({
    operationId: 'recordNoticeSent',
    path: '/incidents/{incidentId}/gates/{gateId}/notice-sent',
    summary: 'Record that an approved notice was sent (channel, reference)',
    tag: 'approvals',
    def: msg.recordNoticeSent as never,
    schema: commands.recordNoticeSentSchema,
    params: gateParams,
    fromPath: { gateId: 'gateId' },
    describe: 'the gate',
  }),
  command({
    operationId: 'advancePhase',
    path: '/incidents/{incidentId}/advance',
    summary: 'Advance to the next phase (or `to`)',
    def: msg.advancePhase as never,
    schema: commands.advancePhaseSchema,
    describe: 'the phases',
  }),
  command({
    operationId: 'overrideObligation',
    path: '/incidents/{incidentId}/obligations/{obligationId}/override',
    summary: 'Counsel overrides an obligation with a reason',
    def: msg.overrideObligation as never,
    schema: commands.overrideObligationSchema,
    params: incidentParams.extend({ obligationId: z.string().min(1).max(100) }),
    fromPath: { obligationId: 'obligationId' },
    describe: 'the obligation',
  }),
  command({
    operationId: 'closeIncident',
    path: '/incidents/{incidentId}/close',
    summary: 'Close the incident',
    def: msg.closeIncident as never,
    schema: commands.closeIncidentSchema,
    describe: 'done',
  }),
  {
    operationId: 'importRecipients',
    method: 'post',
    path: '/incidents/{incidentId}/recipients',
    summary:
      'Import the people affected, streamed (CSV or JSON lines), encrypted at rest; updates the affected counts',
    tag: 'campaigns',
    params: incidentParams,
    query: z.object({ format: z.enum(['csv', 'jsonl']).optional().describe('default: from Content-Type') }),
    upload: Object.keys(uploadFormats),
    idempotent: true,
    response: {
      status: 200,
      description: 'counts, the list hash, every rejected row (line and reason), the facts changed',
    },
    async run(d, c) {
      const id = c.params.incidentId!;
      const view = await readIncident(d.client, id, c.who.actor);
      const media = c.contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
      const format = (c.query.format as ImportFormat | undefined) ?? uploadFormats[media];
      if (!format)
        throw new ApiProblem(415, 'unsupported_media_type', 'send text/csv or application/x-ndjson', {
          errors: [{ field: 'header.Content-Type', rule: `one of ${Object.keys(uploadFormats).join(', ')}` }],
        });
      const rejects: Reject[] = [];
      // The languages the customer notice has: anyone else gets their country's (EU/EEA) or English, counted.
      const noticeTemplate = view.gates.find((g) => g.kind === 'customer_notice')?.template;
      const available = noticeTemplate ? noticeLocales(d.templatesDir, noticeTemplate) : [];
      let r;
      try {
        r = await importRecipients({
          input: c.stream,
          format,
          dir: d.recipientsDir,
          keys: d.keys,
          defaultDataCategories: view.facts.dataCategories,
          ...(available.includes('en') ? { locales: { available, fallback: 'en' } } : {}),
          onReject: (x) => void rejects.push(x),
        });
      } catch (err) {
        // Nothing stored, facts untouched: the incident keeps its estimate.
        if (err instanceof RecipientImportError)
          throw new ApiProblem(400, 'nobody_to_notify', err.message, { rejects });
        throw err;
      }
      const facts = await sendCommand(
        incidentHandle(d.client, id),
        msg.updateFacts,
        {
          patch: { affected: r.meta.affected, estimatedAffected: r.total },
          reason: `recipient list ${r.listHash.slice(0, 12)} imported (${r.total} people)`,
        },
        { as: c.who, updateId: c.updateId },
      );
      const { meta, ...counts } = r;
      return json({ ...counts, locales: meta.locales, rejects, factsChanged: facts.changed });
    },
  },
  {
    operationId: 'previewNotice',
    method: 'get',
    path: '/incidents/{incidentId}/notice-preview',
    summary:
      'The customer notice as counsel will approve it: the content check per jurisdiction, whether it is the draft awaiting approval, and one variant in one language',
    tag: 'campaigns',
    params: incidentParams,
    query: z.object({
      locale: z
        .string()
        .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'a locale like en or es')
        .default('en'),
      variant: z
        .string()
        .regex(/^[A-Za-z0-9-]{1,20}$/, 'a variant like US-MA, EU-GDPR or general')
        .optional(),
    }),
    response: {
      status: 200,
      description: '`{contentHash, compliance, found, text}`: text is the preview as the CLI prints it',
    },
    async run(d, c) {
      const view = await readIncident(d.client, c.params.incidentId!, c.who.actor);
      const gate = view.gates.find((g) => g.kind === 'customer_notice');
      if (!gate) throw new ApiProblem(404, 'not_found', 'this incident has no customer notice gate');
      const p = noticePreview(
        d.templatesDir,
        view.incidentId,
        view.facts,
        gate,
        { locale: c.query.locale as string, variant: c.query.variant as string | undefined },
        d.notice,
      );
      return json({
        contentHash: p.content.contentHash,
        compliance: p.content.compliance,
        found: p.found,
        text: p.text,
      });
    },
  },
  {
    ...command({
      operationId: 'startCampaign',
      path: '/incidents/{incidentId}/campaigns',
      summary: 'Send the approved customer notice to everyone on an imported list',
      tag: 'campaigns',
      def: msg.startCampaign as never,
      schema: startCampaignSchema,
      describe: 'the campaign',
    }),
    response: { status: 200, description: 'the campaign' },
  },
  ...(['pause', 'resume', 'cancel'] as const).map((verb) =>
    command({
      operationId: `${verb}Campaign`,
      path: `/incidents/{incidentId}/campaign/${verb}`,
      summary: `${verb[0]!.toUpperCase()}${verb.slice(1)} the running campaign`,
      tag: 'campaigns',
      def: (verb === 'pause'
        ? msg.pauseCampaign
        : verb === 'resume'
          ? msg.resumeCampaign
          : msg.cancelCampaign) as never,
      schema: campaignControlSchema,
      describe: 'the campaign',
    }),
  ),
  {
    operationId: 'campaignStatus',
    method: 'get',
    path: '/incidents/{incidentId}/campaign',
    summary: 'The latest campaign and its progress: sent, failed, remaining, rate, ETA',
    tag: 'campaigns',
    params: incidentParams,
    response: { status: 200, description: '`{campaign, progress}`' },
    async run(d, c) {
      const id = c.params.incidentId!;
      await readIncident(d.client, id, c.who.actor);
      const campaign = await latestCampaign(d.client, id);
      return json({ campaign, progress: await progressOf(d.client, campaign) });
    },
  },
  {
    operationId: 'exportUndeliverable',
    method: 'post',
    path: '/incidents/{incidentId}/campaign/undeliverable',
    summary:
      'People the campaign could not reach, with their postal address (for substitute notice); recorded on the timeline',
    tag: 'campaigns',
    params: incidentParams,
    idempotent: true,
    response: { status: 200, description: 'one row per person' },
    async run(d, c) {
      const id = c.params.incidentId!;
      await readIncident(d.client, id, c.who.actor);
      const campaign = await latestCampaign(d.client, id);
      const bad = await undeliverable(d.recipientsDir, d.keys, campaign);
      // Personal data leaves the store: the timeline says who took it, when, and how many people (no names).
      await sendCommand(
        incidentHandle(d.client, id),
        msg.addNote,
        {
          text: `Exported the undeliverable list of campaign ${campaign.campaignId} (${bad.length} people) for substitute notice`,
        },
        { as: c.who, updateId: c.updateId },
      );
      return json(
        bad.map((b) => ({
          email: b.recipient[0],
          name: b.recipient[1],
          country: b.recipient[3],
          region: b.recipient[4],
          address: b.recipient[5],
          smtpCode: b.code,
          reason: b.code === 0 ? 'unusable data' : b.code === 499 ? 'transient failures, gave up' : 'refused',
        })),
      );
    },
  },
  {
    operationId: 'exportTimeline',
    method: 'get',
    path: '/incidents/{incidentId}/timeline',
    summary: 'The whole timeline: signed JSON export, printable HTML report, or CSV',
    tag: 'audit',
    params: incidentParams,
    query: asOfQuery.extend({ format: z.enum(['json', 'html', 'csv']).default('json') }),
    response: {
      status: 200,
      description: 'the export',
      media: ['application/json', 'text/html', 'text/csv'],
    },
    async run(d, c) {
      const q = c.query as { format: 'json' | 'html' | 'csv'; asOf?: string; fromArchive?: string };
      const rec = await loadRecord(d, c.params.incidentId!, c.who.actor, q.fromArchive === 'true');
      const asOf = q.asOf && new Date(Date.parse(q.asOf)).toISOString();
      const headers = { 'X-Breachplan-Source': rec.kind };
      if (q.format === 'json' && rec.kind === 'archive' && !asOf)
        return { text: rec.text, contentType: 'application/json', headers };
      const doc = exportOf(d, rec, asOf);
      if (q.format === 'json')
        return { text: serializeExport(doc), contentType: 'application/json', headers };
      if (q.format === 'html')
        return { text: renderHtmlReport(doc), contentType: 'text/html; charset=utf-8', headers };
      return { text: renderCsv(doc), contentType: 'text/csv; charset=utf-8', headers };
    },
  },
  {
    operationId: 'incidentAsOf',
    method: 'get',
    path: '/incidents/{incidentId}/as-of',
    summary: 'The incident as it stood at a moment: facts, phases, tasks done, approvals, deadlines',
    tag: 'audit',
    params: incidentParams,
    query: z.object({ at: isoTimeSchema, fromArchive: asOfQuery.shape.fromArchive }),
    response: { status: 200, description: '`{state, entries}` (the entries up to that moment)' },
    async run(d, c) {
      const q = c.query as { at: string; fromArchive?: string };
      const rec = await loadRecord(d, c.params.incidentId!, c.who.actor, q.fromArchive === 'true');
      const view = rec.kind === 'archive' ? rec.doc.incident : rec.view;
      const all = rec.kind === 'archive' ? rec.doc.entries : rec.timeline;
      const state = incidentAsOf(all, new Date(Date.parse(q.at)).toISOString(), view.deadlines);
      return {
        json: { state, entries: all.slice(0, state.entries) },
        headers: { 'X-Breachplan-Source': rec.kind },
      };
    },
  },
  {
    operationId: 'verifyExport',
    method: 'post',
    path: '/verify',
    summary: 'Check a JSON timeline export: hash chain and signature, pinned to this deployment’s key',
    tag: 'audit',
    body: z.record(z.string(), z.unknown()).describe('the export, as `GET …/timeline?format=json` gave it'),
    response: {
      status: 200,
      description: '`{ok, message}`',
      schema: z.object({ ok: z.boolean(), message: z.string() }),
    },
    async run(d, c) {
      const pinned = parsePublicKeyPem(d.signer().publicKeyPem, 'signing key');
      return json(verifyExportText(JSON.stringify(c.body), pinned));
    },
  },
  {
    operationId: 'publicKey',
    method: 'get',
    path: '/public-key',
    summary: 'This deployment’s signing public key (PEM), for auditors to pin',
    tag: 'audit',
    anyone: true,
    response: { status: 200, description: 'PEM', media: ['application/x-pem-file'] },
    async run(d) {
      const s = d.signer();
      return { text: s.publicKeyPem, contentType: 'application/x-pem-file' };
    },
  },
  {
    operationId: 'computeObligations',
    method: 'post',
    path: '/obligations',
    summary: 'Breach-notification obligations (who, by when, why) for incident facts',
    tag: 'audit',
    body: z.record(z.string(), z.unknown()).describe('obligation facts (see obligationFactsSchema)'),
    response: { status: 200, description: '`{obligations}`' },
    async run(_d, c) {
      const parsed = parseObligationFacts(c.body);
      if (!parsed.ok)
        throw new ApiProblem(
          400,
          'invalid_input',
          parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; '),
          {
            errors: parsed.issues.map((i) => ({ field: `body.${i.path}`, rule: i.message })),
          },
        );
      return json({ obligations: computeObligations(parsed.facts) });
    },
  },
  ...LETTER_OPERATIONS,
  ...ALERT_OPERATIONS,
];

/** Parses one part of a request with its schema, or throws the 400 naming the field. */
export function parsePart<T>(where: 'body' | 'query' | 'path', schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw invalidInput(where, r.error);
  return r.data;
}
