// Shared vocabulary of the rule tables: the facts digested into counts and flags, and a builder that turns a
// rule's verdict into a validated-shape Obligation. Rules are plain functions from context to obligations.
import type { DataCategory, ObligationFacts } from '../facts';
import type { Deadline, Obligation, ObligationStatus, Recipient, RuleSource } from '../obligation';

/** The date every rule in the tables was last reviewed against its source. */
export const LAST_REVIEWED = '2026-11-24';

/** ISO-3166-1 codes of US territories that also have ISO-3166-2 `US-xx` codes. */
const US_TERRITORIES = new Set(['PR', 'GU', 'VI', 'AS', 'MP', 'UM']);

export interface FactsContext {
  facts: ObligationFacts;
  awareAt: Date;
  determinedAt?: Date;
  categories: ReadonlySet<DataCategory>;
  /** Encrypted and the key was not compromised: the common encryption safe harbour. */
  safeHarbour: boolean;
  /** Affected people per country (US territories folded into US). Only positive counts. */
  byCountry: ReadonlyMap<string, number>;
  /** Affected people per ISO-3166-2 region (e.g. US-CA, US-PR). Only positive counts. */
  byRegion: ReadonlyMap<string, number>;
  /** Affected people per country whose region is not given. */
  unallocated: ReadonlyMap<string, number>;
}

function bump(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

export function buildContext(facts: ObligationFacts): FactsContext {
  const byCountry = new Map<string, number>();
  const byRegion = new Map<string, number>();
  const unallocated = new Map<string, number>();
  for (const group of facts.affected) {
    if (group.count <= 0) continue;
    let { country, region } = group;
    if (US_TERRITORIES.has(country)) {
      region = `US-${country}`;
      country = 'US';
    }
    bump(byCountry, country, group.count);
    if (region) bump(byRegion, region, group.count);
    else bump(unallocated, country, group.count);
  }
  return {
    facts,
    awareAt: new Date(facts.awareAt),
    determinedAt: facts.determinedAt ? new Date(facts.determinedAt) : undefined,
    categories: new Set(facts.dataCategories),
    safeHarbour: facts.encrypted && !facts.keyCompromised,
    byCountry,
    byRegion,
    unallocated,
  };
}

/** Total affected across a set of country codes. */
export function countIn(ctx: FactsContext, countries: ReadonlySet<string> | readonly string[]): number {
  let total = 0;
  for (const c of countries) total += ctx.byCountry.get(c) ?? 0;
  return total;
}

export function hasAny(ctx: FactsContext, categories: readonly DataCategory[]): DataCategory[] {
  return categories.filter((c) => ctx.categories.has(c));
}

/**
 * The instant a clock starts. A determination-triggered clock without `determinedAt` falls back to
 * awareness: determination can only come later, so the computed due date is early, never late.
 */
export function clockStart(ctx: FactsContext, trigger: Deadline['trigger']): { at: Date; caveat?: string } {
  if (trigger === 'awareness') return { at: ctx.awareAt };
  if (ctx.determinedAt) return { at: ctx.determinedAt };
  return {
    at: ctx.awareAt,
    caveat: 'determinedAt not given, so the clock is computed from awareAt (earliest possible)',
  };
}

/** Sentence describing the encryption finding, for reasons. */
export function encryptionFinding(ctx: FactsContext): string {
  if (!ctx.facts.encrypted) return 'data was not encrypted';
  return ctx.facts.keyCompromised
    ? 'data was encrypted but the key was compromised, so the encryption exemption is lost'
    : 'data was encrypted and the key was not compromised';
}

export interface RuleMeta {
  id: string;
  jurisdiction: string;
  recipient: Recipient;
  authority?: string;
  citation: string;
  template: string;
  source: RuleSource;
  note?: string;
}

export interface Verdict {
  status: ObligationStatus;
  deadline: Deadline;
  due: Date | null;
  reason: string;
  missing?: string[];
  internalTarget?: Date;
  affectedCount?: number;
}

export function makeObligation(meta: RuleMeta, verdict: Verdict): Obligation {
  const obligation: Obligation = {
    id: meta.id,
    jurisdiction: meta.jurisdiction,
    recipient: meta.recipient,
    status: verdict.status,
    due: verdict.status === 'not_required' || !verdict.due ? null : verdict.due.toISOString(),
    deadline: verdict.deadline,
    citation: meta.citation,
    reason: verdict.reason,
    template: meta.template,
    source: meta.source,
    lastReviewed: LAST_REVIEWED,
  };
  if (meta.authority) obligation.authority = meta.authority;
  if (verdict.missing && verdict.missing.length > 0) obligation.missing = verdict.missing;
  if (verdict.internalTarget && verdict.status !== 'not_required') {
    obligation.internalTarget = verdict.internalTarget.toISOString();
  }
  if (verdict.affectedCount !== undefined) obligation.affectedCount = verdict.affectedCount;
  if (meta.note) obligation.note = meta.note;
  return obligation;
}

export type Rule = (ctx: FactsContext) => Obligation[];

/** Joins reason fragments into one sentence list, skipping blanks. */
export function because(...parts: (string | undefined | false)[]): string {
  return parts.filter((p): p is string => Boolean(p)).join('; ');
}

/**
 * The common "notify only if the risk of harm reaches a threshold" verdict: high → required,
 * none/low → not required, unknown or unassessed → needs more info (the clock is still shown).
 */
export function riskGatedVerdict(
  ctx: FactsContext,
  opts: Pick<Verdict, 'deadline' | 'due' | 'internalTarget' | 'affectedCount'> & {
    scope: string;
    threshold: string;
    caveat?: string;
  },
): Verdict {
  const risk = ctx.facts.riskOfHarm ?? 'unknown';
  const { scope, threshold, caveat, ...timing } = opts;
  if (risk === 'high') {
    return {
      ...timing,
      status: 'required',
      reason: because(scope, `${threshold}: met (risk assessed high)`, caveat),
    };
  }
  if (risk === 'unknown') {
    return {
      ...timing,
      status: 'needs_more_info',
      missing: ['riskOfHarm'],
      reason: because(scope, `required only if ${threshold}; risk not yet assessed`, caveat),
    };
  }
  return {
    ...timing,
    status: 'not_required',
    reason: because(scope, `${threshold}: not met (risk assessed ${risk})`),
  };
}
