// European rules: EU GDPR (EU + EEA), UK GDPR, NIS2 incident reporting and DORA major-incident reporting.
import { addDays, addHours } from './calendar';
import type { Obligation } from '../obligation';
import {
  because,
  clockStart,
  countIn,
  encryptionFinding,
  makeObligation,
  type FactsContext,
  type Rule,
  type RuleMeta,
} from './rule';

/** EU member states plus the EEA states (IS, LI, NO) that apply the GDPR through the EEA Agreement. */
export const GDPR_COUNTRIES: ReadonlySet<string> = new Set([
  ...['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE'],
  ...['IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'],
  ...['IS', 'LI', 'NO'],
]);

interface GdprVariant {
  prefix: string;
  jurisdiction: string;
  law: string;
  authority: string;
  template33: string;
  template34: string;
  source: RuleMeta['source'];
}

function gdprObligations(ctx: FactsContext, v: GdprVariant, count: number): Obligation[] {
  const risk = ctx.facts.riskOfHarm ?? 'unknown';
  const due72 = addHours(ctx.awareAt, 72);
  const scope = `${count} data subject(s) in ${v.jurisdiction === 'EU' ? 'the EU/EEA' : 'the UK'}`;
  const applicability =
    'applies where the controller is established in, or targets people in, the territory; residence alone is an indicator';
  const art33: RuleMeta = {
    id: `${v.prefix}-art33`,
    jurisdiction: v.jurisdiction,
    recipient: 'regulator',
    authority: v.authority,
    citation: `${v.law} Art. 33(1)`,
    template: v.template33,
    source: v.source,
    note: applicability,
  };
  const deadline72 = { kind: 'hours', value: 72, trigger: 'awareness' } as const;
  const art33Obligation =
    risk === 'none'
      ? makeObligation(art33, {
          status: 'not_required',
          deadline: deadline72,
          due: null,
          affectedCount: count,
          reason: because(
            scope,
            'breach assessed as unlikely to result in a risk to rights and freedoms (Art. 33(1))',
            'document the breach and the assessment (Art. 33(5))',
          ),
        })
      : makeObligation(art33, {
          status: risk === 'unknown' ? 'needs_more_info' : 'required',
          deadline: deadline72,
          due: due72,
          affectedCount: count,
          missing: risk === 'unknown' ? ['riskOfHarm'] : undefined,
          reason: because(
            scope,
            risk === 'unknown'
              ? 'notification is due within 72 hours of awareness unless the breach is unlikely to result in a risk; risk not yet assessed and the clock is running'
              : `risk of harm assessed as ${risk}: notify within 72 hours of awareness (late notice needs reasons)`,
          ),
        });

  const art34: RuleMeta = {
    id: `${v.prefix}-art34`,
    jurisdiction: v.jurisdiction,
    recipient: 'individuals',
    citation: `${v.law} Art. 34(1), (3)`,
    template: v.template34,
    source: v.source,
    note: applicability,
  };
  const undue = { kind: 'without_unreasonable_delay', value: null, trigger: 'awareness' } as const;
  let art34Obligation: Obligation;
  if (ctx.safeHarbour) {
    art34Obligation = makeObligation(art34, {
      status: 'not_required',
      deadline: undue,
      due: null,
      affectedCount: count,
      reason: because(scope, `${encryptionFinding(ctx)}: unintelligible to others (Art. 34(3)(a))`),
    });
  } else if (risk === 'high') {
    art34Obligation = makeObligation(art34, {
      status: 'required',
      deadline: undue,
      due: null,
      internalTarget: due72,
      affectedCount: count,
      reason: because(
        scope,
        'high risk to rights and freedoms',
        encryptionFinding(ctx),
        'without undue delay',
      ),
    });
  } else if (risk === 'unknown') {
    art34Obligation = makeObligation(art34, {
      status: 'needs_more_info',
      deadline: undue,
      due: null,
      internalTarget: due72,
      affectedCount: count,
      missing: ['riskOfHarm'],
      reason: because(
        scope,
        'required without undue delay only if the breach is likely to result in a high risk',
      ),
    });
  } else {
    art34Obligation = makeObligation(art34, {
      status: 'not_required',
      deadline: undue,
      due: null,
      affectedCount: count,
      reason: because(scope, `risk of harm assessed as ${risk}, not high`),
    });
  }
  return [art33Obligation, art34Obligation];
}

export const gdprEu: Rule = (ctx) => {
  const count = countIn(ctx, GDPR_COUNTRIES);
  if (count === 0) return [];
  return gdprObligations(
    ctx,
    {
      prefix: 'eu-gdpr',
      jurisdiction: 'EU',
      law: 'Regulation (EU) 2016/679 (GDPR)',
      authority: 'Lead supervisory authority (GDPR Art. 56) or each competent supervisory authority',
      template33: 'regulator/gdpr-art33',
      template34: 'individual/gdpr-art34',
      source: { name: 'EUR-Lex: GDPR', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' },
    },
    count,
  );
};

export const gdprUk: Rule = (ctx) => {
  const count = ctx.byCountry.get('GB') ?? 0;
  if (count === 0) return [];
  return gdprObligations(
    ctx,
    {
      prefix: 'gb-ukgdpr',
      jurisdiction: 'GB',
      law: 'UK GDPR',
      authority: "Information Commissioner's Office (ICO)",
      template33: 'regulator/ico-art33',
      template34: 'individual/uk-gdpr',
      source: {
        name: 'ICO: personal data breaches guide',
        url: 'https://ico.org.uk/for-organisations/report-a-breach/personal-data-breach/',
      },
    },
    count,
  );
};

/** Significance / major classification shared by NIS2 and DORA, read from `materialIncident`. */
function significance(ctx: FactsContext, label: string): { status: Obligation['status']; reason: string } {
  const m = ctx.facts.materialIncident;
  if (m === true) return { status: 'required', reason: `incident determined to be ${label}` };
  if (m === false) return { status: 'not_required', reason: `incident determined not to be ${label}` };
  return { status: 'needs_more_info', reason: `not yet determined whether the incident is ${label}` };
}

export const nis2: Rule = (ctx) => {
  if (!ctx.facts.entity.nis2Entity) return [];
  const sig = significance(ctx, 'a significant incident (NIS2 Art. 23(3))');
  const missing = sig.status === 'needs_more_info' ? ['materialIncident'] : undefined;
  const source = {
    name: 'EUR-Lex: Directive (EU) 2022/2555 (NIS2)',
    url: 'https://eur-lex.europa.eu/eli/dir/2022/2555/oj',
  };
  const base = {
    jurisdiction: 'EU',
    recipient: 'regulator',
    authority: 'National CSIRT or competent authority (NIS2 Art. 23)',
    source,
    note: 'national transposition laws may add detail; the member state of establishment governs',
  } as const;
  const earlyDue = addHours(ctx.awareAt, 24);
  const notificationDue = addHours(ctx.awareAt, 72);
  const finalDue = addDays(notificationDue, 30);
  return [
    makeObligation(
      {
        ...base,
        id: 'eu-nis2-early-warning',
        citation: 'Directive (EU) 2022/2555 Art. 23(4)(a)',
        template: 'regulator/nis2-early-warning',
      },
      {
        status: sig.status,
        deadline: { kind: 'hours', value: 24, trigger: 'awareness' },
        due: earlyDue,
        missing,
        reason: because(sig.reason, 'early warning within 24 hours of awareness'),
      },
    ),
    makeObligation(
      {
        ...base,
        id: 'eu-nis2-notification',
        citation: 'Directive (EU) 2022/2555 Art. 23(4)(b)',
        template: 'regulator/nis2-notification',
      },
      {
        status: sig.status,
        deadline: { kind: 'hours', value: 72, trigger: 'awareness' },
        due: notificationDue,
        missing,
        reason: because(sig.reason, 'incident notification within 72 hours of awareness'),
      },
    ),
    makeObligation(
      {
        ...base,
        id: 'eu-nis2-final-report',
        citation: 'Directive (EU) 2022/2555 Art. 23(4)(d)',
        template: 'regulator/nis2-final-report',
      },
      {
        status: sig.status,
        deadline: { kind: 'days', value: 30, trigger: 'awareness' },
        due: finalDue,
        missing,
        reason: because(
          sig.reason,
          'final report one month after the incident notification (modelled as 30 days after the 72-hour notification deadline)',
        ),
      },
    ),
  ];
};

export const dora: Rule = (ctx) => {
  if (!ctx.facts.entity.doraEntity) return [];
  const sig = significance(ctx, 'a major ICT-related incident (DORA Art. 18)');
  const missing = sig.status === 'needs_more_info' ? ['materialIncident'] : [];
  const source = {
    name: 'EUR-Lex: Regulation (EU) 2022/2554 (DORA)',
    url: 'https://eur-lex.europa.eu/eli/reg/2022/2554/oj',
  };
  const base = {
    jurisdiction: 'EU',
    recipient: 'regulator',
    authority: 'Financial competent authority (DORA Art. 46)',
    source,
    note: 'timelines from Commission Delegated Regulation (EU) 2025/301 Art. 5; one month modelled as 30 days',
  } as const;
  const outer = addHours(ctx.awareAt, 24);
  const classification = clockStart(ctx, 'determination');
  const fromClassification = ctx.determinedAt ? addHours(ctx.determinedAt, 4) : undefined;
  const classificationFirst = fromClassification !== undefined && fromClassification < outer;
  const initialDue = classificationFirst ? fromClassification : outer;
  if (!ctx.determinedAt && sig.status !== 'not_required') missing.push('determinedAt');
  const intermediateDue = addHours(initialDue, 72);
  const finalDue = addDays(intermediateDue, 30);
  const common = { status: sig.status, missing };
  return [
    makeObligation(
      {
        ...base,
        id: 'eu-dora-initial',
        citation: 'Regulation (EU) 2022/2554 Art. 19(4)(a)',
        template: 'regulator/dora-initial',
      },
      {
        ...common,
        deadline: classificationFirst
          ? { kind: 'hours', value: 4, trigger: 'determination' }
          : { kind: 'hours', value: 24, trigger: 'awareness' },
        due: initialDue,
        reason: because(
          sig.reason,
          'initial notification within 4 hours of classification as major and no later than 24 hours after awareness',
          classification.caveat && 'classification time unknown: the 24-hour outer limit is shown',
        ),
      },
    ),
    makeObligation(
      {
        ...base,
        id: 'eu-dora-intermediate',
        citation: 'Regulation (EU) 2022/2554 Art. 19(4)(b)',
        template: 'regulator/dora-intermediate',
      },
      {
        ...common,
        deadline: { kind: 'hours', value: 72, trigger: 'determination' },
        due: intermediateDue,
        reason: because(sig.reason, 'intermediate report within 72 hours of the initial notification'),
      },
    ),
    makeObligation(
      {
        ...base,
        id: 'eu-dora-final',
        citation: 'Regulation (EU) 2022/2554 Art. 19(4)(c)',
        template: 'regulator/dora-final',
      },
      {
        ...common,
        deadline: { kind: 'days', value: 30, trigger: 'determination' },
        due: finalDue,
        reason: because(sig.reason, 'final report one month after the latest intermediate report'),
      },
    ),
  ];
};

export const europeanRules: readonly Rule[] = [gdprEu, gdprUk, nis2, dora];
