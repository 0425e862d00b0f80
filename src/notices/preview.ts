// `breachplan notice preview`: the customer notice as counsel will approve it — the compliance result per
// jurisdiction, whether it is the draft awaiting approval, and one variant in one language, as a reader gets it.
import type { GateState } from '../domain/approval';
import type { IncidentFacts } from '../domain/incident';
import { incidentNoticeData } from '../domain/notice';
import { complianceLines } from '../domain/approval';
import { renderCustomerContent } from './draft';
import type { NoticeProfile } from '../domain/notice-profile';

export interface NoticePreviewOptions {
  locale: string;
  /** The reader variant to show ("US-MA", "EU-GDPR", "general"); default the first. */
  variant?: string;
  html?: boolean;
}

export function noticePreview(
  templatesDir: string,
  incidentId: string,
  facts: IncidentFacts,
  gate: GateState,
  o: NoticePreviewOptions,
  profile?: NoticeProfile,
  now = new Date(),
) {
  const noticeDate = gate.draft?.renderedAt ?? now.toISOString();
  const content = renderCustomerContent(
    templatesDir,
    gate.template,
    incidentNoticeData(incidentId, facts, noticeDate),
    facts,
    profile,
  );
  const shown = content.samples.find(
    (s) => s.locale === o.locale && (o.variant === undefined || s.variant === o.variant),
  );
  const approval = !gate.draft
    ? `no draft yet (${gate.status})`
    : gate.draft.contentHash === content.contentHash
      ? `matches the draft (${gate.status})`
      : `differs from the draft ${gate.draft.contentHash.slice(0, 12)} (${gate.status}): request a new approval`;
  const c = content.compliance;
  const lines = [
    `template ${gate.template}  version ${content.version}  locales ${c.locales.join(', ')}`,
    `content hash ${content.contentHash}: ${approval}`,
    `variants: ${c.variants.join(', ')}`,
    ...complianceLines(c),
    '',
  ];
  if (!shown)
    lines.push(
      `no notice in locale "${o.locale}"${o.variant ? ` for variant ${o.variant}` : ''} (variants: ${c.variants.join(', ')}; locales: ${c.locales.join(', ')})`,
    );
  else
    lines.push(
      `variant ${shown.variant}, locale ${shown.locale}`,
      `Subject: ${shown.notice.subject}`,
      '',
      o.html ? shown.notice.html : shown.notice.text,
    );
  return { content, text: `${lines.join('\n')}\n`, found: shown !== undefined };
}
