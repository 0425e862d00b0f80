// The content rules by jurisdiction, which of them a reader falls under, and the variant of the notice that
// reader gets: every element their laws require, none that any of them forbids.
import type { z } from 'zod';
import type { DataCategory, entityFlagsSchema } from '../regulations/facts';
import { GDPR_COUNTRIES } from '../regulations/eu';
import type { NoticeElement } from './elements';
import { HIPAA_CONTENT_RULE, GDPR_CONTENT_RULE, UK_GDPR_CONTENT_RULE } from './federal-and-europe';
import { type ContentRule, contentRuleSchema } from './schema';
import { US_STATE_CONTENT_RULES } from './us-states';

export * from './elements';
export * from './schema';
export { checkNoticeContent, type ContentFinding, type NoticeStructure } from './check';

/** Every rule, parsed once: a malformed rule fails at load, naming the rule. */
export const CONTENT_RULES: ReadonlyMap<string, ContentRule> = new Map(
  [...US_STATE_CONTENT_RULES, HIPAA_CONTENT_RULE, GDPR_CONTENT_RULE, UK_GDPR_CONTENT_RULE].map((r) => {
    const parsed = contentRuleSchema.safeParse(r);
    if (!parsed.success) throw new Error(`content rule ${r.id}: ${parsed.error.message}`);
    return [r.id, parsed.data];
  }),
);

type EntityFlags = z.infer<typeof entityFlagsSchema>;

export interface Reader {
  country: string;
  region?: string;
}

/** The content rules a reader's notice must meet: their state's (or the GDPR / UK GDPR) and HIPAA's. */
export function readerJurisdictions(reader: Reader, entity: EntityFlags = {}): string[] {
  const ids: string[] = [];
  if (reader.country === 'US' && reader.region && CONTENT_RULES.has(reader.region)) ids.push(reader.region);
  if (reader.country === 'US' && entity.hipaaCoveredEntity) ids.push('US-HIPAA');
  if (GDPR_COUNTRIES.has(reader.country)) ids.push('EU-GDPR');
  if (reader.country === 'GB') ids.push('GB-UKGDPR');
  return ids;
}

/** What a variant must say and must leave out, each with the rules that ask for it. */
export interface NoticeVariant {
  key: string;
  jurisdictions: string[];
  required: Map<NoticeElement, string[]>;
  forbidden: Map<NoticeElement, string[]>;
}

const variants = new Map<string, NoticeVariant>();

/** The variant for these jurisdictions and data categories (remembered: a campaign asks once per reader). */
export function variantFor(jurisdictions: string[], categories: readonly DataCategory[]): NoticeVariant {
  const memo = `${jurisdictions.join('+')}|${categories.join(',')}`;
  const known = variants.get(memo);
  if (known) return known;
  if (variants.size > 10_000) variants.clear();
  const v = buildVariant(jurisdictions, categories);
  variants.set(memo, v);
  return v;
}

function buildVariant(jurisdictions: string[], categories: readonly DataCategory[]): NoticeVariant {
  const required = new Map<NoticeElement, string[]>();
  const forbidden = new Map<NoticeElement, string[]>();
  const add = (m: Map<NoticeElement, string[]>, e: NoticeElement, by: string) => {
    const list = m.get(e) ?? [];
    if (!list.includes(by)) list.push(by);
    m.set(e, list);
  };
  for (const id of jurisdictions) {
    const rule = CONTENT_RULES.get(id);
    if (!rule) continue;
    for (const r of rule.required)
      if (!r.whenCategories || r.whenCategories.some((c) => categories.includes(c)))
        add(required, r.element, id);
    for (const f of rule.forbidden) add(forbidden, f.element, id);
  }
  return {
    key: jurisdictions.length ? jurisdictions.join('+') : 'general',
    jurisdictions,
    required,
    forbidden,
  };
}
