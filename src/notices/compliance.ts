// The compliance check of a customer notice draft: every variant the incident's readers need, in every
// language the templates have, checked against the content rules of the variant's jurisdictions. Findings
// that repeat across languages are reported once, with the languages they concern.
import {
  CONTENT_RULES,
  type ContentFinding,
  type ContentRule,
  checkNoticeContent,
} from '../domain/notice-content';
import type { DraftCompliance, DraftFinding } from '../domain/approval';
import type { DataCategory } from '../domain/regulations/facts';
import type { RenderedNotice } from './render';

export type { DraftCompliance, DraftFinding };

export function findingsOf(notice: RenderedNotice, categories: readonly DataCategory[], locale: string) {
  const rules = notice.jurisdictions
    .map((j) => CONTENT_RULES.get(j))
    .filter((r): r is ContentRule => r !== undefined);
  return checkNoticeContent(notice.structure, rules, categories, locale);
}

export function summarizeCompliance(
  checks: { notice: RenderedNotice; locale: string; findings: ContentFinding[] }[],
): DraftCompliance {
  const byKey = new Map<string, DraftFinding>();
  for (const c of checks)
    for (const f of c.findings) {
      const key = `${c.notice.variant}\0${f.jurisdiction}\0${f.kind}\0${f.element ?? ''}\0${f.message}`;
      const seen = byKey.get(key);
      if (seen) seen.locales.push(c.locale);
      else byKey.set(key, { ...f, variant: c.notice.variant, locales: [c.locale] });
    }
  const findings = [...byKey.values()];
  return {
    ok: findings.length === 0,
    checked: checks.length,
    variants: [...new Set(checks.map((c) => c.notice.variant))],
    locales: [...new Set(checks.map((c) => c.locale))],
    findings,
  };
}
