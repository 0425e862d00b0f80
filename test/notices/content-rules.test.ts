// Every customer template, in every locale and every reader variant, checked against the content rules of
// the variant's laws; and the rules themselves: what each law requires, forbids, and how the check reports it.
import { CONTENT_RULES, contentRuleSchema, noticeElements } from '../../src/domain/notice-content';
import { incidentFactsSchema } from '../../src/domain/incident';
import { incidentNoticeData } from '../../src/domain/notice';
import { findingsOf } from '../../src/notices/compliance';
import { renderCustomerContent, templateLocales } from '../../src/notices/draft';
import { NoticeRenderer } from '../../src/notices/render';
import { TEMPLATES_DIR } from '../../src/paths';
import { sampleFacts } from '../support/people';

const profile = {
  companyName: 'Acme Bank & Co',
  contactEmail: 'privacy@acme.example',
  contactPhone: '1-800-555-0100',
  website: 'acme.example/incident',
  postalAddress: '1 Main St, Springfield, IL 62701',
  dpoContact: 'Dana Protect, dpo@acme.example',
  offer: { provider: 'IdShield', enrollUrl: 'idshield.example/acme', phone: '1-800-555-0111' },
};
const complete = incidentFactsSchema.parse(
  sampleFacts({
    summary: 'An attacker used a stolen password to copy part of our customer database.',
    awareAt: '2026-12-01T05:28:32.403Z',
    breachStartedAt: '2026-11-20T10:00:00Z',
    breachEndedAt: '2026-11-28T18:00:00Z',
    dataCategories: ['name', 'ssn', 'drivers_license', 'email', 'password'],
    servicesOffered: { kind: 'credit_monitoring', months: 24, enrollBy: '2027-03-01T00:00:00Z' },
    estimatedAffected: 203,
    entity: { hipaaCoveredEntity: false },
  }),
);
const incidentId = 'INC-20261201-AB12';
const incident = incidentNoticeData(incidentId, complete, '2026-12-03T15:00:00Z');
const renderer = new NoticeRenderer(TEMPLATES_DIR, 'notices/customer', profile);
const person = (locale: string, country: string, region?: string) => ({
  name: 'Ana <b>&',
  email: 'ana@example.test',
  locale,
  country,
  ...(region ? { region } : {}),
  dataCategories: complete.dataCategories,
});

/** A reader for every rule (each state's residents, HIPAA via the entity flag, the EU and the UK) and none. */
const READERS: { country: string; region?: string; hipaa?: boolean }[] = [
  { country: 'US' },
  ...[...CONTENT_RULES.keys()]
    .filter((id) => id.startsWith('US-') && id !== 'US-HIPAA')
    .map((region) => ({ country: 'US', region })),
  { country: 'US', region: 'US-TX', hipaa: true },
  { country: 'DE' },
  { country: 'FR' },
  { country: 'GB' },
  { country: 'JP' },
];

describe('notice content rules', () => {
  it('are data with citation, source and review date, and name only known elements', () => {
    expect(CONTENT_RULES.size).toBeGreaterThanOrEqual(22);
    for (const rule of CONTENT_RULES.values()) {
      expect(contentRuleSchema.safeParse(rule).success).toBe(true);
      expect(rule.source.url).toMatch(/^https:\/\//);
      expect(rule.lastReviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const r of [...rule.required, ...rule.forbidden]) expect(noticeElements[r.element]).toBeDefined();
    }
    expect(
      CONTENT_RULES.get('US-MA')!
        .forbidden.map((f) => f.element)
        .sort(),
    ).toEqual(['nature', 'number_affected']);
    expect(CONTENT_RULES.get('US-CA')!.title).toEqual({ en: 'Notice of Data Breach' });
    expect(CONTENT_RULES.get('EU-GDPR')!.citation).toContain('Art. 34(2)');
  });

  it('every locale and every reader variant passes the rules when the facts are complete', () => {
    const locales = templateLocales(TEMPLATES_DIR, 'notices/customer');
    expect(locales).toEqual(['de', 'en', 'es', 'fr', 'it', 'ja', 'nl', 'pl', 'pt']);
    let checked = 0;
    for (const locale of locales)
      for (const reader of READERS) {
        const facts = reader.hipaa ? { ...complete, entity: { hipaaCoveredEntity: true } } : complete;
        const n = renderer.render({
          incident: { ...incident, entity: facts.entity },
          recipient: person(locale, reader.country, reader.region),
        });
        const findings = findingsOf(n, facts.dataCategories, locale);
        expect({ locale, variant: n.variant, findings }).toEqual({
          locale,
          variant: n.variant,
          findings: [],
        });
        // Every part says the same: the text has every heading, the HTML escapes what the text shows raw.
        for (const s of n.structure.sections) expect(n.text).toContain(s.heading.toLocaleUpperCase());
        expect(n.text).toContain('Ana <b>&');
        expect(n.html).toContain('Ana &lt;b&gt;&amp;');
        expect(n.html).not.toContain('<b>');
        expect(n.subject).toContain('Acme Bank & Co');
        expect(n.subject).not.toMatch(/[\r\n]/);
        checked += 1;
      }
    expect(checked).toBe(9 * READERS.length);
  });

  it('gives Massachusetts residents a notice without the nature of the breach or the number affected', () => {
    const ma = renderer.render({ incident, recipient: person('en', 'US', 'US-MA') });
    const ca = renderer.render({ incident, recipient: person('en', 'US', 'US-CA') });
    expect(ma.variant).toBe('US-MA');
    expect(ca.text).toContain('An attacker used a stolen password');
    expect(ma.text).not.toContain('An attacker used a stolen password');
    expect(ma.structure.elements).not.toContain('nature');
    expect(ma.text).toContain('You have the right to obtain a police report');
    expect(ma.text).toMatch(/Placing, lifting or removing a freeze is free/);
    expect(ma.text).toContain('24 months of credit monitoring from IdShield');
    // A summary that quotes the number of people is caught wherever it goes (Mass. and Ill. forbid it).
    const counted = { ...incident, summary: 'The records of 203 customers were copied.' };
    const il = renderer.render({ incident: counted, recipient: person('en', 'US', 'US-IL') });
    expect(findingsOf(il, complete.dataCategories, 'en')).toEqual([
      expect.objectContaining({ jurisdiction: 'US-IL', kind: 'forbidden', element: 'number_affected' }),
    ]);
  });

  it('states facts, not boilerplate: dates in words in the reader’s zone and language, data in plain words', () => {
    const ca = renderer.render({ incident, recipient: person('en', 'US', 'US-CA') });
    // 05:28 UTC on 1 December is still 30 November in California.
    expect(ca.text).toContain('We discovered it on November 30, 2026.');
    expect(ca.text).toContain('between November 20, 2026 and November 28, 2026');
    expect(ca.text).toContain('Date of this notice: December 3, 2026.');
    expect(ca.text).toContain('This notice was not delayed by a law-enforcement investigation.');
    expect(ca.text).toContain(
      "your name, your Social Security number, your driver's license number, your email address, and your password",
    );
    expect(ca.text).not.toContain('2026-12-01T05:28');
    const de = renderer.render({ incident, recipient: person('de', 'DE') });
    expect(de.text).toContain('Wir haben ihn am 1. Dezember 2026 entdeckt.');
    expect(de.text).toContain('Ihre Sozialversicherungsnummer');
    expect(de.text).toContain('Dana Protect, dpo@acme.example');
    const ja = renderer.render({ incident, recipient: person('ja', 'JP') });
    expect(ja.text).toContain('当社は2026年12月1日にこの事案を把握しました。');
    expect(ja.text).not.toMatch(/[\u3040-\u9fff] [\u3040-\u9fff]/);
    const uncontained = renderer.render({
      incident: { ...incident, contained: false, lawEnforcementDelay: true },
      recipient: person('en', 'US', 'US-CA'),
    });
    expect(uncontained.text).toContain('We have not yet fully contained the incident');
    expect(uncontained.text).toContain('a law-enforcement agency told us');
    expect(uncontained.text).not.toContain('has been contained');
  });

  it('reports what is missing per jurisdiction, with its citation, when the facts do not say it', () => {
    const thin = incidentFactsSchema.parse(
      sampleFacts({
        breachStartedAt: undefined,
        lawEnforcementDelay: undefined,
        dataCategories: ['name', 'ssn'],
        affected: [
          { country: 'US', region: 'US-CA', count: 5 },
          { country: 'US', region: 'US-MA', count: 5 },
        ],
        entity: { hipaaCoveredEntity: true },
      }),
    );
    const c = renderCustomerContent(
      TEMPLATES_DIR,
      'notices/customer',
      incidentNoticeData(incidentId, thin, '2026-12-03T15:00:00Z'),
      thin,
    ).compliance;
    expect(c.ok).toBe(false);
    expect(c.variants).toEqual(['US-HIPAA', 'US-CA+US-HIPAA', 'US-MA+US-HIPAA']);
    const line = (jurisdiction: string, element: string, variant?: string) =>
      c.findings.find(
        (f) =>
          f.jurisdiction === jurisdiction && f.element === element && (!variant || f.variant === variant),
      );
    expect(line('US-CA', 'law_enforcement_delay')).toMatchObject({ citation: '§ 1798.82(d)(2)(E)' });
    expect(line('US-CA', 'breach_dates')?.locales).toHaveLength(9);
    expect(line('US-CA', 'identity_theft_services')?.message).toContain('12 months');
    expect(line('US-MA', 'identity_theft_services')?.citation).toBe('c. 93H, § 3A(a)');
    // HIPAA wants a description of what happened; Massachusetts forbids it: left out, and said why.
    expect(line('US-HIPAA', 'nature', 'US-MA+US-HIPAA')?.message).toContain(
      'left out because US-MA forbids it',
    );
    expect(line('US-HIPAA', 'nature', 'US-CA+US-HIPAA')).toBeUndefined();
  });

  it('checks the title and the prescribed headings of California notices word for word', () => {
    const n = renderer.render({ incident, recipient: person('en', 'US', 'US-CA') });
    const edited = {
      ...n,
      structure: {
        ...n.structure,
        title: 'Important notice',
        sections: n.structure.sections.map((s) =>
          s.id === 'what_happened' ? { ...s, heading: 'Summary' } : s,
        ),
      },
    };
    expect(findingsOf(edited, complete.dataCategories, 'en').map((f) => f.kind)).toEqual([
      'title',
      'headings',
    ]);
    const es = renderer.render({ incident, recipient: person('es', 'US', 'US-CA') });
    expect(findingsOf(es, complete.dataCategories, 'es')).toEqual([]);
  });
});
