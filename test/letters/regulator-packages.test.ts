// Regulator packages and submissions: each authority's form fields as data with sources, filled from the facts
// into the authority notice's draft (so the approval binds them), listed by the API, and a submission recorded
// with the authority's reference and the receipt's sha256 on the timeline.
import { createHash } from 'node:crypto';
import { renderDraft } from '../../src/notices/draft';
import { regulatorPackage, TO_COMPLETE } from '../../src/notices/regulator-package';
import { FIELD_SOURCES, formFor, REGULATOR_FORMS } from '../../src/domain/regulator-forms';
import { SUBSTITUTE_RULES, substituteGrounds } from '../../src/domain/notice-content/substitute';
import { renderSubstituteNotices } from '../../src/notices/substitute';
import { incidentFactsSchema } from '../../src/domain/incident';
import { type WebTestStack, startWebTestStack } from '../support/web-stack';
import { join } from 'node:path';

const TEMPLATES = join(__dirname, '../../templates');
const facts = incidentFactsSchema.parse({
  title: 'Customer database exfiltrated',
  summary: 'An attacker used a leaked API key to export the customers table.',
  severity: 'sev1',
  reporter: 'carol',
  awareAt: '2026-11-20T09:00:00Z',
  breachStartedAt: '2026-11-18T22:00:00Z',
  dataCategories: ['name', 'email', 'ssn'],
  estimatedAffected: 1200,
  affected: [
    { country: 'DE', count: 700 },
    { country: 'US', region: 'US-CA', count: 500 },
  ],
  contained: true,
  lawEnforcementDelay: false,
});
const obligation = (template: string, extra: Record<string, unknown> = {}) => ({
  id: 'eu-gdpr-art33',
  jurisdiction: 'EU',
  recipient: 'regulator',
  citation: 'GDPR Art. 33',
  due: '2026-11-23T09:00:00.000Z',
  template,
  affectedCount: 700,
  ...extra,
});

describe('regulator forms and substitute notice rules', () => {
  it('are data with sources and review dates, and every field names a known source', () => {
    expect([...REGULATOR_FORMS.keys()].sort()).toEqual([
      'eu-sa-art33',
      'hhs-ocr-breach-portal',
      'ico-breach-report',
      'sec-8k-item-105',
      'us-state-ag',
    ]);
    for (const f of REGULATOR_FORMS.values()) {
      expect(f.source.url).toMatch(/^https:\/\//);
      expect(f.lastReviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const field of f.fields) expect(FIELD_SOURCES).toContain(field.from);
    }
    // Art. 33(3)(a)-(d) are all asked.
    const art33 = REGULATOR_FORMS.get('eu-sa-art33')!.fields.map((f) => f.citation);
    for (const c of ['Art. 33(3)(a)', 'Art. 33(3)(b)', 'Art. 33(3)(c)', 'Art. 33(3)(d)'])
      expect(art33).toContain(c);
    expect(formFor({ template: 'regulator/sec-8k', jurisdiction: 'US', recipient: 'regulator' })?.id).toBe(
      'sec-8k-item-105',
    );
    expect(formFor({ template: 'ag/us-state', jurisdiction: 'US-CA', recipient: 'regulator' })?.id).toBe(
      'us-state-ag',
    );
    expect(
      formFor({ template: 'cra/us', jurisdiction: 'US-CA', recipient: 'consumer_reporting_agencies' }),
    ).toBeUndefined();
    for (const r of SUBSTITUTE_RULES.values()) {
      expect(r.citation).toBeTruthy();
      expect(r.source.url).toMatch(/^https:\/\//);
    }
    const ca = SUBSTITUTE_RULES.get('US-CA')!;
    expect(substituteGrounds(ca, { affected: 400_000, unreachable: 0 })).toEqual([]);
    expect(
      substituteGrounds(ca, { affected: 600_000, unreachable: 0, estimatedCostUsd: 300_000 }),
    ).toHaveLength(2);
    const hipaa = SUBSTITUTE_RULES.get('US-HIPAA')!;
    expect(substituteGrounds(hipaa, { affected: 100, unreachable: 9 })).toEqual([]);
    expect(substituteGrounds(hipaa, { affected: 100, unreachable: 10 })).toEqual([
      '10 without sufficient contact information',
    ]);
  });

  it('renders substitute website and media notices for the affected jurisdictions that allow them', () => {
    const notices = renderSubstituteNotices(TEMPLATES, facts, { unreachable: 3 });
    expect(notices.map((n) => n.jurisdiction)).toEqual(['EU-GDPR', 'US-CA']);
    const ca = notices.find((n) => n.jurisdiction === 'US-CA')!;
    expect(ca.website).toContain('Cal. Civ. Code § 1798.82(j)(3)');
    expect(ca.website).toContain('November 20, 2026');
    expect(ca.website).toContain('for at least 30 days');
    expect(ca.media).toContain('people in California');
    expect(ca.grounds).toEqual(['3 without sufficient contact information']);
  });

  it('fills the form from the facts, leaves the rest to counsel, and the draft hash binds the package', () => {
    const p = regulatorPackage(obligation('regulator/gdpr-art33'), 'INC-1', facts)!;
    expect(p.form.id).toBe('eu-sa-art33');
    const value = (id: string) => p.fields.find((f) => f.id === id)!.value;
    expect(value('nature')).toBe(facts.summary);
    expect(value('subjects')).toBe('700');
    expect(value('categories')).toBe('name, email address, and Social Security number');
    expect(value('consequences')).toBeNull();
    expect(p.missing).toEqual(expect.arrayContaining(['records', 'dpo', 'consequences']));
    expect(p.text).toContain(`   ${TO_COMPLETE}`);

    const req = {
      incidentId: 'INC-1',
      gateId: 'obl-eu-gdpr-art33',
      template: 'regulators/generic',
      facts,
      factsVersion: 1,
      factsHash: 'h',
      obligation: obligation('regulator/gdpr-art33'),
    };
    const at = new Date('2026-11-21T10:00:00Z');
    const r = renderDraft(TEMPLATES, req, at);
    expect(r.text).toContain(
      'REGULATOR PACKAGE: Notification of a personal data breach to the supervisory authority',
    );
    expect(r.draft.contentHash).toBe(createHash('sha256').update(r.text).digest('hex'));
    const other = renderDraft(
      TEMPLATES,
      { ...req, obligation: obligation('regulator/gdpr-art33', { affectedCount: 701 }) },
      at,
    );
    expect(other.draft.contentHash).not.toBe(r.draft.contentHash);
    // An obligation without a modelled form keeps the generic notice as it was.
    const plain = renderDraft(TEMPLATES, { ...req, obligation: obligation('regulator/pdpc-sg') }, at);
    expect(plain.text).not.toContain('REGULATOR PACKAGE');
  });
});

describe('regulator packages and submissions through the API', () => {
  let web: WebTestStack;
  beforeAll(async () => {
    web = await startWebTestStack();
  });
  afterAll(() => web?.stop());

  const api = (path: string, init: RequestInit & { who?: keyof WebTestStack['tokens'] } = {}) =>
    fetch(`${web.url}/api/v1${path}`, {
      ...init,
      headers: {
        ...(init.who ? web.bearer(init.who) : {}),
        ...(init.body && typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });

  it('lists the packages, and records a submission with the reference and the receipt hash', async () => {
    const res = await api('/incidents', {
      method: 'POST',
      who: 'carol',
      body: JSON.stringify({
        title: 'Packages',
        severity: 'sev1',
        summary: facts.summary,
        awareAt: new Date().toISOString(),
        dataCategories: ['name', 'email'],
        estimatedAffected: 700,
        affected: [{ country: 'DE', count: 700 }],
        establishment: 'DE',
        riskOfHarm: 'high',
      }),
    });
    expect(res.status).toBe(201);
    const { incidentId } = (await res.json()) as { incidentId: string };
    const listed = await api(`/incidents/${incidentId}/regulator-packages`, { who: 'carol' });
    expect(listed.status).toBe(200);
    const { packages } = (await listed.json()) as {
      packages: {
        obligationId: string;
        gateId: string;
        form: { id: string };
        missing: string[];
        text: string;
      }[];
    };
    const eu = packages.find((p) => p.form.id === 'eu-sa-art33');
    expect(eu).toBeDefined();
    expect(eu!.gateId).toMatch(/^obl-/);
    expect(eu!.missing).toContain('consequences');

    const advanced = await api(`/incidents/${incidentId}/advance`, {
      method: 'POST',
      who: 'carol',
      body: JSON.stringify({ to: 'inform_authorities', force: true, reason: 'test' }),
    });
    expect(advanced.status).toBe(200);
    // Approved like the customer notice: request, then legal approves the draft's hash.
    const asked = await api(`/incidents/${incidentId}/gates/${eu!.gateId}/request-approval`, {
      method: 'POST',
      who: 'carol',
      body: '{}',
    });
    expect([asked.status, asked.status === 200 ? '' : await asked.text()]).toEqual([200, '']);
    const { draft, requestId } = (await asked.json()) as {
      draft: { contentHash: string; excerpt: string };
      requestId: string;
    };
    expect(draft.excerpt).toContain('REGULATOR PACKAGE');
    const approved = await api(`/incidents/${incidentId}/gates/${eu!.gateId}/approve`, {
      method: 'POST',
      who: 'lena',
      body: JSON.stringify({ contentHash: draft.contentHash, requestId }),
    });
    expect(approved.status).toBe(200);

    const receipt = Buffer.from('%PDF-1.4 receipt of submission DE-2026-1234\n');
    const bad = await api(`/incidents/${incidentId}/gates/${eu!.gateId}/submission?reference=DE-2026-1234`, {
      method: 'POST',
      who: 'carol',
      body: receipt,
      headers: { 'content-type': 'application/zip' },
    });
    expect(bad.status).toBe(415);
    const missingRef = await api(`/incidents/${incidentId}/gates/${eu!.gateId}/submission`, {
      method: 'POST',
      who: 'carol',
      body: receipt,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(missingRef.status).toBe(400);
    expect(await missingRef.text()).toContain('query.reference');
    const sent = await api(
      `/incidents/${incidentId}/gates/${eu!.gateId}/submission?reference=DE-2026-1234&name=receipt.pdf`,
      { method: 'POST', who: 'carol', body: receipt, headers: { 'content-type': 'application/pdf' } },
    );
    expect(sent.status).toBe(200);
    const gate = (await sent.json()) as {
      noticeSent: { reference: string; receipt: { sha256: string; bytes: number } };
    };
    const sha256 = createHash('sha256').update(receipt).digest('hex');
    expect(gate.noticeSent).toMatchObject({
      reference: 'DE-2026-1234',
      channel: 'portal',
      receipt: { sha256, bytes: receipt.length, name: 'receipt.pdf' },
    });
    const timeline = await api(`/incidents/${incidentId}/timeline`, { who: 'carol' });
    const text = await timeline.text();
    expect(text).toContain(sha256);
  });
});
