// The answer for every place and recipient no rule speaks to: counsel must check, with the jurisdiction named.
// Keeps the engine from ever being silent about people it was told about.
import { GDPR_COUNTRIES } from './authorities';
import { ISO_3166_COUNTRIES } from './iso3166';
import type { Obligation, Recipient } from './obligation';
import { makeObligation, type FactsContext } from './rule';

/** Recipients every touched country must answer for; US states also answer for consumer reporting agencies. */
export const ANSWERED_RECIPIENTS: readonly Recipient[] = ['individuals', 'regulator'];

export const NO_RULE_TEMPLATE = 'counsel/no-rule';

const NO_RULE_SOURCE = {
  name: 'DLA Piper: Data Protection Laws of the World (breach notification)',
  url: 'https://www.dlapiperdataprotection.com/',
};

/** Whether an obligation speaks for people in `country` (EU-wide rules speak for each EEA state). */
export function speaksFor(o: Obligation, country: string): boolean {
  if (o.jurisdiction === country || o.jurisdiction.startsWith(`${country}-`)) return true;
  return o.jurisdiction === 'EU' && GDPR_COUNTRIES.has(country);
}

export function noRuleObligations(ctx: FactsContext, found: readonly Obligation[]): Obligation[] {
  const out: Obligation[] = [];
  for (const [country, count] of [...ctx.byCountry].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const name = ISO_3166_COUNTRIES[country] ?? country;
    for (const recipient of ANSWERED_RECIPIENTS) {
      if (found.some((o) => o.recipient === recipient && speaksFor(o, country))) continue;
      out.push(
        makeObligation(
          {
            id: `${country.toLowerCase()}-no-rule-${recipient}`,
            jurisdiction: country,
            recipient,
            citation: 'no rule in the tables',
            template: NO_RULE_TEMPLATE,
            source: NO_RULE_SOURCE,
          },
          {
            status: 'needs_more_info',
            deadline: { kind: 'without_unreasonable_delay', value: null, trigger: 'awareness' },
            due: null,
            affectedCount: count,
            missing: [`counsel: breach-notification law of ${name} (${country}) for ${recipient}`],
            reason: `${count} individual(s) in ${name} (${country}): no rule in the tables covers notice to ${recipient}; counsel must check local law`,
          },
        ),
      );
    }
  }
  return out;
}
