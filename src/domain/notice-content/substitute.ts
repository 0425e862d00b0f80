// Substitute notice: where a law lets a website posting and a media notice stand in for individual notice, and
// when (cost of notice, number of people, no usable contact details). Data with citation, source and review
// date; whether an incident qualifies is for counsel, this says what the statutes allow.
import { z } from 'zod';

export const substituteChannelSchema = z.enum(['email', 'website', 'media', 'toll_free_number']);

export const substituteRuleSchema = z.strictObject({
  /** The content-rule jurisdiction id (US-CA, US-HIPAA, EU-GDPR, GB-UKGDPR). */
  jurisdiction: z.string().min(2),
  citation: z.string().min(1),
  source: z.strictObject({ name: z.string().min(1), url: z.url() }),
  lastReviewed: z.iso.date(),
  /** Allowed when notice would cost more than this (US dollars). */
  costOverUsd: z.number().int().positive().optional(),
  /** Allowed when more people than this are to be notified. */
  affectedOver: z.number().int().positive().optional(),
  /** Allowed when contact details are missing or out of date (HIPAA: for this many people or more). */
  insufficientContact: z.union([z.literal(true), z.strictObject({ atLeast: z.number().int().positive() })]),
  /** Allowed when individual notice would involve disproportionate effort (GDPR Art. 34(3)(c)). */
  disproportionateEffort: z.boolean().optional(),
  /** What the substitute notice consists of, all of them. */
  channels: z.array(substituteChannelSchema).min(1),
  /** How long the website posting stays up, where the law says. */
  websiteDays: z.number().int().positive().optional(),
  note: z.string().optional(),
});
export type SubstituteRule = z.infer<typeof substituteRuleSchema>;

const REVIEWED = '2026-12-01';
const US_THREE = ['email', 'website', 'media'] as const;

const RAW: SubstituteRule[] = [
  {
    jurisdiction: 'US-CA',
    citation: 'Cal. Civ. Code § 1798.82(j)(3)',
    source: {
      name: 'California Legislative Information',
      url: 'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=CIV&sectionNum=1798.82',
    },
    lastReviewed: REVIEWED,
    costOverUsd: 250_000,
    affectedOver: 500_000,
    insufficientContact: true,
    channels: [...US_THREE],
    websiteDays: 30,
    note: 'the posting is a link on the home page or first significant page, in larger type or contrasting colour',
  },
  {
    jurisdiction: 'US-NY',
    citation: 'N.Y. Gen. Bus. Law § 899-aa(5)(d)',
    source: { name: 'New York State Senate', url: 'https://www.nysenate.gov/legislation/laws/GBS/899-AA' },
    lastReviewed: REVIEWED,
    costOverUsd: 250_000,
    affectedOver: 500_000,
    insufficientContact: true,
    channels: [...US_THREE],
    note: 'email substitute notice is not allowed where the breached data included the email address and password',
  },
  {
    jurisdiction: 'US-MA',
    citation: 'Mass. Gen. Laws ch. 93H, § 1 ("substitute notice")',
    source: {
      name: 'The 194th General Court of Massachusetts',
      url: 'https://malegislature.gov/Laws/GeneralLaws/PartI/TitleXV/Chapter93H/Section1',
    },
    lastReviewed: REVIEWED,
    costOverUsd: 250_000,
    affectedOver: 500_000,
    insufficientContact: true,
    channels: [...US_THREE],
  },
  {
    jurisdiction: 'US-IL',
    citation: '815 ILCS 530/10(c)',
    source: {
      name: 'Illinois General Assembly',
      url: 'https://www.ilga.gov/legislation/ilcs/ilcs3.asp?ActID=2702&ChapterID=67',
    },
    lastReviewed: REVIEWED,
    costOverUsd: 250_000,
    affectedOver: 500_000,
    insufficientContact: true,
    channels: [...US_THREE],
  },
  {
    jurisdiction: 'US-TX',
    citation: 'Tex. Bus. & Com. Code § 521.053(f)',
    source: {
      name: 'Texas Constitution and Statutes',
      url: 'https://statutes.capitol.texas.gov/Docs/BC/htm/BC.521.htm',
    },
    lastReviewed: REVIEWED,
    costOverUsd: 250_000,
    affectedOver: 500_000,
    insufficientContact: true,
    channels: [...US_THREE],
  },
  {
    jurisdiction: 'US-FL',
    citation: 'Fla. Stat. § 501.171(6)(b)',
    source: { name: 'The Florida Senate', url: 'https://www.flsenate.gov/Laws/Statutes/2024/501.171' },
    lastReviewed: REVIEWED,
    costOverUsd: 250_000,
    affectedOver: 500_000,
    insufficientContact: true,
    channels: ['website', 'media'],
    note: 'a conspicuous notice on the website and notice in print and broadcast media where the affected reside',
  },
  {
    jurisdiction: 'US-HIPAA',
    citation: '45 CFR 164.404(d)(2)',
    source: {
      name: 'eCFR',
      url: 'https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-D/section-164.404',
    },
    lastReviewed: REVIEWED,
    insufficientContact: { atLeast: 10 },
    channels: ['website', 'media', 'toll_free_number'],
    websiteDays: 90,
    note: 'fewer than 10 people without contact details: an alternative written notice, telephone or other means; posting or media notice, with a toll-free number active at least 90 days, for 10 or more',
  },
  {
    jurisdiction: 'EU-GDPR',
    citation: 'GDPR Art. 34(3)(c)',
    source: { name: 'EUR-Lex', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' },
    lastReviewed: REVIEWED,
    insufficientContact: true,
    disproportionateEffort: true,
    channels: ['website', 'media'],
    note: 'a public communication or similar measure whereby the data subjects are informed in an equally effective manner',
  },
  {
    jurisdiction: 'GB-UKGDPR',
    citation: 'UK GDPR Art. 34(3)(c)',
    source: { name: 'legislation.gov.uk', url: 'https://www.legislation.gov.uk/eur/2016/679/article/34' },
    lastReviewed: REVIEWED,
    insufficientContact: true,
    disproportionateEffort: true,
    channels: ['website', 'media'],
  },
];

export const SUBSTITUTE_RULES: ReadonlyMap<string, SubstituteRule> = new Map(
  RAW.map((r) => {
    const parsed = substituteRuleSchema.safeParse(r);
    if (!parsed.success) throw new Error(`substitute notice rule ${r.jurisdiction}: ${parsed.error.message}`);
    return [r.jurisdiction, parsed.data];
  }),
);

export interface SubstituteQuestion {
  /** People this law's notice goes to. */
  affected: number;
  /** People among them with no usable contact details (no email and no postal address, or both failed). */
  unreachable: number;
  /** What individual notice would cost, when counsel has an estimate. */
  estimatedCostUsd?: number;
}

/** Which of the statute's grounds for substitute notice the figures meet (empty: none, or no such rule). */
export function substituteGrounds(rule: SubstituteRule, q: SubstituteQuestion): string[] {
  const grounds: string[] = [];
  if (rule.affectedOver && q.affected > rule.affectedOver)
    grounds.push(`more than ${rule.affectedOver.toLocaleString('en-US')} people to notify`);
  if (rule.costOverUsd && q.estimatedCostUsd !== undefined && q.estimatedCostUsd > rule.costOverUsd)
    grounds.push(`notice would cost more than $${rule.costOverUsd.toLocaleString('en-US')}`);
  const atLeast = rule.insufficientContact === true ? 1 : rule.insufficientContact.atLeast;
  if (q.unreachable >= atLeast) grounds.push(`${q.unreachable} without sufficient contact information`);
  return grounds;
}
