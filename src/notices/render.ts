// Renders customer notices for one person: the approved handlebars templates (text and HTML per locale, strict,
// HTML-escaped), with the data checked by zod first. Shared by the campaign, the preview and the benchmark.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { describeIssues } from '../domain/commands';
import { type NoticeData, noticeDataSchema } from '../domain/notice';

export const SUBJECTS: Record<string, string> = {
  en: 'Notice of a data security incident',
  es: 'Aviso de un incidente de seguridad de datos',
};

export class NoticeTemplateError extends Error {
  override name = 'NoticeTemplateError';
}

export class NoticeDataError extends Error {
  override name = 'NoticeDataError';
}

interface LocaleTemplates {
  /** The version of both parts together: what a draft approval binds. */
  version: string;
  text: Handlebars.TemplateDelegate;
  html: Handlebars.TemplateDelegate;
}

export interface RenderedNotice {
  subject: string;
  text: string;
  html: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The locales a customer-notice template can render: those with both a text and an HTML part. */
export function noticeLocales(templatesDir: string, template: string): string[] {
  let files: string[];
  try {
    files = readdirSync(join(templatesDir, template));
  } catch {
    return [];
  }
  const has = new Set(files);
  return files
    .map((f) => /^(.+)\.txt\.hbs$/.exec(f)?.[1])
    .filter((l): l is string => !!l && has.has(`${l}.html.hbs`))
    .sort();
}

export class NoticeRenderer {
  private readonly locales = new Map<string, LocaleTemplates>();

  constructor(
    readonly templatesDir: string,
    readonly template: string,
  ) {}

  private load(locale: string): LocaleTemplates {
    let t = this.locales.get(locale);
    if (t) return t;
    const read = (kind: 'txt' | 'html') => {
      try {
        return readFileSync(join(this.templatesDir, this.template, `${locale}.${kind}.hbs`), 'utf8');
      } catch {
        throw new NoticeTemplateError(`no ${kind} template for locale "${locale}" in ${this.template}`);
      }
    };
    const [txt, html] = [read('txt'), read('html')];
    t = {
      version: sha256(`${txt}\0${html}`).slice(0, 16),
      text: Handlebars.compile(txt, { strict: true, noEscape: true }),
      html: Handlebars.compile(html, { strict: true }),
    };
    this.locales.set(locale, t);
    return t;
  }

  version(locale: string): string {
    return this.load(locale).version;
  }

  /** Validates the data (NoticeDataError names the field), then renders both parts (NoticeTemplateError). */
  render(data: unknown): RenderedNotice {
    const parsed = noticeDataSchema.safeParse(data);
    if (!parsed.success) throw new NoticeDataError(describeIssues(parsed.error));
    return this.renderValid(parsed.data);
  }

  /** Checks the incident part once (a batch renders thousands of notices from the same incident). */
  static checkIncident(incident: unknown): NoticeData['incident'] {
    const parsed = noticeDataSchema.shape.incident.safeParse(incident);
    if (!parsed.success) throw new NoticeDataError(describeIssues(parsed.error));
    return parsed.data;
  }

  /** Validates one person's part (NoticeDataError names the field) and renders with an incident already checked. */
  renderFor(incident: NoticeData['incident'], recipient: unknown): RenderedNotice {
    const parsed = noticeDataSchema.shape.recipient.safeParse(recipient);
    if (!parsed.success) throw new NoticeDataError(`recipient.${describeIssues(parsed.error)}`);
    return this.renderValid({ incident, recipient: parsed.data });
  }

  renderValid(data: NoticeData): RenderedNotice {
    const locale = data.recipient.locale;
    const t = this.load(locale);
    try {
      return { subject: SUBJECTS[locale] ?? SUBJECTS.en!, text: t.text(data), html: t.html(data) };
    } catch (err) {
      throw new NoticeTemplateError(`${this.template}/${locale}: ${(err as Error).message}`);
    }
  }
}

/** What an approval binds: the text and the HTML a person gets, both (a change to either is a new notice). */
export function contentHashOf(notice: Pick<RenderedNotice, 'text' | 'html'>): string {
  return sha256(`${notice.text}\0${notice.html}`);
}
