// Alerts from monitoring as Breachplan reads them: the alert sources of config/alert-sources.yaml, the three
// payloads it accepts (Alertmanager's webhook v4, PagerDuty's v3 webhooks, a generic signed JSON alert), each
// turned into the same normalized alert, and the command that attaches one to an open incident.
import { z } from 'zod';
import { dataCategorySchema, isoTimeSchema, severitySchema } from './incident';
import { actorSchema } from './roles';

export const alertSourceKindSchema = z.enum(['alertmanager', 'pagerduty', 'generic']);
export type AlertSourceKind = z.infer<typeof alertSourceKindSchema>;

/** A secret is never in the file: the file names the environment variable that holds it. */
export const secretRefSchema = z.strictObject({
  env: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]{0,127}$/, 'an environment variable name like BREACHPLAN_ALERT_SECRET_PROM'),
});

/** What a rule implies when its labels match: the first matching rule wins over the source's defaults. */
export const alertRuleSchema = z.strictObject({
  match: z
    .record(z.string().min(1), z.string())
    .refine((m) => Object.keys(m).length > 0, 'match at least one label')
    .describe('labels that must all be equal (alertname, severity, service, …)'),
  severity: severitySchema.optional(),
  dataCategories: z.array(dataCategorySchema).optional(),
  restricted: z.boolean().optional(),
});

/** An alert source's id, as in the sources file and in `POST /alerts/{source}`. */
export const ALERT_SOURCE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const alertSourceSchema = z.strictObject({
  id: z.string().regex(ALERT_SOURCE_ID, 'lower-case letters, digits and -, like prometheus'),
  kind: alertSourceKindSchema,
  secret: secretRefSchema,
  /** Runbook YAML path; default the deployment's runbook. */
  runbook: z.string().min(1).optional(),
  severity: severitySchema.default('sev3'),
  dataCategories: z.array(dataCategorySchema).default([]),
  restricted: z.boolean().default(false),
  serviceAccount: z.string().min(1).max(100).describe('the role directory id the source declares as'),
  rules: z.array(alertRuleSchema).default([]),
});
export type AlertSource = z.infer<typeof alertSourceSchema>;

export const alertSourcesFileSchema = z
  .strictObject({ sources: z.array(alertSourceSchema) })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.sources.forEach((s, i) => {
      if (seen.has(s.id))
        ctx.addIssue({ code: 'custom', path: ['sources', i, 'id'], message: `duplicate source "${s.id}"` });
      seen.add(s.id);
    });
  });

export const alertStatusSchema = z.enum(['firing', 'resolved']);
export type AlertStatus = z.infer<typeof alertStatusSchema>;

/** One alert, whatever the source's format. */
export interface NormalizedAlert {
  fingerprint: string;
  status: AlertStatus;
  title: string;
  description: string;
  labels: Record<string, string>;
  /** When this firing episode began (a new episode is a new alert; a repeat of the same one is not). */
  startsAt?: string;
  url?: string;
  /** The source's own id of this delivery, when it has one (PagerDuty's event id, the generic `id`). */
  deliveryId?: string;
}

// ---- Alertmanager webhook_config, payload version 4 --------------------------------------------------------

const labelsSchema = z.record(z.string(), z.string()).default({});
const alertmanagerAlertSchema = z.object({
  status: alertStatusSchema,
  labels: labelsSchema,
  annotations: labelsSchema,
  startsAt: z.string().max(64).optional(),
  endsAt: z.string().max(64).optional(),
  generatorURL: z.string().max(2000).optional(),
  fingerprint: z.string().min(1).max(200),
});
export const alertmanagerPayloadSchema = z.object({
  version: z.literal('4', { message: 'Alertmanager webhook payload version "4"' }),
  groupKey: z.string().max(2000),
  status: alertStatusSchema,
  receiver: z.string().max(200).optional(),
  alerts: z.array(alertmanagerAlertSchema).min(1, 'at least one alert').max(1000),
  truncatedAlerts: z.number().int().min(0).optional(),
  externalURL: z.string().max(2000).optional(),
});

// Alertmanager says "not ended" with the zero time of Go.
const realTime = (t?: string) => (t && !t.startsWith('0001-') ? t : undefined);

export function fromAlertmanager(p: z.infer<typeof alertmanagerPayloadSchema>): NormalizedAlert[] {
  return p.alerts.map((a) => ({
    fingerprint: a.fingerprint,
    status: a.status,
    title: a.annotations.summary || a.labels.alertname || 'Alertmanager alert',
    description: a.annotations.description ?? '',
    labels: a.labels,
    startsAt: realTime(a.startsAt),
    url: a.generatorURL,
  }));
}

// ---- PagerDuty v3 webhooks ---------------------------------------------------------------------------------

export const pagerdutyPayloadSchema = z.object({
  event: z.object({
    id: z.string().min(1).max(200),
    event_type: z.string().min(1).max(100),
    resource_type: z.string().max(100),
    occurred_at: z.string().max(64),
    data: z
      .object({
        id: z.string().min(1).max(100),
        type: z.string().max(100),
        title: z.string().max(1000).optional(),
        status: z.string().max(50).optional(),
        html_url: z.string().max(2000).optional(),
        created_at: z.string().max(64).optional(),
        service: z.object({ id: z.string().optional(), summary: z.string().optional() }).optional(),
        priority: z.object({ summary: z.string().optional() }).nullish(),
        urgency: z.string().optional(),
      })
      .passthrough(),
  }),
});

/** PagerDuty incident events open or attach; resolving records; anything else (services, notes) is ignored. */
export function fromPagerDuty(p: z.infer<typeof pagerdutyPayloadSchema>): NormalizedAlert[] {
  const e = p.event;
  if (e.resource_type !== 'incident' || e.data.type !== 'incident') return [];
  const resolved = e.event_type === 'incident.resolved';
  const labels: Record<string, string> = {
    event_type: e.event_type,
    ...(e.data.service?.summary ? { service: e.data.service.summary } : {}),
    ...(e.data.priority?.summary ? { priority: e.data.priority.summary } : {}),
    ...(e.data.urgency ? { urgency: e.data.urgency } : {}),
  };
  return [
    {
      fingerprint: e.data.id,
      status: resolved ? 'resolved' : 'firing',
      title: e.data.title || `PagerDuty incident ${e.data.id}`,
      description: '',
      labels,
      startsAt: e.data.created_at,
      url: e.data.html_url,
      deliveryId: e.id,
    },
  ];
}

// ---- Generic signed JSON -----------------------------------------------------------------------------------

export const genericAlertSchema = z.strictObject({
  id: z.string().min(1).max(200).describe('your id of this alert delivery: a redelivery repeats it'),
  fingerprint: z.string().min(1).max(200).describe('the same for every alert about the same problem'),
  status: alertStatusSchema.default('firing'),
  title: z.string().trim().min(3, 'at least 3 characters').max(200),
  description: z.string().max(10_000).default(''),
  labels: z.record(z.string(), z.string().max(500)).default({}),
  startsAt: isoTimeSchema.optional(),
  url: z.url().max(2000).optional(),
});

export function fromGeneric(p: z.infer<typeof genericAlertSchema>): NormalizedAlert[] {
  return [{ ...p, deliveryId: p.id }];
}

// ---- What an alert implies, and the command that attaches it ------------------------------------------------

export interface AlertImplications {
  severity: AlertSource['severity'];
  dataCategories: AlertSource['dataCategories'];
  restricted: boolean;
}

export function implicationsOf(source: AlertSource, alert: NormalizedAlert): AlertImplications {
  const rule = source.rules.find((r) => Object.entries(r.match).every(([k, v]) => alert.labels[k] === v));
  return {
    severity: rule?.severity ?? source.severity,
    dataCategories: rule?.dataCategories ?? source.dataCategories,
    restricted: rule?.restricted ?? source.restricted,
  };
}

/** The key under which a repeat of the same alert (same problem, state and episode) is one entry. */
export const alertStateKey = (a: { fingerprint: string; status: AlertStatus; startsAt?: string }) =>
  `${a.fingerprint}|${a.status}|${a.startsAt ?? ''}`;

export const attachAlertSchema = z.object({
  actor: actorSchema,
  source: z.string().min(1).max(63),
  fingerprint: z.string().min(1).max(200),
  status: alertStatusSchema,
  title: z.string().min(1).max(200),
  startsAt: z.string().max(64).optional(),
  url: z.string().max(2000).optional(),
});
export type AttachAlertCommand = z.infer<typeof attachAlertSchema>;

/** What the incident keeps of each alert attached to it (bounded: the latest state per fingerprint). */
export interface AttachedAlert {
  source: string;
  fingerprint: string;
  status: AlertStatus;
  startsAt?: string;
  /** The timeline entry that recorded this state. */
  seq: number;
  at: string;
}

/** At most this many fingerprints are remembered per incident (the oldest is forgotten first). */
export const ATTACHED_ALERTS_MAX = 200;
