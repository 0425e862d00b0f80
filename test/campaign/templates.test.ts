// Notice templates: per-person data checked with zod before rendering, strict templates, escaping, and the
// campaign's start check that what goes out is what legal approved.
import { cpSync, mkdtempSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCampaignActivities } from '../../activities/campaign';
import { createTemplateActivities } from '../../activities/templates';
import { incidentFactsSchema } from '../../src/domain/incident';
import { incidentNoticeData } from '../../src/domain/notice';
import { NoticeDataError, NoticeRenderer, NoticeTemplateError } from '../../src/notices/render';
import { TEST_KEYS } from '../support/temporal';
import { sampleFacts } from '../support/people';
import { importPeople, recipientsDir } from './helpers';
import { TEMPLATES_DIR } from '../../src/paths';

const facts = incidentFactsSchema.parse(sampleFacts());
const incident = incidentNoticeData('INC-20261124-TEST', facts);
const person = {
  name: 'Ana <b>',
  email: 'ana@example.test',
  locale: 'es',
  country: 'MX',
  dataCategories: ['email'],
};

describe('notice templates', () => {
  const renderer = new NoticeRenderer(TEMPLATES_DIR, 'notices/customer');

  it('renders text and escaped HTML per locale with the five headings', () => {
    const en = renderer.render({ incident, recipient: { ...person, locale: 'en' } });
    for (const h of [
      'What Happened',
      'What Information Was Involved',
      'What We Are Doing',
      'What You Can Do',
      'For More Information',
    ])
      expect(en.html).toContain(`<h2 style="font-size: 13pt">${h}</h2>`);
    expect(en.html).toContain('<h1 style="font-size: 16pt">Notice of Data Breach</h1>');
    expect(en.text).toContain('Dear Ana <b>,');
    expect(en.html).toContain('Ana &lt;b&gt;');
    const es = renderer.render({ incident, recipient: person });
    expect(es.subject).toBe(
      'Breachplan: aviso de una filtración de datos que afecta a su información personal',
    );
    expect(es.text).toContain('QUÉ HA OCURRIDO');
  });

  it('refuses data with a missing or empty field before rendering, naming it', () => {
    expect(() => renderer.render({ incident, recipient: { ...person, name: '  ' } })).toThrow(
      NoticeDataError,
    );
    expect(() => renderer.render({ incident, recipient: { ...person, name: '' } })).toThrow(
      /recipient\.name/,
    );
    expect(() => renderer.render({ incident, recipient: { ...person, dataCategories: [] } })).toThrow(
      /recipient\.dataCategories/,
    );
    expect(() => renderer.render({ incident: { ...incident, summary: '' }, recipient: person })).toThrow(
      /incident\.summary/,
    );
    // A person without an email address is rendered (a printed letter); one without a country is not.
    expect(() =>
      renderer.renderFor(NoticeRenderer.checkIncident(incident), { ...person, country: undefined }),
    ).toThrow(/recipient\.country/);
    expect(
      renderer.renderFor(NoticeRenderer.checkIncident(incident), { ...person, email: undefined }).text,
    ).toContain(person.name);
    expect(() => renderer.render({ incident, recipient: { ...person, locale: 'sv' } })).toThrow(
      NoticeTemplateError,
    );
  });

  it('binds the draft to the subject too: an edit of a subject template alone changes its hash and version', async () => {
    const templatesDir = mkdtempSync(join(tmpdir(), 'bp-templates-'));
    cpSync(TEMPLATES_DIR, templatesDir, { recursive: true });
    const draft = () =>
      createTemplateActivities({ templatesDir }).renderNoticeDraft({
        incidentId: incident.id,
        gateId: 'customer_notice',
        template: 'notices/customer',
        facts,
        factsVersion: 1,
        factsHash: 'x',
      });
    const before = await draft();
    expect(await draft()).toMatchObject({ contentHash: before.contentHash });
    appendFileSync(join(templatesDir, 'notices/customer/pl.subject.hbs'), ' (ważne)');
    const after = await draft();
    expect(after.excerpt).toBe(before.excerpt);
    expect(after.contentHash).not.toBe(before.contentHash);
    expect(after.templateVersion).not.toBe(before.templateVersion);
    // The draft checks the data as a campaign does: legal cannot approve what the campaign would refuse.
    await expect(
      createTemplateActivities({ templatesDir }).renderNoticeDraft({
        incidentId: incident.id,
        gateId: 'customer_notice',
        template: 'notices/customer',
        facts: { ...facts, summary: ' ' },
        factsVersion: 2,
        factsHash: 'y',
      }),
    ).rejects.toMatchObject({ type: 'TemplateError', message: /incident\.summary/ });
    // Authority notices (text only) still render, through the family fallback too.
    const authority = await createTemplateActivities({ templatesDir }).renderNoticeDraft({
      incidentId: incident.id,
      gateId: 'regulator',
      template: 'ag/unknown-state',
      facts,
      factsVersion: 1,
      factsHash: 'x',
      obligation: {
        id: 'ag-xx',
        authority: 'Attorney General',
        jurisdiction: 'US-XX',
        citation: 'Code § 1',
        due: null,
        template: 'ag/unknown-state',
      },
    });
    expect(authority.excerpt).toContain('NOTICE OF DATA BREACH TO Attorney General — US-XX');
    expect(authority.templateId).toBe('regulators/attorney-general/en');
    expect(authority.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses to start a campaign when the template changed since approval or a locale cannot render', async () => {
    const templatesDir = mkdtempSync(join(tmpdir(), 'bp-templates-'));
    cpSync(TEMPLATES_DIR, templatesDir, { recursive: true });
    const dir = recipientsDir();
    const listHash = await importPeople(dir, TEST_KEYS, 10);
    const approved = await createTemplateActivities({ templatesDir }).renderNoticeDraft({
      incidentId: incident.id,
      gateId: 'customer_notice',
      template: 'notices/customer',
      facts,
      factsVersion: 1,
      factsHash: 'x',
    });
    const deps = { recipientsDir: dir, keys: TEST_KEYS, mailer: {} as never, from: 'a@b.c', templatesDir };
    const req = { incidentId: incident.id, listHash, template: 'notices/customer', facts, approved };
    const ok = await createCampaignActivities(deps).prepareCampaign(req);
    expect(ok).toMatchObject({ total: 10, locales: { en: 7, es: 3 }, noticeDate: approved.renderedAt });
    expect(Object.keys(ok.versions).sort()).toEqual(['de', 'en', 'es', 'fr', 'it', 'ja', 'nl', 'pl', 'pt']);

    // Facts that change the text: the approved draft no longer describes what would be sent.
    await expect(
      createCampaignActivities(deps).prepareCampaign({
        ...req,
        facts: { ...facts, summary: 'Something else.' },
      }),
    ).rejects.toMatchObject({ type: 'TemplateChanged' });
    // Readers outside the incident's affected facts get a notice only if their variant passes the check: here
    // Californians, owed an identity-theft offer for their SSN that nobody configured.
    const euOnly = incidentFactsSchema.parse(
      sampleFacts({ dataCategories: ['name', 'ssn'], affected: [{ country: 'DE', count: 10 }] }),
    );
    const euDraft = await createTemplateActivities({ templatesDir }).renderNoticeDraft({
      incidentId: incident.id,
      gateId: 'customer_notice',
      template: 'notices/customer',
      facts: euOnly,
      factsVersion: 1,
      factsHash: 'x',
    });
    expect(euDraft.compliance).toMatchObject({ ok: true, variants: ['general', 'EU-GDPR'] });
    await expect(
      createCampaignActivities(deps).prepareCampaign({ ...req, facts: euOnly, approved: euDraft }),
    ).rejects.toMatchObject({
      type: 'VariantNotApproved',
      message: expect.stringMatching(
        /readers under US-CA, US-NY.*US-CA \(.*\): missing the offer of identity-theft/,
      ),
    });
    // A Spanish template that needs a field nobody has: refused before anything is sent.
    appendFileSync(join(templatesDir, 'notices/customer/es.body.hbs'), '{{recipient.loyaltyNumber}}');
    await expect(createCampaignActivities(deps).prepareCampaign(req)).rejects.toMatchObject({
      type: 'TemplateError',
    });
    // The approved English text edited after approval.
    cpSync(
      join(TEMPLATES_DIR, 'notices/customer/es.body.hbs'),
      join(templatesDir, 'notices/customer/es.body.hbs'),
    );
    appendFileSync(join(templatesDir, 'notices/customer/en.body.hbs'), '\n{{#say}}P.S.{{/say}}\n');
    await expect(createCampaignActivities(deps).prepareCampaign(req)).rejects.toMatchObject({
      type: 'TemplateChanged',
    });
  });
});
