// The draft of a gated notice, as legal approves it. Customer notices go through the campaign's own renderer
// (same data, same zod check, text and HTML), so what legal approves is what a campaign sends; authority notices
// are one strict text template. The drafting activity and the web approval page both render through here, so
// the preview counsel reads has the very hash the approval binds.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { Draft, DraftCompliance } from '../domain/approval';
import type { IncidentFacts } from '../domain/incident';
import { type NoticeData, incidentNoticeData, sampleRecipient } from '../domain/notice';
import { CONTENT_RULES, readerJurisdictions } from '../domain/notice-content';
import { findingsOf, summarizeCompliance } from './compliance';
import type { NoticeProfile } from '../domain/notice-profile';
import { type PackageObligation, regulatorPackage } from './regulator-package';
import {
  contentHashOf,
  NoticeDataError,
  NoticeRenderer,
  NoticeTemplateError,
  type RenderedNotice,
} from './render';
import { sha256 } from './hash';

export interface RenderDraftRequest {
  incidentId: string;
  gateId: string;
  template: string;
  facts: IncidentFacts;
  factsVersion: number;
  factsHash: string;
  locale?: string;
  /** The date the notice states (default: when the draft is rendered); the campaign renders the same. */
  noticeDate?: string;
  /** The legal duty an authority notice serves (authority, citation, due). */
  obligation?: PackageObligation;
}

export interface RenderedDraft {
  draft: Draft;
  /** The whole text part (the draft keeps an excerpt). */
  text: string;
  /** The HTML part, for customer notices (escaped by the template). */
  html?: string;
  subject?: string;
  /** Customer notices: every variant in every language, as approved. */
  samples?: CustomerDraftContent['samples'];
}

/** Obligation templates without a dedicated folder fall back to their family's notice. */
const FAMILY_TEMPLATES: Record<string, string> = {
  regulator: 'regulators/generic',
  ag: 'regulators/attorney-general',
  cra: 'regulators/consumer-reporting',
  'card-brands': 'regulators/card-brands',
  media: 'regulators/media',
  individual: 'notices/customer',
};

export function resolveTemplate(templatesDir: string, template: string, locale: string): string {
  if (existsSync(join(templatesDir, template, `${locale}.txt.hbs`))) return template;
  if (existsSync(join(templatesDir, template, `${locale}.body.hbs`))) return template;
  const family = FAMILY_TEMPLATES[template.split('/')[0] ?? ''];
  return family ?? template;
}

/**
 * A plain-text template, `<templatesDir>/<template>/<file>`: read now, compiled strict (a missing field is an
 * error) without HTML escaping. Missing: NoticeTemplateError(`missing`). Rendering throws Handlebars' errors
 * for the caller to name.
 */
export function loadTextTemplate(
  templatesDir: string,
  template: string,
  file: string,
  missing = `template not found: ${template}/${file}`,
): { source: string; render: HandlebarsTemplateDelegate } {
  let source: string;
  try {
    source = readFileSync(join(templatesDir, template, file), 'utf8');
  } catch {
    throw new NoticeTemplateError(missing);
  }
  return { source, render: Handlebars.compile(source, { strict: true, noEscape: true }) };
}

/** An authority notice: one strict text template, versioned by its source. */
function renderAuthority(templatesDir: string, template: string, locale: string, data: unknown) {
  const { source, render } = loadTextTemplate(templatesDir, template, `${locale}.txt.hbs`);
  try {
    const text = render(data);
    return { text, version: sha256(source).slice(0, 16), contentHash: sha256(text) };
  } catch (err) {
    throw new NoticeTemplateError(`${template}: ${(err as Error).message}`);
  }
}

/** The locales a customer template is written in (every `<locale>.body.hbs`), sorted. */
export function templateLocales(templatesDir: string, template: string): string[] {
  try {
    return readdirSync(join(templatesDir, template))
      .filter((f) => f.endsWith('.body.hbs'))
      .map((f) => f.slice(0, -'.body.hbs'.length))
      .sort();
  } catch {
    return [];
  }
}

/** One sample reader per variant the incident's affected groups need, plus the general one. */
export function sampleReaders(facts: IncidentFacts): { country: string; region?: string }[] {
  const seen = new Map<string, { country: string; region?: string }>();
  const general: { country: string; region?: string } = { country: 'US' };
  for (const g of [general, ...facts.affected]) {
    const reader = g.region ? { country: g.country, region: g.region } : { country: g.country };
    const key = readerJurisdictions(reader, facts.entity).join('+') || 'general';
    if (!seen.has(key)) seen.set(key, reader);
  }
  return [...seen.values()];
}

/**
 * One sample reader per variant that exists: every state with content rules, the EU, the UK and none. The
 * approval hash covers all of them, so importing the people (which updates the affected facts) leaves it valid.
 */
export function allReaders(): { country: string; region?: string }[] {
  const states = [...CONTENT_RULES.keys()].filter((id) => id.startsWith('US-') && id !== 'US-HIPAA');
  return [
    { country: 'US' },
    ...states.map((region) => ({ country: 'US', region })),
    { country: 'DE' },
    { country: 'GB' },
  ];
}

export interface CustomerDraftContent {
  /** The hash of every variant in every language: subject, text and HTML of each. */
  contentHash: string;
  /** The version of every locale's templates together. */
  version: string;
  versions: Record<string, string>;
  compliance: DraftCompliance;
  /** Each variant in each language, as the sample reader gets it. */
  samples: { variant: string; locale: string; notice: RenderedNotice }[];
}

/**
 * A customer notice, exactly as a campaign renders it: for each variant the readers need and each language the
 * templates have, the sample person's notice, checked against the content rules; all of them hashed together.
 */
export function renderCustomerContent(
  templatesDir: string,
  template: string,
  incident: NoticeData['incident'],
  facts: IncidentFacts,
  profile?: NoticeProfile,
  /** Whose variants are checked against the content rules (default: the incident's affected groups). */
  readers: { country: string; region?: string }[] = sampleReaders(facts),
): CustomerDraftContent {
  const checked = new Set(readers.map((r) => readerJurisdictions(r, facts.entity).join('+') || 'general'));
  const rendered = [...readers];
  for (const r of allReaders())
    if (!rendered.some((x) => x.country === r.country && x.region === r.region)) rendered.push(r);
  const renderer = new NoticeRenderer(templatesDir, template, profile);
  const locales = templateLocales(templatesDir, template);
  if (locales.length === 0) throw new NoticeTemplateError(`${template}: no <locale>.body.hbs template`);
  const samples: CustomerDraftContent['samples'] = [];
  const checks = [];
  const versions: Record<string, string> = {};
  try {
    const seen = new Set<string>();
    for (const reader of rendered)
      for (const locale of locales) {
        const notice = renderer.render({
          incident,
          recipient: { ...sampleRecipient(facts, locale), ...reader },
        });
        if (seen.has(`${notice.variant}|${locale}`)) continue;
        seen.add(`${notice.variant}|${locale}`);
        samples.push({ variant: notice.variant, locale, notice });
        if (checked.has(notice.variant))
          checks.push({ notice, locale, findings: findingsOf(notice, facts.dataCategories, locale) });
        versions[locale] = renderer.version(locale);
      }
  } catch (err) {
    if (err instanceof NoticeDataError) throw new NoticeDataError(`${template}: ${err.message}`);
    if (err instanceof NoticeTemplateError) throw new NoticeTemplateError(`${template}: ${err.message}`);
    throw err;
  }
  const lines = samples.map((s) => `${s.variant}|${s.locale}|${contentHashOf(s.notice)}`).sort();
  return {
    contentHash: sha256(lines.join('\n')),
    version: sha256(locales.map((l) => `${l}:${versions[l]}`).join('\n')).slice(0, 16),
    versions,
    compliance: summarizeCompliance(checks),
    samples,
  };
}

/**
 * Renders the draft of a gate's notice from the incident's facts, reading the templates on disk now (as the
 * campaign's start check does). Throws NoticeTemplateError or NoticeDataError saying what is wrong.
 */
export function renderDraft(
  templatesDir: string,
  req: RenderDraftRequest,
  now = new Date(),
  profile?: NoticeProfile,
): RenderedDraft {
  const locale = req.locale ?? 'en';
  const template = resolveTemplate(templatesDir, req.template, locale);
  const incident = incidentNoticeData(req.incidentId, req.facts, req.noticeDate ?? now.toISOString());
  const base = {
    factsHash: req.factsHash,
    factsVersion: req.factsVersion,
    renderedAt: now.toISOString(),
  };
  // Customer notices live under notices/ (templates/notices/<kind>/<locale>); the rest are authority notices.
  if (template.startsWith('notices/')) {
    const c = renderCustomerContent(templatesDir, template, incident, req.facts, profile);
    const shown = c.samples.find((s) => s.locale === locale) ?? c.samples[0]!;
    return {
      draft: {
        ...base,
        templateId: `${template}/${shown.locale}`,
        templateVersion: c.version,
        contentHash: c.contentHash,
        excerpt: shown.notice.text.slice(0, 1500),
        compliance: c.compliance,
      },
      text: shown.notice.text,
      html: shown.notice.html,
      subject: shown.notice.subject,
      samples: c.samples,
    };
  }
  const data = { incident, recipient: sampleRecipient(req.facts, locale) };
  const r = renderAuthority(templatesDir, template, locale, { ...data, obligation: req.obligation });
  // The form's fields go with the notice, so counsel approves the package as filed (one hash for both).
  const pkg = req.obligation && regulatorPackage(req.obligation, req.incidentId, req.facts, profile);
  const text = pkg ? `${r.text.trimEnd()}\n\n${pkg.text}` : r.text;
  return {
    draft: {
      ...base,
      templateId: `${template}/${locale}`,
      templateVersion: r.version,
      contentHash: pkg ? sha256(text) : r.contentHash,
      excerpt: text.slice(0, 600),
    },
    text,
  };
}
