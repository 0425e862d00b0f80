// What each authority's breach form asks, as data with its source: the fields of a state attorney general's
// online form, the HHS breach portal, the ICO's personal data breach report, an EU supervisory authority's
// notification under GDPR Art. 33(3), and SEC Form 8-K Item 1.05. Each field names where its value comes from
// (a fact, the notice profile, the obligation) or `manual`: counsel completes it. Pure (no I/O).
import { z } from 'zod';

export const FIELD_SOURCES = [
  'company.name',
  'company.address',
  'company.contact',
  'company.dpo',
  'incident.id',
  'facts.summary',
  'facts.awareAt',
  'facts.determinedAt',
  'facts.breachStartedAt',
  'facts.breachEndedAt',
  'facts.dataCategories',
  'facts.estimatedAffected',
  'facts.encrypted',
  'facts.contained',
  'facts.lawEnforcementDelay',
  'facts.servicesOffered',
  'facts.cyberAttack',
  'obligation.affectedCount',
  'obligation.due',
  'obligation.citation',
  'manual',
] as const;

export const formFieldSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9_]+$/),
  /** The form's own wording (shortened where long). */
  label: z.string().min(1),
  from: z.enum(FIELD_SOURCES),
  required: z.boolean(),
  /** The provision that asks for it, where it is not the form's general citation. */
  citation: z.string().optional(),
});
export type FormField = z.infer<typeof formFieldSchema>;

export const regulatorFormSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  authority: z.string().min(1),
  /** How it is filed. */
  channel: z.enum(['portal', 'email', 'edgar', 'post']),
  citation: z.string().min(1),
  source: z.strictObject({ name: z.string().min(1), url: z.url() }),
  lastReviewed: z.iso.date(),
  fields: z.array(formFieldSchema).min(1),
  note: z.string().optional(),
});
export type RegulatorForm = z.infer<typeof regulatorFormSchema>;

const REVIEWED = '2026-12-01';
const f = (
  id: string,
  label: string,
  from: FormField['from'],
  required = true,
  citation?: string,
): FormField => (citation ? { id, label, from, required, citation } : { id, label, from, required });

const RAW: RegulatorForm[] = [
  {
    id: 'us-state-ag',
    title: 'State attorney general data breach notification',
    authority: 'State Attorney General',
    channel: 'portal',
    citation: 'the state breach statute (see the obligation)',
    source: {
      name: 'National Association of Attorneys General: data breach notice links by state',
      url: 'https://www.naag.org/issues/consumer-protection/consumer-protection-101/privacy/data-breaches/',
    },
    lastReviewed: REVIEWED,
    note: 'the fields most state portals ask (e.g. California, Massachusetts, New York); a state form may ask more',
    fields: [
      f('organization', 'Name of the business or organization', 'company.name'),
      f('address', 'Address', 'company.address'),
      f('contact', 'Contact person, email and telephone', 'company.contact'),
      f('breach_dates', 'Date(s) of the breach', 'facts.breachStartedAt'),
      f('breach_end', 'End of the breach, if known', 'facts.breachEndedAt', false),
      f('discovery_date', 'Date the breach was discovered', 'facts.awareAt'),
      f('description', 'Description of the breach', 'facts.summary'),
      f('information', 'Personal information involved', 'facts.dataCategories'),
      f('residents_affected', 'Number of residents of this state affected', 'obligation.affectedCount'),
      f('total_affected', 'Total number of persons affected', 'facts.estimatedAffected'),
      f('encrypted', 'Was the information encrypted?', 'facts.encrypted'),
      f('le_delay', 'Was notice delayed by law enforcement?', 'facts.lawEnforcementDelay'),
      f('services', 'Identity-theft protection offered (duration, provider)', 'facts.servicesOffered', false),
      f('consumer_notice_date', 'Date notice was sent to residents', 'manual'),
      f(
        'notice_copy',
        'A sample copy of the notice sent to residents',
        'manual',
        true,
        'e.g. Cal. Civ. Code § 1798.82(f)',
      ),
    ],
  },
  {
    id: 'hhs-ocr-breach-portal',
    title:
      'HHS OCR breach portal: notice to the Secretary of a breach of unsecured protected health information',
    authority: 'HHS Office for Civil Rights',
    channel: 'portal',
    citation: '45 CFR 164.408',
    source: { name: 'HHS OCR breach portal', url: 'https://ocrportal.hhs.gov/ocr/breach/' },
    lastReviewed: REVIEWED,
    note: '500 or more individuals: within 60 days of discovery; fewer: within 60 days of the end of the calendar year',
    fields: [
      f('covered_entity', 'Name of covered entity', 'company.name'),
      f('entity_type', 'Type of covered entity (health plan, healthcare provider, clearinghouse)', 'manual'),
      f('address', 'Street address, city, state, ZIP', 'company.address'),
      f('contact', 'Contact name, telephone and email', 'company.contact'),
      f('business_associate', 'Breach at or by a business associate? (name and contact)', 'manual', false),
      f('breach_start', 'Breach start date', 'facts.breachStartedAt'),
      f('breach_end', 'Breach end date', 'facts.breachEndedAt', false),
      f('discovery_start', 'Discovery date', 'facts.awareAt'),
      f('individuals', 'Approximate number of individuals affected', 'obligation.affectedCount'),
      f(
        'breach_type',
        'Type of breach (hacking/IT incident, theft, loss, unauthorized access or disclosure, improper disposal)',
        'facts.cyberAttack',
      ),
      f(
        'location',
        'Location of breached information (network server, email, EHR, laptop, paper, …)',
        'manual',
      ),
      f(
        'phi_types',
        'Type of protected health information involved (demographic, financial, clinical, other)',
        'facts.dataCategories',
      ),
      f('description', 'Brief description of the breach', 'facts.summary'),
      f('safeguards', 'Safeguards in place prior to the breach', 'manual'),
      f('individual_notice_date', 'Date(s) individual notice was provided', 'manual'),
      f('substitute_notice', 'Was substitute notice required?', 'manual'),
      f('media_notice', 'Was media notice required?', 'manual'),
      f('actions', 'Actions taken in response to the breach', 'facts.contained'),
    ],
  },
  {
    id: 'ico-breach-report',
    title: 'ICO personal data breach report',
    authority: "Information Commissioner's Office",
    channel: 'portal',
    citation: 'UK GDPR Art. 33(3)',
    source: {
      name: 'ICO: report a breach',
      url: 'https://ico.org.uk/for-organisations/report-a-breach/personal-data-breach/',
    },
    lastReviewed: REVIEWED,
    note: 'an initial report within 72 hours may be followed by the rest in phases (Art. 33(4))',
    fields: [
      f('organisation', 'Organisation name and address', 'company.name'),
      f('contact', 'Contact details (DPO or other contact point)', 'company.dpo', true, 'Art. 33(3)(b)'),
      f('initial_or_followup', 'Initial report or follow-up to an earlier one', 'manual'),
      f('what_happened', 'What has happened', 'facts.summary', true, 'Art. 33(3)(a)'),
      f('when_happened', 'When did the breach happen', 'facts.breachStartedAt'),
      f('when_discovered', 'When did you discover the breach', 'facts.awareAt'),
      f('late_reason', 'If reported later than 72 hours, why', 'manual', false, 'Art. 33(1)'),
      f('categories', 'Categories of personal data involved', 'facts.dataCategories', true, 'Art. 33(3)(a)'),
      f(
        'subjects',
        'Approximate number of data subjects affected',
        'obligation.affectedCount',
        true,
        'Art. 33(3)(a)',
      ),
      f('records', 'Approximate number of personal data records concerned', 'manual', true, 'Art. 33(3)(a)'),
      f('consequences', 'Likely consequences of the breach', 'manual', true, 'Art. 33(3)(c)'),
      f(
        'measures',
        'Measures taken or proposed, including to mitigate its effects',
        'facts.contained',
        true,
        'Art. 33(3)(d)',
      ),
      f('subjects_told', 'Have the data subjects been told', 'manual'),
      f(
        'other_regulators',
        'Other regulators or authorities told (e.g. EU authorities, NCSC, police)',
        'manual',
        false,
      ),
    ],
  },
  {
    id: 'eu-sa-art33',
    title: 'Notification of a personal data breach to the supervisory authority',
    authority: 'the lead EU/EEA supervisory authority',
    channel: 'portal',
    citation: 'GDPR Art. 33(3)',
    source: {
      name: 'EUR-Lex: Regulation (EU) 2016/679',
      url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj',
    },
    lastReviewed: REVIEWED,
    note: 'each authority has its own form (e.g. BfDI, CNIL, AEPD); these are the contents Art. 33(3) requires of all',
    fields: [
      f('controller', 'Controller name and contact', 'company.name'),
      f('nature', 'Nature of the breach', 'facts.summary', true, 'Art. 33(3)(a)'),
      f('categories', 'Categories of personal data concerned', 'facts.dataCategories', true, 'Art. 33(3)(a)'),
      f(
        'subjects',
        'Categories and approximate number of data subjects',
        'obligation.affectedCount',
        true,
        'Art. 33(3)(a)',
      ),
      f(
        'records',
        'Categories and approximate number of personal data records',
        'manual',
        true,
        'Art. 33(3)(a)',
      ),
      f(
        'dpo',
        'Name and contact details of the DPO or other contact point',
        'company.dpo',
        true,
        'Art. 33(3)(b)',
      ),
      f('consequences', 'Likely consequences of the breach', 'manual', true, 'Art. 33(3)(c)'),
      f(
        'measures',
        'Measures taken or proposed, including to mitigate possible adverse effects',
        'facts.contained',
        true,
        'Art. 33(3)(d)',
      ),
      f('aware', 'When the controller became aware', 'facts.awareAt', true, 'Art. 33(1)'),
      f('delay_reasons', 'Reasons for a notification later than 72 hours', 'manual', false, 'Art. 33(1)'),
      f('cross_border', 'Cross-border processing: other authorities concerned', 'manual', false, 'Art. 56'),
    ],
  },
  {
    id: 'sec-8k-item-105',
    title: 'Form 8-K, Item 1.05 Material Cybersecurity Incidents',
    authority: 'U.S. Securities and Exchange Commission',
    channel: 'edgar',
    citation: 'Form 8-K Item 1.05; 17 CFR 229.106; General Instruction B.1 (four business days)',
    source: { name: 'SEC: Form 8-K', url: 'https://www.sec.gov/files/form8-k.pdf' },
    lastReviewed: REVIEWED,
    note: 'due four business days after the registrant determines the incident is material (Item 1.05(a))',
    fields: [
      f('registrant', 'Exact name of registrant as specified in its charter', 'company.name'),
      f('cik', 'Commission file number / CIK', 'manual'),
      f('report_date', 'Date of report (date of earliest event reported)', 'facts.determinedAt'),
      f('nature', 'Material aspects of the nature of the incident', 'facts.summary', true, 'Item 1.05(a)'),
      f(
        'scope',
        'Material aspects of the scope of the incident',
        'facts.dataCategories',
        true,
        'Item 1.05(a)',
      ),
      f(
        'timing',
        'Material aspects of the timing of the incident',
        'facts.breachStartedAt',
        true,
        'Item 1.05(a)',
      ),
      f(
        'impact',
        'Material impact or reasonably likely material impact, including on financial condition and results of operations',
        'manual',
        true,
        'Item 1.05(a)',
      ),
      f(
        'not_determined',
        'Information not determined or unavailable at the time of filing',
        'manual',
        false,
        'Item 1.05, Instruction 2',
      ),
      f(
        'ag_delay',
        'Attorney General determination that disclosure poses a substantial risk to national security or public safety',
        'facts.lawEnforcementDelay',
        false,
        'Item 1.05(c)',
      ),
      f('signature', 'Signature, name and title of the signing officer', 'manual'),
    ],
  },
];

export const REGULATOR_FORMS: ReadonlyMap<string, RegulatorForm> = new Map(
  RAW.map((r) => {
    const parsed = regulatorFormSchema.safeParse(r);
    if (!parsed.success) throw new Error(`regulator form ${r.id}: ${parsed.error.message}`);
    return [r.id, parsed.data];
  }),
);

/** The form an obligation to an authority is filed on (undefined: none modelled yet, the generic notice). */
export function formFor(o: {
  template: string;
  jurisdiction: string;
  recipient: string;
}): RegulatorForm | undefined {
  if (o.recipient !== 'regulator') return undefined;
  const t = o.template;
  if (t === 'regulator/sec-8k') return REGULATOR_FORMS.get('sec-8k-item-105');
  if (t === 'regulator/hhs-ocr') return REGULATOR_FORMS.get('hhs-ocr-breach-portal');
  if (t === 'regulator/ico-art33') return REGULATOR_FORMS.get('ico-breach-report');
  if (t === 'regulator/gdpr-art33') return REGULATOR_FORMS.get('eu-sa-art33');
  if (t.startsWith('ag/')) return REGULATOR_FORMS.get('us-state-ag');
  return undefined;
}
