// Renders notice drafts from handlebars templates: strict (a missing field is an error), HTML-escaped by
// default, and hashed so an approval binds the exact text and template version.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import Handlebars from 'handlebars';
import type { Draft } from '../src/domain/approval';
import type { IncidentFacts } from '../src/domain/incident';
import { sampleRecipient } from '../src/domain/notice';

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

export function createTemplateActivities(deps: { templatesDir: string }) {
  const cache = new Map<string, { version: string; render: Handlebars.TemplateDelegate }>();
  const load = (template: string, locale: string, kind: 'txt' | 'html') => {
    const file = join(deps.templatesDir, template, `${locale}.${kind}.hbs`);
    let entry = cache.get(file);
    if (!entry) {
      let source: string;
      try {
        source = readFileSync(file, 'utf8');
      } catch {
        throw ApplicationFailure.create({
          type: 'TemplateError',
          message: `template not found: ${template}/${locale}.${kind}.hbs`,
          nonRetryable: true,
        });
      }
      entry = {
        version: sha256(source).slice(0, 16),
        render: Handlebars.compile(source, { strict: true, noEscape: kind === 'txt' }),
      };
      cache.set(file, entry);
    }
    return entry;
  };

  return {
    async renderNoticeDraft(req: RenderDraftRequest): Promise<Draft> {
      const locale = req.locale ?? 'en';
      const template = resolveTemplate(deps.templatesDir, req.template, locale);
      const tpl = load(template, locale, 'txt');
      let text: string;
      try {
        text = tpl.render({
          incident: { id: req.incidentId, ...req.facts },
          recipient: sampleRecipient(req.facts, locale),
        });
      } catch (err) {
        throw ApplicationFailure.create({
          type: 'TemplateError',
          message: `${req.template}: ${(err as Error).message}`,
          nonRetryable: true,
        });
      }
      return {
        templateId: `${template}/${locale}`,
        templateVersion: tpl.version,
        contentHash: sha256(text),
        factsHash: req.factsHash,
        factsVersion: req.factsVersion,
        excerpt: text.slice(0, 600),
        renderedAt: new Date().toISOString(),
      };
    },
  };
}
