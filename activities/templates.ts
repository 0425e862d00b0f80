// Renders notice drafts for approval. Customer notices go through the campaign's own renderer (same data, same
// zod check, text and HTML), so what legal approves is what a campaign sends; authority notices are text only.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import Handlebars from 'handlebars';
import type { Draft } from '../src/domain/approval';
import type { IncidentFacts } from '../src/domain/incident';
import { incidentNoticeData, sampleRecipient } from '../src/domain/notice';
import { contentHashOf, NoticeDataError, NoticeRenderer, NoticeTemplateError } from '../src/notices/render';

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

const templateError = (message: string) =>
  ApplicationFailure.create({ type: 'TemplateError', message, nonRetryable: true });

export function createTemplateActivities(deps: { templatesDir: string }) {
  /** An authority notice: one strict text template, versioned by its source. */
  const renderText = (template: string, locale: string, data: unknown) => {
    let source: string;
    try {
      source = readFileSync(join(deps.templatesDir, template, `${locale}.txt.hbs`), 'utf8');
    } catch {
      throw templateError(`template not found: ${template}/${locale}.txt.hbs`);
    }
    try {
      const text = Handlebars.compile(source, { strict: true, noEscape: true })(data);
      return { text, version: sha256(source).slice(0, 16), contentHash: sha256(text) };
    } catch (err) {
      throw templateError(`${template}: ${(err as Error).message}`);
    }
  };

  /** A customer notice, exactly as a campaign renders it for the sample person: both parts, both hashed. */
  const renderCustomer = (renderer: NoticeRenderer, locale: string, data: unknown) => {
    try {
      const notice = renderer.render(data);
      return { text: notice.text, version: renderer.version(locale), contentHash: contentHashOf(notice) };
    } catch (err) {
      if (err instanceof NoticeDataError || err instanceof NoticeTemplateError)
        throw templateError(`${renderer.template}: ${err.message}`);
      throw err;
    }
  };

  return {
    async renderNoticeDraft(req: RenderDraftRequest): Promise<Draft> {
      const locale = req.locale ?? 'en';
      const template = resolveTemplate(deps.templatesDir, req.template, locale);
      const data = {
        incident: incidentNoticeData(req.incidentId, req.facts),
        recipient: sampleRecipient(req.facts, locale),
      };
      // Customer notices live under notices/ (templates/notices/<kind>/<locale>); the rest are authority
      // notices. Read fresh each time: a draft binds what is on disk now, as the campaign's start check does.
      const r = template.startsWith('notices/')
        ? renderCustomer(new NoticeRenderer(deps.templatesDir, template), locale, data)
        : renderText(template, locale, { ...data, obligation: req.obligation });
      return {
        templateId: `${template}/${locale}`,
        templateVersion: r.version,
        contentHash: r.contentHash,
        factsHash: req.factsHash,
        factsVersion: req.factsVersion,
        excerpt: r.text.slice(0, 600),
        renderedAt: new Date().toISOString(),
      };
    },
  };
}
