// One notification duty derived from the incident facts: who must be told, by when, under which law and why.
// The `id` is stable across recomputations so the workflow can diff obligations when facts change.
import { z } from 'zod';

export const recipientSchema = z.enum([
  'individuals',
  'regulator',
  'consumer_reporting_agencies',
  'media',
  'card_brands',
]);
export type Recipient = z.infer<typeof recipientSchema>;

export const obligationStatusSchema = z.enum(['required', 'needs_more_info', 'not_required']);
export type ObligationStatus = z.infer<typeof obligationStatusSchema>;

export const deadlineSchema = z.strictObject({
  kind: z.enum(['hours', 'days', 'business_days', 'months', 'without_unreasonable_delay']),
  /** Hours or days for fixed deadlines; null when the law only says "without unreasonable delay". */
  value: z.number().nullable(),
  /** What starts the clock: discovery/awareness, or a determination (breach, materiality, major). */
  trigger: z.enum(['awareness', 'determination']),
});
export type Deadline = z.infer<typeof deadlineSchema>;

export const ruleSourceSchema = z.strictObject({ name: z.string(), url: z.string() });
export type RuleSource = z.infer<typeof ruleSourceSchema>;

export const obligationSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  /** "EU", "GB", "US", a country code, or an ISO-3166-2 code such as "US-TX". */
  jurisdiction: z.string().regex(/^(?:EU|[A-Z]{2}(?:-[A-Z0-9]{1,3})?)$/),
  recipient: recipientSchema,
  authority: z.string().optional(),
  status: obligationStatusSchema,
  /**
   * The legal due instant (ISO-8601, UTC) where the law fixes one and it can be computed; else null. Hours:
   * that instant. Days, business days, months: the end (23:59:59.999) of the last day in the authority's time
   * zone and calendar (see clocks.ts).
   */
  due: z.iso.datetime().nullable(),
  deadline: deadlineSchema,
  citation: z.string(),
  /** Why the duty applies or not: thresholds, data categories, exemptions, and any caveat. */
  reason: z.string(),
  /** Notice template id, e.g. `regulator/gdpr-art33` or `individual/us-state`. */
  template: z.string(),
  /** Facts counsel must supply before the status can be settled (for `needs_more_info`). */
  missing: z.array(z.string()).optional(),
  /** Internal target where the law has no fixed deadline (or as an earlier working goal). */
  internalTarget: z.iso.datetime().optional(),
  /** Residents / data subjects counted towards this duty. */
  affectedCount: z.number().int().nonnegative().optional(),
  source: ruleSourceSchema,
  /** Date (YYYY-MM-DD) the rule text was last reviewed against its source. */
  lastReviewed: z.iso.date(),
  /** Caveats about the rule data itself (uncertainty, pending amendments). */
  note: z.string().optional(),
});
export type Obligation = z.infer<typeof obligationSchema>;

export const obligationChangeSchema = z.strictObject({
  id: z.string(),
  fields: z.array(z.string()),
  before: obligationSchema,
  after: obligationSchema,
  reason: z.string(),
});
export type ObligationChange = z.infer<typeof obligationChangeSchema>;

export const obligationDiffSchema = z.strictObject({
  added: z.array(obligationSchema),
  removed: z.array(obligationSchema),
  changed: z.array(obligationChangeSchema),
});
export type ObligationDiff = z.infer<typeof obligationDiffSchema>;
