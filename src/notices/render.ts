// Renders customer notices for one person: the approved template of their locale (one document, strict, every
// value escaped in the HTML part), in the variant their jurisdictions require, from data checked by zod first.
// Shared by the campaign, the draft, the previews and the benchmark.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Handlebars from 'handlebars';
import { describeIssues } from '../domain/commands';
import {
  CONSUMER_REPORTING_AGENCIES,
  FTC_CONTACT,
  STATE_AG_CONTACTS,
} from '../domain/notice-content/agencies';
import { type NoticeStructure, readerJurisdictions, variantFor } from '../domain/notice-content';
import { type NoticeData, noticeDataSchema } from '../domain/notice';
import type { IncidentFacts } from '../domain/incident';
import { GDPR_COUNTRIES } from '../domain/regulations/eu';
import {
  createLetterEnvironment,
  documentToHtml,
  documentToText,
  type NoticeDocument,
  renderDocument,
  structureOf,
} from './letter';
import { defaultNoticeProfile, type NoticeProfile } from '../domain/notice-profile';
import { categoriesInWords, dateInWords, readerTimeZone } from './words';
import { sha256 } from './hash';

export class NoticeTemplateError extends Error {
  override name = 'NoticeTemplateError';
}

export class NoticeDataError extends Error {
  override name = 'NoticeDataError';
}

interface LocaleTemplates {
  /** The version of the body and subject together: what a draft approval binds. */
  version: string;
  body: Handlebars.TemplateDelegate;
  subject: Handlebars.TemplateDelegate;
}

export interface RenderedNotice {
  subject: string;
  text: string;
  html: string;
  /** The document both parts come from, and what it states (for the compliance check). */
  document: NoticeDocument;
  structure: NoticeStructure;
  /** The jurisdictions whose content rules this reader's notice follows ("general" when none). */
  variant: string;
  jurisdictions: string[];
}

/** The locales a customer-notice template can render: those with a body and a subject (one document each). */
export function noticeLocales(templatesDir: string, template: string): string[] {
  let files: string[];
  try {
    files = readdirSync(join(templatesDir, template));
  } catch {
    return [];
  }
  const has = new Set(files);
  return files
    .map((f) => /^(.+)\.body\.hbs$/.exec(f)?.[1])
    .filter((l): l is string => !!l && has.has(`${l}.subject.hbs`))
    .sort();
}

const SENSITIVE = [
  'ssn',
  'drivers_license',
  'national_id',
  'tax_id',
  'passport',
  'financial_account',
  'payment_card',
];

/** Everything a template may use, every field present (strict mode fails on a missing one). */
/** The company as every notice text states it (customer notices, letters, substitute notices), from configuration. */
export function companyData(profile: NoticeProfile) {
  return {
    name: profile.companyName,
    email: profile.contactEmail,
    phone: profile.contactPhone ?? '',
    website: profile.website ?? '',
    address: profile.postalAddress ?? '',
    dpo: profile.dpoContact ?? '',
  };
}

export function letterData(data: NoticeData, profile: NoticeProfile) {
  const { incident, recipient } = data;
  const f = incident as unknown as IncidentFacts & { noticeDate?: string };
  const locale = recipient.locale;
  const zone = readerTimeZone(recipient.country, recipient.region);
  const date = (iso: string | undefined) => (iso ? dateInWords(locale, iso, zone) : '');
  const cats = recipient.dataCategories;
  const from = date(f.breachStartedAt);
  const to = date(f.breachEndedAt);
  const jurisdictions = readerJurisdictions(recipient, f.entity ?? {});
  const offer = f.servicesOffered && profile.offer;
  return {
    recipient: { name: recipient.name },
    incident: { id: incident.id, summary: incident.summary },
    company: companyData(profile),
    n: {
      noticeDate: date(f.noticeDate),
      awareDate: date(f.awareAt),
      breachFrom: from,
      breachTo: to && to !== from ? to : '',
      contained: f.contained === true,
      notContained: f.contained === false,
      leDelayed: f.lawEnforcementDelay === true,
      leNotDelayed: f.lawEnforcementDelay === false,
      categories: categoriesInWords(locale, cats),
      sensitive: cats.some((c) => SENSITIVE.includes(c)),
      credentials: cats.includes('password') || cats.includes('security_qa'),
      health: cats.includes('health') || cats.includes('medical_insurance'),
      us: recipient.country === 'US',
      gdpr: GDPR_COUNTRIES.has(recipient.country) || recipient.country === 'GB',
      hipaa: jurisdictions.includes('US-HIPAA'),
      cras: CONSUMER_REPORTING_AGENCIES,
      ftc: FTC_CONTACT,
      ag: (recipient.region && STATE_AG_CONTACTS[recipient.region]) || false,
      offer: offer
        ? {
            months: f.servicesOffered!.months,
            monitoring: f.servicesOffered!.kind === 'credit_monitoring',
            provider: offer.provider,
            enrollUrl: offer.enrollUrl,
            phone: offer.phone ?? '',
            enrollBy: date(f.servicesOffered!.enrollBy),
          }
        : false,
    },
  };
}

/** A block that quotes the number of people affected states it, whatever its tag (Mass., Ill. forbid it). */
const quotedCounts = new Map<string, RegExp>();

function markNumberAffected(doc: NoticeDocument, count: number | undefined, locale: string): void {
  if (!count || count < 50) return;
  const key = `${locale}|${count}`;
  let quoted = quotedCounts.get(key);
  if (!quoted) {
    const forms = [String(count), new Intl.NumberFormat(locale).format(count), count.toLocaleString('en-US')];
    // Digits stay as they are; separators (",", ".", narrow spaces) match literally, as a class of one.
    const pattern = [...new Set(forms)].map((n) => n.replace(/[^0-9]/g, (c) => `[${c === ']' ? '\\]' : c}]`));
    quoted = new RegExp(`(?<![0-9.,])(?:${pattern.join('|')})(?![0-9])`);
    quotedCounts.set(key, quoted);
  }
  for (const s of doc.sections)
    for (const b of s.blocks)
      if (!b.elements.includes('number_affected') && b.lines.some((l) => quoted.test(l)))
        b.elements.push('number_affected');
}

export class NoticeRenderer {
  private readonly locales = new Map<string, LocaleTemplates>();
  private readonly hb = createLetterEnvironment();

  constructor(
    readonly templatesDir: string,
    readonly template: string,
    readonly profile: NoticeProfile = defaultNoticeProfile(),
  ) {}

  private load(locale: string): LocaleTemplates {
    let t = this.locales.get(locale);
    if (t) return t;
    const read = (kind: 'body' | 'subject') => {
      try {
        return readFileSync(join(this.templatesDir, this.template, `${locale}.${kind}.hbs`), 'utf8');
      } catch {
        throw new NoticeTemplateError(`no ${kind} template for locale "${locale}" in ${this.template}`);
      }
    };
    const [body, subject] = [read('body'), read('subject')];
    t = {
      version: sha256(`${body}\0${subject}`).slice(0, 16),
      body: this.hb.compile(body, { strict: true, noEscape: true }),
      subject: this.hb.compile(subject, { strict: true, noEscape: true }),
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
    const entity = (data.incident as { entity?: IncidentFacts['entity'] }).entity ?? {};
    const jurisdictions = readerJurisdictions(data.recipient, entity);
    const variant = variantFor(jurisdictions, data.recipient.dataCategories);
    const view = letterData(data, this.profile);
    try {
      const document = renderDocument(t.body, view, new Set(variant.forbidden.keys()));
      markNumberAffected(
        document,
        (data.incident as { estimatedAffected?: number }).estimatedAffected,
        locale,
      );
      const subject = t.subject(view, { data: { notice: { doc: { sections: [] }, exclude: new Set() } } });
      return {
        subject: subject.replace(/\s+/g, ' ').trim(),
        text: documentToText(document),
        html: documentToHtml(document, locale),
        document,
        structure: structureOf(document),
        variant: variant.key,
        jurisdictions,
      };
    } catch (err) {
      throw new NoticeTemplateError(`${this.template}/${locale}: ${(err as Error).message}`);
    }
  }
}

/** What an approval binds: the subject, the text and the HTML a person gets (a change to any is a new notice). */
export function contentHashOf(notice: Pick<RenderedNotice, 'subject' | 'text' | 'html'>): string {
  return sha256(`${notice.subject}\0${notice.text}\0${notice.html}`);
}
