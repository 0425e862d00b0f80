// US federal and industry rules: HIPAA breach notification, SEC Form 8-K Item 1.05, NYDFS Part 500, the FTC
// Safeguards Rule (GLBA) and card-brand (PCI) incident reporting. Each applies only when its entity flag is set.
import { addBusinessDays, addDays, addHours, endOfUtcYear } from './calendar';
import type { Obligation } from '../obligation';
import {
  because,
  clockStart,
  encryptionFinding,
  hasAny,
  makeObligation,
  type FactsContext,
  type Rule,
  type RuleMeta,
  type Verdict,
} from './rule';

const HIPAA_SOURCE = {
  name: 'HHS: Breach Notification Rule (45 CFR 164.400-414)',
  url: 'https://www.hhs.gov/hipaa/for-professionals/breach-notification/index.html',
};

/** Whether a HIPAA notice is owed at all, before the recipient-specific thresholds. */
function hipaaGate(ctx: FactsContext): Pick<Verdict, 'status' | 'missing' | 'reason'> {
  const phi = hasAny(ctx, ['health', 'medical_insurance']);
  if (ctx.safeHarbour) {
    return {
      status: 'not_required',
      reason: `${encryptionFinding(ctx)}: secured PHI is not "unsecured PHI"`,
    };
  }
  const risk = ctx.facts.riskOfHarm;
  if (risk === 'none' || risk === 'low') {
    return {
      status: 'not_required',
      reason: `risk of harm assessed as ${risk}: excluded only if the documented four-factor assessment shows a low probability of compromise (45 CFR 164.402)`,
    };
  }
  if (phi.length === 0) {
    return {
      status: 'needs_more_info',
      missing: ['dataCategories: is the exposed data protected health information (e.g. patient records)?'],
      reason:
        'no health or medical insurance category listed; demographic data held by a covered entity may still be PHI',
    };
  }
  return {
    status: 'required',
    reason: `unsecured PHI (${phi.join(', ')}); ${encryptionFinding(ctx)}; breach presumed`,
  };
}

export const hipaa: Rule = (ctx) => {
  const total = ctx.byCountry.get('US') ?? 0;
  if (!ctx.facts.entity.hipaaCoveredEntity || total === 0) return [];
  const gate = hipaaGate(ctx);
  const base = (
    id: string,
    recipient: RuleMeta['recipient'],
    citation: string,
    template: string,
  ): RuleMeta => ({
    id,
    jurisdiction: 'US',
    recipient,
    citation,
    template,
    source: HIPAA_SOURCE,
    authority: recipient === 'regulator' ? 'HHS Office for Civil Rights' : undefined,
  });
  const sixtyDays = { kind: 'days', value: 60, trigger: 'awareness' } as const;
  const due60 = addDays(ctx.awareAt, 60);
  const out: Obligation[] = [
    makeObligation(base('us-hipaa-individuals', 'individuals', '45 CFR 164.404', 'individual/hipaa'), {
      ...gate,
      deadline: sixtyDays,
      due: due60,
      affectedCount: total,
      reason: because(
        `${total} individual(s)`,
        gate.reason,
        'without unreasonable delay and within 60 days of discovery',
      ),
    }),
  ];
  const large = total >= 500;
  const annualDue = addDays(endOfUtcYear(ctx.awareAt.getUTCFullYear()), 60);
  out.push(
    makeObligation(base('us-hipaa-hhs', 'regulator', '45 CFR 164.408', 'regulator/hhs-ocr'), {
      ...gate,
      deadline: sixtyDays,
      due: large ? due60 : annualDue,
      affectedCount: total,
      reason: because(
        gate.reason,
        large
          ? `${total} individuals (500 or more): notify HHS contemporaneously, within 60 days of discovery`
          : `${total} individual(s) (fewer than 500): log and report within 60 days after the end of the calendar year`,
      ),
    }),
  );
  for (const [region, count] of ctx.byRegion) {
    if (!region.startsWith('US-')) continue;
    const over = count > 500;
    const id = `us-hipaa-media-${region.toLowerCase()}`;
    const meta = { ...base(id, 'media', '45 CFR 164.406', 'media/hipaa'), jurisdiction: region };
    out.push(
      makeObligation(meta, {
        status: over ? gate.status : 'not_required',
        missing: over ? gate.missing : undefined,
        deadline: sixtyDays,
        due: due60,
        affectedCount: count,
        reason: over
          ? because(
              `${count} residents of ${region} (more than 500)`,
              gate.reason,
              'prominent media outlets serving the state',
            )
          : `${count} resident(s) of ${region}: media notice only above 500 residents of a state or jurisdiction`,
      }),
    );
  }
  const unallocated = ctx.unallocated.get('US') ?? 0;
  if (unallocated > 500 || (unallocated > 0 && total > 500)) {
    out.push(
      makeObligation(base('us-hipaa-media-unallocated', 'media', '45 CFR 164.406', 'media/hipaa'), {
        status: gate.status === 'not_required' ? 'not_required' : 'needs_more_info',
        missing: ['affected[].region for US residents'],
        deadline: sixtyDays,
        due: due60,
        affectedCount: unallocated,
        reason: because(
          `${unallocated} US individual(s) without a state`,
          'media notice depends on more than 500 residents of one state',
        ),
      }),
    );
  }
  return out;
};

export const secForm8k: Rule = (ctx) => {
  if (!ctx.facts.entity.secRegistrant) return [];
  const meta: RuleMeta = {
    id: 'us-sec-8k-item-1-05',
    jurisdiction: 'US',
    recipient: 'regulator',
    authority: 'U.S. Securities and Exchange Commission (EDGAR)',
    citation: 'Form 8-K Item 1.05; 17 CFR 229.106',
    template: 'regulator/sec-8k',
    source: { name: 'SEC: Form 8-K General Instructions', url: 'https://www.sec.gov/files/form8-k.pdf' },
    note: 'filing cut-off is 5:30 pm Eastern on the due day; a national-security delay requires the Attorney General',
  };
  const deadline = { kind: 'business_days', value: 4, trigger: 'determination' } as const;
  const material = ctx.facts.materialIncident;
  if (material === false) {
    return [
      makeObligation(meta, {
        status: 'not_required',
        deadline,
        due: null,
        reason: 'incident determined not material; consider voluntary disclosure under Item 8.01',
      }),
    ];
  }
  const missing = [
    ...(material === undefined ? ['materialIncident'] : []),
    ...(ctx.determinedAt ? [] : ['determinedAt']),
  ];
  return [
    makeObligation(meta, {
      status: missing.length > 0 ? 'needs_more_info' : 'required',
      deadline,
      due: ctx.determinedAt && material ? addBusinessDays(ctx.determinedAt, 4) : null,
      missing,
      reason: because(
        material
          ? 'incident determined material'
          : 'materiality must be determined without unreasonable delay after discovery',
        'file within four business days of the materiality determination (US federal holidays excluded)',
      ),
    }),
  ];
};

export const nydfs: Rule = (ctx) => {
  if (!ctx.facts.entity.nydfsCovered) return [];
  const start = clockStart(ctx, 'determination');
  return [
    makeObligation(
      {
        id: 'us-nydfs-500-17',
        jurisdiction: 'US-NY',
        recipient: 'regulator',
        authority: 'New York State Department of Financial Services',
        citation: '23 NYCRR 500.17(a)',
        template: 'regulator/nydfs-500-17',
        source: {
          name: 'NYDFS: 23 NYCRR Part 500',
          url: 'https://www.dfs.ny.gov/industry_guidance/cybersecurity',
        },
        note: 'a 24-hour notice of any extortion payment (500.17(c)) is not modelled',
      },
      {
        status: 'required',
        deadline: { kind: 'hours', value: 72, trigger: 'determination' },
        due: addHours(start.at, 72),
        reason: because(
          'cybersecurity incident at a covered entity (confirm it meets a 500.17(a) reporting criterion)',
          'notify within 72 hours of determining that it occurred',
          start.caveat,
        ),
      },
    ),
  ];
};

export const ftcSafeguards: Rule = (ctx) => {
  if (!ctx.facts.entity.glbaFinancialInstitution) return [];
  const count = ctx.byCountry.get('US') ?? 0;
  const meta: RuleMeta = {
    id: 'us-ftc-glba-safeguards',
    jurisdiction: 'US',
    recipient: 'regulator',
    authority: 'Federal Trade Commission',
    citation: '16 CFR 314.4(j)',
    template: 'regulator/ftc-safeguards',
    source: { name: 'eCFR: 16 CFR Part 314', url: 'https://www.ecfr.gov/current/title-16/part-314' },
    note: 'FTC-regulated non-bank institutions only; banks follow the interagency 36-hour rule (not modelled)',
  };
  const deadline = { kind: 'days', value: 30, trigger: 'awareness' } as const;
  const status = ctx.safeHarbour || count < 500 ? 'not_required' : 'required';
  return [
    makeObligation(meta, {
      status,
      deadline,
      due: addDays(ctx.awareAt, 30),
      affectedCount: count,
      reason: because(
        `${count} consumer(s) ${count >= 500 ? 'meets' : 'is below'} the threshold of 500`,
        `${encryptionFinding(ctx)}${ctx.safeHarbour ? ': not unencrypted customer information' : ''}`,
        status === 'required' && 'notify no later than 30 days after discovery',
      ),
    }),
  ];
};

export const pciCardBrands: Rule = (ctx) => {
  if (!ctx.facts.entity.paymentCards) return [];
  const cards = ctx.categories.has('payment_card');
  const meta: RuleMeta = {
    id: 'us-pci-card-brands',
    jurisdiction: 'US',
    recipient: 'card_brands',
    authority: 'Acquiring bank and card brands (Visa, Mastercard, American Express, Discover, JCB)',
    citation: 'Card brand operating rules; PCI DSS v4.0.1 Req. 12.10.1',
    template: 'card-brands/pci',
    source: { name: 'PCI Security Standards Council', url: 'https://www.pcisecuritystandards.org/' },
    note: 'contractual, not statutory, and global; brand deadlines range from immediately to 72 hours: 24 hours used',
  };
  const deadline = { kind: 'hours', value: 24, trigger: 'awareness' } as const;
  const due = addHours(ctx.awareAt, 24);
  if (!cards) {
    return [
      makeObligation(meta, {
        status: 'not_required',
        deadline,
        due: null,
        reason: 'no payment card data listed',
      }),
    ];
  }
  if (ctx.safeHarbour) {
    return [
      makeObligation(meta, {
        status: 'needs_more_info',
        deadline,
        due,
        missing: ['acquirer confirmation that encrypted card data exposure is not reportable'],
        reason: `${encryptionFinding(ctx)}; brands may still require a report of suspected account data compromise`,
      }),
    ];
  }
  return [
    makeObligation(meta, {
      status: 'required',
      deadline,
      due,
      reason: because(
        'payment card data exposed',
        encryptionFinding(ctx),
        'report to the acquirer and brands within 24 hours',
      ),
    }),
  ];
};

export const usFederalRules: readonly Rule[] = [hipaa, secForm8k, nydfs, ftcSafeguards, pciCardBrands];
