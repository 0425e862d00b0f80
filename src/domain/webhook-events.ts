// Events out: which timeline entries become outbound webhook events, what each event says (by default only
// ids, types, times and counts: no personal data, no free text), and the subscribers of config/webhooks.yaml.
// Pure: the workflow builds events from its timeline; activities sign and send them.
import { z } from 'zod';
import { secretRefSchema } from './alerts';
import { actorSchema } from './roles';
import type { TimelineEntry } from './timeline';

export const WEBHOOK_EVENT_TYPES = [
  'incident.declared',
  'phase.changed',
  'approval.requested',
  'approval.granted',
  'approval.rejected',
  'approval.completed',
  'hold.placed',
  'hold.released',
  'notice.sent',
  'deadline.reminder',
  'deadline.missed',
  'alert.received',
  'incident.closed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The CloudEvents `type` prefix: `dev.breachplan.incident.declared`. */
export const CLOUDEVENT_TYPE_PREFIX = 'dev.breachplan.';

/** One event as the incident keeps it until every subscriber has it. */
export interface OutEvent {
  /** Stable across retries, redeliveries and runs: the incident and the timeline entry's number. */
  id: string;
  type: WebhookEventType;
  time: string;
  incidentId: string;
  seq: number;
  /** Ids, types, times and counts only. */
  data: Record<string, unknown>;
  /** Free text and people's ids: only for subscribers with includeText, never for restricted incidents. */
  text?: Record<string, unknown>;
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const num = (v: unknown) => (typeof v === 'number' ? v : null);

/** The event a timeline entry makes, if any (most entries make none). */
export function eventOf(incidentId: string, e: TimelineEntry): OutEvent | undefined {
  const d = e.details;
  const mk = (type: WebhookEventType, data: Record<string, unknown>, text: Record<string, unknown> = {}) => ({
    id: `${incidentId}-${e.seq}`,
    type,
    time: e.at,
    incidentId,
    seq: e.seq,
    data,
    text: { summary: e.summary, actor: e.actor.id, ...text },
  });
  switch (e.type) {
    case 'incident.declared': {
      const f = (d.facts ?? {}) as Record<string, unknown>;
      return mk(
        'incident.declared',
        {
          severity: str(f.severity),
          dataCategories: Array.isArray(f.dataCategories) ? f.dataCategories : [],
          estimatedAffected: num(f.estimatedAffected),
          restricted: f.restricted === true,
        },
        { title: str(f.title) },
      );
    }
    case 'phase.started':
      return mk('phase.changed', { phase: str(d.phase) });
    case 'approval.requested':
      return mk('approval.requested', {
        gateId: str(d.gateId),
        requestId: str(d.requestId),
        contentHash: str(d.contentHash),
      });
    case 'approval.granted':
      return mk('approval.granted', {
        gateId: str(d.gateId),
        requestId: str(d.requestId),
        role: str(d.role),
      });
    case 'approval.completed':
      return mk('approval.completed', {
        gateId: str(d.gateId),
        requestId: str(d.requestId),
        approvers: Array.isArray(d.approvers) ? d.approvers.length : 0,
      });
    case 'approval.rejected':
      return mk(
        'approval.rejected',
        { gateId: str(d.gateId), requestId: str(d.requestId) },
        { reason: str(d.reason) },
      );
    case 'hold.placed':
      return mk(
        'hold.placed',
        { holdId: str(d.holdId), until: str(d.until) },
        { agency: str(d.agency), reference: str(d.reference), reason: str(d.reason) },
      );
    case 'hold.released':
    case 'hold.expired':
      return mk(
        'hold.released',
        { holdId: str(d.holdId), how: e.type === 'hold.released' ? 'release' : 'expiry' },
        { reason: str(d.reason) },
      );
    case 'notice.sent':
      return mk(
        'notice.sent',
        { gateId: str(d.gateId), channel: str(d.channel), recipients: num(d.recipients) },
        { reference: str(d.reference) },
      );
    case 'deadline.reminder':
      return mk('deadline.reminder', {
        deadline: str(d.deadline),
        fraction: num(d.fraction),
        dueAt: str(d.dueAt),
      });
    case 'deadline.missed':
      return mk('deadline.missed', { deadline: str(d.deadline), dueAt: str(d.dueAt) });
    case 'alert.received':
      return mk(
        'alert.received',
        { source: str(d.source), status: str(d.status) },
        { fingerprint: str(d.fingerprint) },
      );
    case 'incident.closed':
      return mk(
        'incident.closed',
        {
          openDeadlines: Array.isArray(d.openDeadlines) ? d.openDeadlines.length : 0,
          openTasks: Array.isArray(d.openTasks) ? d.openTasks.length : 0,
        },
        { reason: str(d.reason) },
      );
    default:
      return undefined;
  }
}

// ---- Subscribers -------------------------------------------------------------------------------------------

export const webhookSubscriberSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and -, like grc-tool'),
  url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }),
  secret: secretRefSchema.describe('the variable holding the whsec_… signing secret'),
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES))
    .min(1)
    .optional()
    .describe('the event types to send (default: all)'),
  includeText: z
    .boolean()
    .default(false)
    .describe('also send titles, reasons and who acted (never for restricted incidents)'),
});
export type WebhookSubscriber = z.infer<typeof webhookSubscriberSchema>;

export const webhookRetrySchema = z.strictObject({
  attempts: z.number().int().min(1).max(100).default(12),
  initialMs: z.number().int().min(10).max(3_600_000).default(2_000),
  maxMs: z.number().int().min(10).max(86_400_000).default(600_000),
});
export type WebhookRetry = z.infer<typeof webhookRetrySchema>;

export const webhooksFileSchema = z
  .strictObject({
    subscribers: z.array(webhookSubscriberSchema),
    retry: webhookRetrySchema.default({ attempts: 12, initialMs: 2_000, maxMs: 600_000 }),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.subscribers.forEach((s, i) => {
      if (seen.has(s.id))
        ctx.addIssue({ code: 'custom', path: ['subscribers', i, 'id'], message: `duplicate id "${s.id}"` });
      seen.add(s.id);
    });
  });

/** What the workflow is told of the subscribers: no URL, no secret. */
export interface WebhookRoutes {
  subscribers: { id: string; events: WebhookEventType[] | null; includeText: boolean }[];
  retry: WebhookRetry;
}

/** What the incident view shows of its outbound webhooks. */
export interface WebhookLaneView {
  subscriberId: string;
  delivered: number;
  pending: number;
  parked: boolean;
  /** The events waiting after the retry budget ran out, oldest first (at most 50 listed). */
  parkedEvents: { id: string; type: WebhookEventType; time: string }[];
  lastError?: string;
  /** Events dropped because more than the lane's limit were waiting (counted, never silent). */
  dropped: number;
}
export interface WebhooksView {
  lanes: WebhookLaneView[];
}

/** One subscriber's outbox in an incident: what is still to be delivered, in order. */
export interface WebhookLane {
  subscriberId: string;
  events: string[] | null;
  includeText: boolean;
  queue: OutEvent[];
  parked: boolean;
  delivered: number;
  dropped: number;
  lastError?: string;
}

/** What a run hands to the next of its outbound webhooks. */
export interface WebhookCarry {
  retry?: WebhookRetry;
  /** Undefined until the routes are known (events wait in `unrouted`). */
  lanes?: WebhookLane[];
  unrouted: OutEvent[];
}

export const redeliverWebhooksSchema = z.object({
  actor: actorSchema,
  subscriberId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a subscriber id')
    .optional()
    .describe('only this subscriber (default: every parked one)'),
});
export type RedeliverWebhooksCommand = z.infer<typeof redeliverWebhooksSchema>;
