// What HIPAA, the GDPR and the UK GDPR say a notice to individuals must contain. Summaries of the text as last
// reviewed; the EU and UK rules are the same article (34(2), pointing to 33(3)(b)-(d)) in two legal orders.
import type { ContentRuleInput } from './schema';

const REVIEWED = '2026-12-01';

export const HIPAA_CONTENT_RULE: ContentRuleInput = {
  id: 'US-HIPAA',
  name: 'HIPAA Breach Notification Rule',
  citation: '45 CFR § 164.404(c)',
  source: {
    name: 'eCFR',
    url: 'https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-D/section-164.404',
  },
  lastReviewed: REVIEWED,
  required: [
    { element: 'nature', citation: '§ 164.404(c)(1)(A): a brief description of what happened' },
    { element: 'breach_dates', citation: '§ 164.404(c)(1)(A): the date of the breach, if known' },
    { element: 'discovery_date', citation: '§ 164.404(c)(1)(A): the date of discovery, if known' },
    { element: 'data_types', citation: '§ 164.404(c)(1)(B)' },
    { element: 'steps_individual', citation: '§ 164.404(c)(1)(C)' },
    { element: 'actions_taken', citation: '§ 164.404(c)(1)(D)' },
    {
      element: 'contact_procedures',
      citation: '§ 164.404(c)(1)(E): a toll-free number, an email address, website or postal address',
    },
  ],
  note: 'written in plain language (§ 164.404(c)(2))',
};

const gdprRequired = (art: string) => [
  {
    element: 'nature' as const,
    citation: `${art} 34(2): the nature of the breach, in clear and plain language`,
  },
  { element: 'dpo_contact' as const, citation: `${art} 34(2) with 33(3)(b)` },
  { element: 'likely_consequences' as const, citation: `${art} 34(2) with 33(3)(c)` },
  { element: 'measures_taken' as const, citation: `${art} 34(2) with 33(3)(d)` },
];

export const GDPR_CONTENT_RULE: ContentRuleInput = {
  id: 'EU-GDPR',
  name: 'GDPR (EU and EEA)',
  citation: 'Regulation (EU) 2016/679, Art. 34(2) with Art. 33(3)(b)-(d)',
  source: { name: 'EUR-Lex', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' },
  lastReviewed: REVIEWED,
  required: gdprRequired('Art.'),
  note: 'EDPB Guidelines 9/2022: give the reader specific advice on protecting themselves',
};

export const UK_GDPR_CONTENT_RULE: ContentRuleInput = {
  id: 'GB-UKGDPR',
  name: 'UK GDPR',
  citation: 'UK GDPR Art. 34(2) with Art. 33(3)(b)-(d)',
  source: { name: 'legislation.gov.uk', url: 'https://www.legislation.gov.uk/eur/2016/679/article/34' },
  lastReviewed: REVIEWED,
  required: gdprRequired('UK GDPR Art.'),
};
