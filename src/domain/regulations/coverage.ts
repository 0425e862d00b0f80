// The table of what the engine knows: every jurisdiction, recipient, deadline and review date, found by asking
// the engine itself (one probe incident per place), so the table cannot drift from the rules.
import { EEA_SUPERVISORY_AUTHORITIES } from './authorities';
import { US_STATE_RULES } from './us-states-data';
import { computeObligations } from './compute';
import { obligationFactsSchema, type ObligationFactsInput } from './facts';
import { ISO_3166_2_SUBDIVISIONS, ISO_3166_COUNTRIES } from './iso3166';
import type { Obligation } from './obligation';
import { NO_RULE_TEMPLATE } from './silence';

export interface CoverageRow {
  id: string;
  jurisdiction: string;
  recipient: Obligation['recipient'];
  /** e.g. "72 hours of awareness", "4 business days of determination", "without undue delay", "voluntary". */
  deadline: string;
  citation: string;
  lastReviewed: string;
  /** True when the rule carries a caveat (new, unsettled or guidance-based). */
  caveat: boolean;
}

const PROBE_AWARE = '2026-01-05T12:00:00Z';

function probe(affected: ObligationFactsInput['affected'], entity: ObligationFactsInput['entity'] = {}) {
  return computeObligations(
    obligationFactsSchema.parse({
      awareAt: PROBE_AWARE,
      determinedAt: PROBE_AWARE,
      dataCategories: ['name', 'ssn', 'financial_account', 'security_code', 'health', 'payment_card'],
      encrypted: false,
      keyCompromised: false,
      affected,
      entity,
      materialIncident: true,
      riskOfHarm: 'high',
      cyberAttack: true,
    }),
  );
}

function deadlineText(o: Obligation): string {
  if (o.status === 'not_required') return /voluntar/.test(o.reason) ? 'voluntary' : 'no duty';
  if (o.status === 'needs_more_info' && o.missing?.some((m) => m.includes('sector')))
    return 'sector rules only';
  const d = o.deadline;
  const of = `of ${d.trigger}`;
  switch (d.kind) {
    case 'hours':
      return `${d.value} hours ${of}`;
    case 'days':
      return `${d.value} days ${of}`;
    case 'business_days':
      return `${d.value} business days ${of}`;
    case 'months':
      return `${d.value} month${d.value === 1 ? '' : 's'} ${of}`;
    case 'without_unreasonable_delay':
      return 'without undue delay';
  }
}

/** Every rule the engine applies, one row per obligation id, ordered by jurisdiction then id. */
export function coverageRows(): CoverageRow[] {
  const lists: Obligation[][] = [];
  for (const country of Object.keys(ISO_3166_COUNTRIES)) {
    const regions = ISO_3166_2_SUBDIVISIONS[country];
    if (country === 'US' && regions) {
      for (const r of regions) lists.push(probe([{ country, region: `US-${r}`, count: 100_000 }]));
    } else {
      lists.push(probe([{ country, count: 100_000 }]));
    }
  }
  lists.push(
    probe([
      { country: 'CA', region: 'CA-QC', count: 1 },
      { country: 'CA', region: 'CA-AB', count: 1 },
    ]),
  );
  const allFlags = {
    hipaaCoveredEntity: true,
    secRegistrant: true,
    nydfsCovered: true,
    glbaFinancialInstitution: true,
    paymentCards: true,
    nis2Entity: true,
    doraEntity: true,
  };
  lists.push(
    probe(
      [
        { country: 'US', region: 'US-NY', count: 100_000 },
        { country: 'DE', count: 1 },
      ],
      allFlags,
    ),
  );
  const rows = new Map<string, CoverageRow>();
  for (const o of lists.flat()) {
    if (o.template === NO_RULE_TEMPLATE || rows.has(o.id)) continue;
    rows.set(o.id, {
      id: o.id,
      jurisdiction: o.jurisdiction,
      recipient: o.recipient,
      deadline: deadlineText(o),
      citation: o.citation,
      lastReviewed: o.lastReviewed,
      caveat: Boolean(o.note),
    });
  }
  return [...rows.values()].sort((a, b) =>
    a.jurisdiction === b.jurisdiction ? (a.id < b.id ? -1 : 1) : a.jurisdiction < b.jurisdiction ? -1 : 1,
  );
}

export interface CoverageSummary {
  jurisdictions: number;
  rules: number;
}

export function summarizeCoverage(rows: readonly CoverageRow[]): CoverageSummary {
  return { jurisdictions: new Set(rows.map((r) => r.jurisdiction)).size, rules: rows.length };
}

const HEADERS = ['jurisdiction', 'recipient', 'deadline', 'citation', 'reviewed', 'id'] as const;

function cells(r: CoverageRow): string[] {
  return [r.jurisdiction, r.recipient, r.deadline, r.citation + (r.caveat ? ' †' : ''), r.lastReviewed, r.id];
}

function summaryLine(rows: readonly CoverageRow[]): string {
  const s = summarizeCoverage(rows);
  return `${s.rules} rules in ${s.jurisdictions} jurisdictions; † marks a caveat (new, unsettled or guidance-based); every other place answers "no rule: counsel must check"`;
}

/** Markdown table for the README. */
export function formatCoverageMarkdown(rows: readonly CoverageRow[]): string {
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  const lines = [
    `| ${HEADERS.join(' | ')} |`,
    `| ${HEADERS.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${cells(r).map(esc).join(' | ')} |`),
  ];
  return `${lines.join('\n')}\n\n${summaryLine(rows)}\n`;
}

/** Fixed-width table for the terminal. */
export function formatCoverageText(rows: readonly CoverageRow[]): string {
  const all = [[...HEADERS], ...rows.map(cells)];
  const widths = HEADERS.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${all.map(line).join('\n')}\n\n${summaryLine(rows)}\n`;
}

/** The EU/EEA supervisory authorities a GDPR Art. 33 notice is addressed to, as a Markdown table. */
export function formatAuthoritiesMarkdown(): string {
  const lines = [
    '| country | authority | notify | languages |',
    '| --- | --- | --- | --- |',
    ...Object.values(EEA_SUPERVISORY_AUTHORITIES)
      .sort((a, b) => (a.country < b.country ? -1 : 1))
      .map((a) => {
        const name = a.abbreviation ? `${a.name} (${a.abbreviation})` : a.name;
        const how = `${a.notify.channel.replace('_', ' ')}: ${a.notify.url}`;
        return `| ${a.country} | ${name.replace(/\|/g, '\\|')} | ${how} | ${a.languages.join(', ')} |`;
      }),
  ];
  return `${lines.join('\n')}\n`;
}

/** Per US state: which data counts with a name, alone, as credentials, and the regulator / CRA head counts. */
export function formatStateElementsMarkdown(): string {
  const count = (n: number | undefined) => (n === undefined ? '—' : n <= 1 ? 'any' : `≥ ${n}`);
  const lines = [
    '| state | with a name (beyond SSN, licence, account, card) | without a name | credentials alone | account/card without its code | regulator from | CRAs from |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...US_STATE_RULES.map((r) => {
      const alone = (r.alone ?? []).join(', ') || '—';
      return `| US-${r.code} | ${r.extras.join(', ') || '—'} | ${alone} | ${r.credentials ? 'yes' : 'no'} | ${r.accountAlone ? 'yes' : 'no'} | ${count(r.regulator?.minAffected)} | ${count(r.cra?.minAffected)} |`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}

export const README_START =
  '<!-- coverage:start (generated by scripts/regulations-readme.ts; do not edit) -->';
export const README_END = '<!-- coverage:end -->';

/** The generated part of src/domain/regulations/README.md, markers included. */
export function renderReadmeCoverage(): string {
  return [
    README_START,
    '<!-- prettier-ignore-start -->',
    '',
    formatCoverageMarkdown(coverageRows()),
    '### EU/EEA supervisory authorities',
    '',
    formatAuthoritiesMarkdown(),
    '',
    '### US data elements and thresholds',
    '',
    formatStateElementsMarkdown(),
    '<!-- prettier-ignore-end -->',
    README_END,
  ].join('\n');
}

/** Replaces the generated section of a README text (between the markers) with the current one. */
export function withReadmeCoverage(readme: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error('README has no coverage markers');
  return readme.slice(0, start) + renderReadmeCoverage() + readme.slice(end + README_END.length);
}
