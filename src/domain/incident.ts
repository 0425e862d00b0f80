// The incident and its facts: what is known about the breach, changed during the investigation by messages
// that say who changed what and why.
import { z } from 'zod';

export const severitySchema = z.enum(['sev1', 'sev2', 'sev3', 'sev4']);
export type Severity = z.infer<typeof severitySchema>;

export const dataCategorySchema = z.enum([
  'name',
  'email',
  'password',
  'username',
  'security_qa',
  'ssn',
  'tax_id',
  'national_id',
  'drivers_license',
  'passport',
  'financial_account',
  'payment_card',
  'health',
  'medical_insurance',
  'genetic',
  'biometric',
  'date_of_birth',
  'address',
  'phone',
  'precise_geolocation',
  'ip_address',
  'other',
]);
export type DataCategory = z.infer<typeof dataCategorySchema>;

export const isoTimeSchema = z.iso.datetime({
  offset: true,
  message: 'an ISO-8601 time like 2026-11-24T09:30:00Z',
});

export const affectedGroupSchema = z
  .object({
    country: z.string().regex(/^[A-Z]{2}$/, 'an ISO-3166-1 alpha-2 code like "US" or "DE"'),
    region: z
      .string()
      .regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'an ISO-3166-2 code like "US-CA"')
      .optional(),
    count: z.number().int().min(0, 'a count of people, not negative'),
  })
  .refine((g) => !g.region || g.region.startsWith(`${g.country}-`), {
    message: 'region must belong to country (e.g. country "US", region "US-CA")',
    path: ['region'],
  });
export type AffectedGroup = z.infer<typeof affectedGroupSchema>;

export const entityProfileSchema = z
  .object({
    hipaaCoveredEntity: z.boolean().optional(),
    secRegistrant: z.boolean().optional(),
    nydfsCovered: z.boolean().optional(),
    glbaFinancialInstitution: z.boolean().optional(),
    paymentCards: z.boolean().optional(),
    nis2Entity: z.boolean().optional(),
    doraEntity: z.boolean().optional(),
  })
  .strict();

export const riskOfHarmSchema = z.enum(['none', 'low', 'high', 'unknown']);

export const incidentFactsSchema = z
  .object({
    title: z.string().trim().min(3, 'at least 3 characters').max(200),
    summary: z.string().max(10_000).default(''),
    severity: severitySchema,
    reporter: z.string().min(1),
    awareAt: isoTimeSchema.describe('when the company became aware of the breach (starts most clocks)'),
    determinedAt: isoTimeSchema.optional().describe('breach / materiality determination'),
    affectedSystems: z.array(z.string().min(1)).default([]),
    dataCategories: z.array(dataCategorySchema).default([]),
    estimatedAffected: z.number().int().min(0).default(0),
    affected: z.array(affectedGroupSchema).default([]),
    encrypted: z.boolean().default(false),
    keyCompromised: z.boolean().default(false),
    entity: entityProfileSchema.default({}),
    materialIncident: z.boolean().optional(),
    riskOfHarm: riskOfHarmSchema.optional(),
  })
  .strict();
export type IncidentFacts = z.infer<typeof incidentFactsSchema>;
export type IncidentFactsInput = z.input<typeof incidentFactsSchema>;

/** A change to the facts: any subset of fields, never the reporter. */
export const factsPatchSchema = incidentFactsSchema
  .omit({ reporter: true })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'change at least one fact' });
export type FactsPatch = z.infer<typeof factsPatchSchema>;

export const incidentIdSchema = z
  .string()
  .regex(/^INC-[0-9A-Z-]{4,40}$/, 'an incident id like INC-20261124-7F3K');

export function workflowIdFor(incidentId: string): string {
  return `incident-${incidentId}`;
}

export const incidentStatusSchema = z.enum(['open', 'closed']);
export type IncidentStatus = z.infer<typeof incidentStatusSchema>;
