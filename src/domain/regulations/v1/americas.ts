// Americas outside the US: Canada (PIPEDA, Quebec Law 25, Alberta PIPA) and Brazil (LGPD, ANPD Resolution 15/2024).
import { addBusinessDays, addHours } from './calendar';
import type { Obligation } from '../obligation';
import { clockStart, makeObligation, riskGatedVerdict, type Rule, type RuleMeta } from './rule';

/** Working target for laws that say "as soon as feasible / promptly" after the determination. */
export const PROMPT_TARGET_HOURS = 72;

const PIPEDA_SOURCE = {
  name: 'OPC: What you need to know about mandatory reporting of breaches of security safeguards',
  url: 'https://www.priv.gc.ca/en/privacy-topics/business-privacy/breaches-and-safeguards/privacy-breaches-at-your-business/gd_pb_201810/',
};

export const canada: Rule = (ctx) => {
  const count = ctx.byCountry.get('CA') ?? 0;
  if (count === 0) return [];
  const start = clockStart(ctx, 'determination');
  const timing = {
    deadline: { kind: 'without_unreasonable_delay', value: null, trigger: 'determination' } as const,
    due: null,
    internalTarget: addHours(start.at, PROMPT_TARGET_HOURS),
  };
  const rrosh = 'real risk of significant harm';
  const pipeda = (
    id: string,
    recipient: RuleMeta['recipient'],
    citation: string,
    template: string,
    authority?: string,
  ) =>
    makeObligation(
      {
        id,
        jurisdiction: 'CA',
        recipient,
        authority,
        citation,
        template,
        source: PIPEDA_SOURCE,
        note: 'record every breach for 24 months (s. 10.3)',
      },
      riskGatedVerdict(ctx, {
        ...timing,
        affectedCount: count,
        scope: `${count} individual(s) in Canada`,
        threshold: rrosh,
        caveat: 'as soon as feasible after determining the breach occurred',
      }),
    );
  const out: Obligation[] = [
    pipeda(
      'ca-pipeda-opc',
      'regulator',
      'PIPEDA s. 10.1(1); SOR/2018-64',
      'regulator/opc-pipeda',
      'Office of the Privacy Commissioner of Canada',
    ),
    pipeda('ca-pipeda-individuals', 'individuals', 'PIPEDA s. 10.1(3)', 'individual/pipeda'),
  ];
  const quebec = ctx.byRegion.get('CA-QC') ?? 0;
  if (quebec > 0) {
    const source = {
      name: 'Légis Québec: CQLR c P-39.1',
      url: 'https://www.legisquebec.gouv.qc.ca/en/document/cs/P-39.1',
    };
    const verdict = riskGatedVerdict(ctx, {
      ...timing,
      affectedCount: quebec,
      scope: `${quebec} individual(s) in Quebec`,
      threshold: 'risk of serious injury',
      caveat: 'notify promptly',
    });
    out.push(
      makeObligation(
        {
          id: 'ca-qc-cai',
          jurisdiction: 'CA-QC',
          recipient: 'regulator',
          authority: "Commission d'accès à l'information",
          citation: 'Private Sector Act (CQLR c P-39.1) s. 3.5',
          template: 'regulator/qc-cai',
          source,
        },
        verdict,
      ),
      makeObligation(
        {
          id: 'ca-qc-individuals',
          jurisdiction: 'CA-QC',
          recipient: 'individuals',
          citation: 'Private Sector Act (CQLR c P-39.1) s. 3.5',
          template: 'individual/qc-law25',
          source,
        },
        verdict,
      ),
    );
  }
  const alberta = ctx.byRegion.get('CA-AB') ?? 0;
  if (alberta > 0) {
    out.push(
      makeObligation(
        {
          id: 'ca-ab-oipc',
          jurisdiction: 'CA-AB',
          recipient: 'regulator',
          authority: 'Office of the Information and Privacy Commissioner of Alberta',
          citation: 'Personal Information Protection Act (Alberta) s. 34.1',
          template: 'regulator/ab-oipc',
          source: { name: 'OIPC Alberta: privacy breach reporting', url: 'https://oipc.ab.ca/' },
          note: 'the Commissioner may then require notice to individuals (s. 37.1)',
        },
        riskGatedVerdict(ctx, {
          ...timing,
          affectedCount: alberta,
          scope: `${alberta} individual(s) in Alberta`,
          threshold: rrosh,
          caveat: 'without unreasonable delay',
        }),
      ),
    );
  }
  return out;
};

export const brazil: Rule = (ctx) => {
  const count = ctx.byCountry.get('BR') ?? 0;
  if (count === 0) return [];
  const source = {
    name: 'ANPD: Regulamento de Comunicação de Incidente de Segurança (Resolução CD/ANPD nº 15/2024)',
    url: 'https://www.gov.br/anpd/pt-br',
  };
  const timing = {
    deadline: { kind: 'business_days', value: 3, trigger: 'awareness' } as const,
    due: addBusinessDays(ctx.awareAt, 3, 'BR'),
    affectedCount: count,
    scope: `${count} data subject(s) in Brazil`,
    threshold: 'risk or relevant damage to data subjects',
    caveat: 'within three business days of knowing personal data was affected (national holidays only)',
  };
  const note = 'keep the incident record for at least five years even when not notified';
  return [
    makeObligation(
      {
        id: 'br-lgpd-anpd',
        jurisdiction: 'BR',
        recipient: 'regulator',
        authority: 'Autoridade Nacional de Proteção de Dados (ANPD)',
        citation: 'LGPD Art. 48; Resolução CD/ANPD nº 15/2024 Art. 6',
        template: 'regulator/anpd-lgpd',
        source,
        note,
      },
      riskGatedVerdict(ctx, timing),
    ),
    makeObligation(
      {
        id: 'br-lgpd-individuals',
        jurisdiction: 'BR',
        recipient: 'individuals',
        citation: 'LGPD Art. 48; Resolução CD/ANPD nº 15/2024 Art. 9',
        template: 'individual/lgpd',
        source,
        note,
      },
      riskGatedVerdict(ctx, timing),
    ),
  ];
};

export const americasRules: readonly Rule[] = [canada, brazil];
