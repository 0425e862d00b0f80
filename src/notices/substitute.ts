// Substitute notice texts: the website posting and the media notice for each jurisdiction among the affected
// whose law allows substitute notice (src/domain/notice-content/substitute.ts), from the incident's facts and
// the notice profile, with the statute's grounds the figures meet. Counsel decides whether to use them.
import type { IncidentFacts } from '../domain/incident';
import { readerJurisdictions } from '../domain/notice-content';
import {
  SUBSTITUTE_RULES,
  type SubstituteRule,
  substituteGrounds,
} from '../domain/notice-content/substitute';
import { defaultNoticeProfile, type NoticeProfile } from '../domain/notice-profile';
import { US_STATE_RULES } from '../domain/regulations/us-states-data';
import { loadTextTemplate } from './draft';
import { NoticeTemplateError, companyData } from './render';
import { categoriesInWords, dateInWords } from './words';
import { sha256 } from './hash';

export const SUBSTITUTE_TEMPLATE = 'notices/substitute';

export interface SubstituteNotice {
  jurisdiction: string;
  rule: SubstituteRule;
  /** The statute's grounds the incident's figures meet (empty: substitute notice is not yet allowed). */
  grounds: string[];
  website: string;
  media: string;
  /** sha256 of the website text and the media text. */
  contentHash: string;
}

function placeOf(jurisdiction: string): string {
  if (jurisdiction === 'EU-GDPR') return 'the European Union';
  if (jurisdiction === 'GB-UKGDPR') return 'the United Kingdom';
  if (jurisdiction === 'US-HIPAA') return 'the United States';
  return US_STATE_RULES.find((s) => `US-${s.code}` === jurisdiction)?.name ?? jurisdiction;
}

export function renderSubstituteNotices(
  templatesDir: string,
  facts: IncidentFacts,
  opts: { profile?: NoticeProfile; unreachable?: number; estimatedCostUsd?: number } = {},
): SubstituteNotice[] {
  const profile = opts.profile ?? defaultNoticeProfile();
  const read = (kind: string) =>
    loadTextTemplate(
      templatesDir,
      SUBSTITUTE_TEMPLATE,
      `en.${kind}.hbs`,
      `no ${SUBSTITUTE_TEMPLATE}/en.${kind}.hbs`,
    ).render;
  const website = read('website');
  const media = read('media');
  const counts = new Map<string, number>();
  for (const g of facts.affected)
    for (const j of readerJurisdictions(g, facts.entity)) counts.set(j, (counts.get(j) ?? 0) + g.count);
  const date = (iso?: string) => (iso ? dateInWords('en', iso, 'UTC') : '');
  const out: SubstituteNotice[] = [];
  for (const [jurisdiction, affected] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    const rule = SUBSTITUTE_RULES.get(jurisdiction);
    if (!rule) continue;
    const data = {
      rule: { citation: rule.citation, websiteDays: rule.websiteDays ?? false },
      place: placeOf(jurisdiction),
      incident: { summary: facts.summary },
      company: companyData(profile),
      n: {
        awareDate: date(facts.awareAt),
        breachFrom: date(facts.breachStartedAt),
        breachTo:
          facts.breachEndedAt && facts.breachEndedAt !== facts.breachStartedAt
            ? date(facts.breachEndedAt)
            : '',
        contained: facts.contained === true,
        categories: categoriesInWords('en', facts.dataCategories).replace(/^./, (c) => c.toUpperCase()),
      },
    };
    let texts;
    try {
      texts = { website: website(data).trim() + '\n', media: media(data).trim() + '\n' };
    } catch (err) {
      throw new NoticeTemplateError(`${SUBSTITUTE_TEMPLATE}: ${(err as Error).message}`);
    }
    out.push({
      jurisdiction,
      rule,
      grounds: substituteGrounds(rule, {
        affected,
        unreachable: opts.unreachable ?? 0,
        ...(opts.estimatedCostUsd !== undefined ? { estimatedCostUsd: opts.estimatedCostUsd } : {}),
      }),
      ...texts,
      contentHash: sha256(`${texts.website}\0${texts.media}`),
    });
  }
  return out;
}
