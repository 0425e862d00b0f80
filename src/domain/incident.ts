// The incident and its facts: what is known about the breach, changed during the investigation by messages
// that say who changed what and why.
import { z } from 'zod';
import { unsafeTextReason } from './text';
import {
  affectedGroupSchema,
  countryCodeSchema,
  dataCategorySchema,
  entityFlagsSchema,
  riskOfHarmSchema,
  type ObligationFacts,
} from './regulations/facts';

// Data categories, residency groups, entity flags and risk are owned by the regulations engine's facts.
export { affectedGroupSchema, dataCategorySchema, riskOfHarmSchema };
export type { AffectedGroup, DataCategory } from './regulations/facts';

export const severitySchema = z.enum(['sev1', 'sev2', 'sev3', 'sev4']);
export type Severity = z.infer<typeof severitySchema>;

export const isoTimeSchema = z.iso.datetime({
  offset: true,
  message: 'an ISO-8601 time like 2026-11-24T09:30:00Z',
});

/** Identity-theft protection offered to the people notified (provider and how to enrol come from configuration). */
export const servicesOfferedSchema = z.strictObject({
  kind: z.enum(['credit_monitoring', 'identity_protection']),
  months: z.number().int().min(1).max(120),
  enrollBy: isoTimeSchema.optional().describe('last day to enrol'),
});

/** Every fact as a field, without defaults: the shape a patch is checked against. */
const factFields = {
  title: z.string().trim().min(3, 'at least 3 characters').max(200),
  summary: z.string().max(10_000),
  severity: severitySchema,
  reporter: z.string().min(1),
  awareAt: isoTimeSchema.describe('when the company became aware of the breach (starts most clocks)'),
  determinedAt: isoTimeSchema.optional().describe('breach / materiality determination'),
  affectedSystems: z.array(z.string().min(1)),
  dataCategories: z.array(dataCategorySchema),
  estimatedAffected: z.number().int().min(0),
  affected: z.array(affectedGroupSchema),
  encrypted: z.boolean(),
  keyCompromised: z.boolean(),
  entity: entityFlagsSchema,
  materialIncident: z.boolean().optional(),
  riskOfHarm: riskOfHarmSchema.optional(),
  cyberAttack: z.boolean().optional().describe('caused by a malicious act such as hacking or ransomware'),
  restricted: z
    .boolean()
    .optional()
    .describe('need to know: only participants, commanders, legal and auditors see the incident'),
  establishment: countryCodeSchema
    .optional()
    .describe("country of the controller's main establishment (names the lead EU/EEA authority)"),
  // What the customer notice states: facts, never boilerplate (unset = not known, and the notice says nothing).
  breachStartedAt: isoTimeSchema.optional().describe('when the breach began (or the only date known)'),
  breachEndedAt: isoTimeSchema.optional().describe('when the breach ended'),
  contained: z.boolean().optional().describe('the incident has been contained'),
  lawEnforcementDelay: z
    .boolean()
    .optional()
    .describe('notice was delayed at the request of a law-enforcement investigation'),
  servicesOffered: servicesOfferedSchema.optional(),
};

export const incidentFactsSchema = z
  .object({
    ...factFields,
    summary: factFields.summary.default(''),
    affectedSystems: factFields.affectedSystems.default([]),
    dataCategories: factFields.dataCategories.default([]),
    estimatedAffected: factFields.estimatedAffected.default(0),
    affected: factFields.affected.default([]),
    encrypted: factFields.encrypted.default(false),
    keyCompromised: factFields.keyCompromised.default(false),
    entity: factFields.entity.default({}),
  })
  .strict();
export type IncidentFacts = z.infer<typeof incidentFactsSchema>;
export type IncidentFactsInput = z.input<typeof incidentFactsSchema>;

/** The facts of a new incident: the stored shape, and the rules of new input (checkNewFacts) as of `now`. */
export const declaredFactsSchema = (now = Date.now()) =>
  incidentFactsSchema.superRefine((f, ctx) => checkNewFacts(f, ctx, now));

/** How far ahead of this clock an awareness time may be (another clock may run a little ahead). */
export const AWARE_AT_SKEW_MS = 5 * 60_000;

/**
 * The rules of new input that stored facts are not re-checked against (an incident declared before a rule
 * existed must still take changes): no control characters or bidi overrides in the texts, and no awareness
 * time in the future (it would start the legal clocks late). Every edge's declare and facts change.
 */
export function checkNewFacts(
  f: Partial<Pick<IncidentFacts, 'title' | 'summary' | 'reporter' | 'affectedSystems' | 'awareAt'>>,
  ctx: z.RefinementCtx,
  now = Date.now(),
): void {
  const text = (path: (string | number)[], value: string | undefined, multiline: boolean) => {
    const reason = value === undefined ? undefined : unsafeTextReason(value, multiline);
    if (reason) ctx.addIssue({ code: 'custom', path, message: reason });
  };
  text(['title'], f.title, false);
  text(['summary'], f.summary, true);
  text(['reporter'], f.reporter, false);
  f.affectedSystems?.forEach((s, i) => text(['affectedSystems', i], s, false));
  if (f.awareAt !== undefined && Date.parse(f.awareAt) > now + AWARE_AT_SKEW_MS)
    ctx.addIssue({ code: 'custom', path: ['awareAt'], message: 'must not be in the future' });
}

/** A change to the facts: any subset of fields (no defaults filled in), never the reporter nor who may see it. */
export const factsPatchSchema = z
  .object(factFields)
  .omit({ reporter: true, restricted: true })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'change at least one fact' })
  .superRefine((p, ctx) => checkNewFacts(p, ctx));

export const incidentIdSchema = z
  .string()
  .regex(/^INC-[0-9A-Z-]{4,40}$/, 'an incident id like INC-20261124-7F3K');

export function workflowIdFor(incidentId: string): string {
  return `incident-${incidentId}`;
}

export function incidentIdFromWorkflowId(workflowId: string): string | undefined {
  return workflowId.startsWith('incident-') ? workflowId.slice('incident-'.length) : undefined;
}

export const incidentStatusSchema = z.enum(['open', 'closed']);
export type IncidentStatus = z.infer<typeof incidentStatusSchema>;

/** The facts the obligations engine reasons about, taken from the incident's facts. */
export function toObligationFacts(f: IncidentFacts): ObligationFacts {
  return {
    awareAt: f.awareAt,
    determinedAt: f.determinedAt,
    dataCategories: f.dataCategories,
    encrypted: f.encrypted,
    keyCompromised: f.keyCompromised,
    affected: f.affected,
    entity: f.entity,
    materialIncident: f.materialIncident,
    riskOfHarm: f.riskOfHarm,
    cyberAttack: f.cyberAttack,
    ...(f.establishment ? { establishment: f.establishment } : {}),
  };
}
