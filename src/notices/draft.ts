// The draft of a gated notice, as legal approves it. Customer notices go through the campaign's own renderer
// (same data, same zod check, text and HTML), so what legal approves is what a campaign sends; authority notices
// are one strict text template. The drafting activity and the web approval page both render through here, so
// the preview counsel reads has the very hash the approval binds.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { Draft } from '../domain/approval';
import type { IncidentFacts } from '../domain/incident';
import { incidentNoticeData, sampleRecipient } from '../domain/notice';
import { contentHashOf, NoticeDataError, NoticeRenderer, NoticeTemplateError } from './render';

export interface RenderDraftRequest {
  incidentId: string;
  gateId: string;
  template: string;
  facts: IncidentFacts;
  factsVersion: number;
  factsHash: string;
  locale?: string;
  /** The legal duty an authority notice serves (authority, citation, due). */
  obligation?: {
    id: string;
    authority?: string;
    jurisdiction: string;
    citation: string;
    due: string | null;
    template: string;
  };
}

export interface RenderedDraft {
  draft: Draft;
  /** The whole text part (the draft keeps an excerpt). */
  text: string;
  /** The HTML part, for customer notices (escaped by the template). */
  html?: string;
  subject?: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

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
  const family = FAMILY_TEMPLATES[template.split('/')[0] ?? ''];
  return family ?? template;
}

/** An authority notice: one strict text template, versioned by its source. */
function renderAuthority(templatesDir: string, template: string, locale: string, data: unknown) {
  let source: string;
  try {
    source = readFileSync(join(templatesDir, template, `${locale}.txt.hbs`), 'utf8');
  } catch {
    throw new NoticeTemplateError(`template not found: ${template}/${locale}.txt.hbs`);
  }
  try {
    const text = Handlebars.compile(source, { strict: true, noEscape: true })(data);
    return { text, version: sha256(source).slice(0, 16), contentHash: sha256(text) };
  } catch (err) {
    throw new NoticeTemplateError(`${template}: ${(err as Error).message}`);
  }
}

/** A customer notice, exactly as a campaign renders it for the sample person: both parts, both hashed. */
function renderCustomer(templatesDir: string, template: string, locale: string, data: unknown) {
  const renderer = new NoticeRenderer(templatesDir, template);
  try {
    const notice = renderer.render(data);
    return { ...notice, version: renderer.version(locale), contentHash: contentHashOf(notice) };
  } catch (err) {
    if (err instanceof NoticeDataError) throw new NoticeDataError(`${template}: ${err.message}`);
    if (err instanceof NoticeTemplateError) throw new NoticeTemplateError(`${template}: ${err.message}`);
    throw err;
  }
}

/**
 * Renders the draft of a gate's notice from the incident's facts, reading the templates on disk now (as the
 * campaign's start check does). Throws NoticeTemplateError or NoticeDataError saying what is wrong.
 */
export function renderDraft(templatesDir: string, req: RenderDraftRequest, now = new Date()): RenderedDraft {
  const locale = req.locale ?? 'en';
  const template = resolveTemplate(templatesDir, req.template, locale);
  const data = {
    incident: incidentNoticeData(req.incidentId, req.facts),
    recipient: sampleRecipient(req.facts, locale),
  };
  // Customer notices live under notices/ (templates/notices/<kind>/<locale>); the rest are authority notices.
  const r: { text: string; version: string; contentHash: string; html?: string; subject?: string } =
    template.startsWith('notices/')
      ? renderCustomer(templatesDir, template, locale, data)
      : renderAuthority(templatesDir, template, locale, { ...data, obligation: req.obligation });
  return {
    draft: {
      templateId: `${template}/${locale}`,
      templateVersion: r.version,
      contentHash: r.contentHash,
      factsHash: req.factsHash,
      factsVersion: req.factsVersion,
      excerpt: r.text.slice(0, 600),
      renderedAt: now.toISOString(),
    },
    text: r.text,
    ...(r.html === undefined ? {} : { html: r.html, subject: r.subject }),
  };
}
