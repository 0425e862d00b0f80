// The compliance check of one rendered notice against the content rules of its reader's jurisdictions: which
// required statements are missing, which forbidden ones are present, and whether title and headings are the
// ones the law prescribes. Pure: the same check runs on drafts, previews and in tests.
import type { DataCategory } from '../regulations/facts';
import { type NoticeElement, type NoticeSection, noticeElements } from './elements';
import type { ContentRule } from './schema';

/** What a rendered notice says, as the renderer saw it: its title, headed sections and tagged statements. */
export interface NoticeStructure {
  title?: string;
  sections: { id?: NoticeSection; heading: string }[];
  elements: NoticeElement[];
}

export interface ContentFinding {
  jurisdiction: string;
  citation: string;
  kind: 'missing' | 'forbidden' | 'title' | 'headings';
  element?: NoticeElement;
  /** One sentence counsel can act on. */
  message: string;
}

export function checkNoticeContent(
  notice: NoticeStructure,
  rules: ContentRule[],
  categories: readonly DataCategory[],
  locale: string,
): ContentFinding[] {
  const findings: ContentFinding[] = [];
  const said = new Set(notice.elements);
  const forbiddenBy = new Map<NoticeElement, string>();
  for (const rule of rules) for (const f of rule.forbidden) forbiddenBy.set(f.element, rule.id);
  for (const rule of rules) {
    for (const r of rule.required) {
      if (r.whenCategories && !r.whenCategories.some((c) => categories.includes(c))) continue;
      if (said.has(r.element)) continue;
      const other = forbiddenBy.get(r.element);
      findings.push({
        jurisdiction: rule.id,
        citation: r.citation,
        kind: 'missing',
        element: r.element,
        message: `missing ${noticeElements[r.element]}${other && other !== rule.id ? ` (left out because ${other} forbids it)` : ''}${r.note ? `; ${r.note}` : ''}`,
      });
    }
    for (const f of rule.forbidden) {
      if (!said.has(f.element)) continue;
      findings.push({
        jurisdiction: rule.id,
        citation: f.citation,
        kind: 'forbidden',
        element: f.element,
        message: `must not state ${noticeElements[f.element]}`,
      });
    }
    const title = rule.title?.[locale];
    if (title !== undefined && notice.title !== title)
      findings.push({
        jurisdiction: rule.id,
        citation: rule.citation,
        kind: 'title',
        message: `the title must be "${title}" (is "${notice.title ?? ''}")`,
      });
    else if (rule.title && !notice.title?.trim())
      findings.push({
        jurisdiction: rule.id,
        citation: rule.citation,
        kind: 'title',
        message: 'the notice needs a title',
      });
    if (rule.headings) {
      const ids = notice.sections.map((s) => s.id).filter((id) => id !== undefined);
      const wanted = rule.headings.sections;
      const inOrder = wanted.every(
        (id, i) => ids.indexOf(id) >= 0 && (i === 0 || ids.indexOf(id) > ids.indexOf(wanted[i - 1]!)),
      );
      const text = rule.headings.text?.[locale];
      const headings = wanted.map((id) => notice.sections.find((s) => s.id === id)?.heading ?? '');
      if (!inOrder)
        findings.push({
          jurisdiction: rule.id,
          citation: rule.headings.citation,
          kind: 'headings',
          message: `needs the sections ${wanted.join(', ')} in this order (has ${ids.join(', ') || 'none'})`,
        });
      else if (text && text.some((t, i) => headings[i] !== t))
        findings.push({
          jurisdiction: rule.id,
          citation: rule.headings.citation,
          kind: 'headings',
          message: `the headings must read ${text.map((t) => `"${t}"`).join(', ')} (are ${headings.map((t) => `"${t}"`).join(', ')})`,
        });
    }
  }
  return findings;
}
