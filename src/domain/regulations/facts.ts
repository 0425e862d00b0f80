// The incident facts the obligations engine reasons about: what was exposed, whose, when, and by whom.
// One zod schema is the contract for the CLI, the workflow and the tests.
import { z } from 'zod';
import { countryCodeProblem, regionCodeProblem } from './iso3166';

export const dataCategories = [
  'name',
  'email',
  'username',
  'password',
  'security_qa',
  'ssn',
  'tax_id',
  'national_id',
  'drivers_license',
  'passport',
  'military_id',
  'financial_account',
  'payment_card',
  /** A security code, access code, PIN or password that opens a financial account or card. */
  'security_code',
  'health',
  'medical_insurance',
  'biometric',
  'genetic',
  'date_of_birth',
  'address',
  'phone',
  'precise_geolocation',
] as const;

export const dataCategorySchema = z.enum(dataCategories);
export type DataCategory = z.infer<typeof dataCategorySchema>;

const isoInstant = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time with offset or Z' });

/** An ISO 3166-1 alpha-2 code; anything else is refused with a hint ("UK ...: did you mean GB?"). */
export const countryCodeSchema = z.string().superRefine((code, ctx) => {
  const problem = countryCodeProblem(code);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const affectedGroupSchema = z
  .strictObject({
    country: countryCodeSchema,
    region: z
      .string()
      .regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'must be an ISO-3166-2 subdivision code such as US-CA')
      .optional(),
    count: z.number().int('must be an integer').nonnegative('must not be negative'),
  })
  .superRefine((group, ctx) => {
    if (!group.region || countryCodeProblem(group.country)) return;
    if (!group.region.startsWith(`${group.country}-`)) {
      ctx.addIssue({
        code: 'custom',
        path: ['region'],
        message: `region ${group.region} does not belong to country ${group.country}`,
      });
      return;
    }
    const problem = regionCodeProblem(group.country, group.region);
    if (problem) ctx.addIssue({ code: 'custom', path: ['region'], message: problem });
  });
export type AffectedGroup = z.infer<typeof affectedGroupSchema>;

export const entityFlagsSchema = z.strictObject({
  hipaaCoveredEntity: z.boolean().optional(),
  secRegistrant: z.boolean().optional(),
  nydfsCovered: z.boolean().optional(),
  glbaFinancialInstitution: z.boolean().optional(),
  paymentCards: z.boolean().optional(),
  nis2Entity: z.boolean().optional(),
  doraEntity: z.boolean().optional(),
});

export const riskOfHarmSchema = z.enum(['none', 'low', 'high', 'unknown']);

export const obligationFactsSchema = z
  .strictObject({
    /** When the organisation became aware of (discovered) the incident. */
    awareAt: isoInstant,
    /** When the breach, or its materiality / significance, was determined. */
    determinedAt: isoInstant.optional(),
    dataCategories: z.array(dataCategorySchema),
    encrypted: z.boolean(),
    keyCompromised: z.boolean(),
    affected: z.array(affectedGroupSchema),
    entity: entityFlagsSchema.default({}),
    /** Materiality (SEC), significance (NIS2) or "major" classification (DORA) of the incident. */
    materialIncident: z.boolean().optional(),
    riskOfHarm: riskOfHarmSchema.optional(),
    /** Extension: caused by a malicious external act such as hacking or ransomware (APPI, PIPA). */
    cyberAttack: z.boolean().optional(),
    /**
     * Extension: the country of the controller's main (or only) establishment. In the EU/EEA it names the
     * lead supervisory authority a regulator notice is addressed to (GDPR Art. 56).
     */
    establishment: countryCodeSchema.optional(),
  })
  .superRefine((facts, ctx) => {
    if (facts.determinedAt && Date.parse(facts.determinedAt) < Date.parse(facts.awareAt)) {
      ctx.addIssue({ code: 'custom', path: ['determinedAt'], message: 'must not be before awareAt' });
    }
  });
export type ObligationFacts = z.infer<typeof obligationFactsSchema>;
/** The facts as accepted on input (entity may be omitted). */
export type ObligationFactsInput = z.input<typeof obligationFactsSchema>;

export interface FactsIssue {
  /** Field path in the JSON, e.g. `dataCategories[2]` or `affected[0].region`. */
  path: string;
  message: string;
}

/** Renders a zod issue path as `a.b[2].c`; the root is `(root)`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

export type ParseFactsResult = { ok: true; facts: ObligationFacts } | { ok: false; issues: FactsIssue[] };

/** Validates untrusted facts, returning field-addressed issues instead of throwing. */
export function parseObligationFacts(input: unknown): ParseFactsResult {
  const result = obligationFactsSchema.safeParse(input);
  if (result.success) return { ok: true, facts: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      const path = keys.length === 1 ? [...issue.path, keys[0] as string] : issue.path;
      return { path: formatIssuePath(path), message: issue.message };
    }),
  };
}
