// Runs every rule table over the facts and returns the obligations in a stable order.
// Deterministic: the same facts always give the same list, and no clock is read.
import { americasRules } from './americas';
import { apacRules } from './apac';
import { eastAsiaRules } from './east-asia';
import { europeanRules } from './eu';
import type { ObligationFacts } from './facts';
import type { Obligation } from './obligation';
import { buildContext, type Rule } from './rule';
import { noRuleObligations } from './silence';
import { usFederalRules } from './us-federal';
import { usStates } from './us-states';
import { worldLaws } from './world';

export const ALL_RULES: readonly Rule[] = [
  ...europeanRules,
  usStates,
  ...usFederalRules,
  ...americasRules,
  ...apacRules,
  ...eastAsiaRules,
  worldLaws,
];

/** Sort key: the legal due date, else the internal target, else last. */
function sortInstant(o: Obligation): number {
  const at = o.due ?? o.internalTarget;
  return at ? Date.parse(at) : Number.POSITIVE_INFINITY;
}

export function compareObligations(a: Obligation, b: Obligation): number {
  const byTime = sortInstant(a) - sortInstant(b);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Every notification obligation the facts trigger, including `not_required` entries for touched
 * jurisdictions (so counsel sees why), `needs_more_info` entries naming the missing facts, and a
 * `counsel/no-rule` entry for each touched country and recipient no rule answers (never silence).
 * Sorted by due date (falling back to the internal target), then id. Expects validated facts
 * (see `obligationFactsSchema`).
 */
export function computeObligations(facts: ObligationFacts): Obligation[] {
  const ctx = buildContext(facts);
  const ruled = ALL_RULES.flatMap((rule) => rule(ctx));
  const all = [...ruled, ...noRuleObligations(ctx, ruled)];
  const seen = new Set<string>();
  for (const o of all) {
    if (seen.has(o.id)) throw new Error(`duplicate obligation id from the rule tables: ${o.id}`);
    seen.add(o.id);
  }
  return all.sort(compareObligations);
}
