// Asia-Pacific rules: Australia (NDB scheme), Singapore (PDPA) and India (DPDP Act and CERT-In).
// Japan and South Korea live in east-asia.ts.
import { addDays, addHours } from './calendar';
import {
  because,
  clockStart,
  encryptionFinding,
  makeObligation,
  riskGatedVerdict,
  type Rule,
  type Verdict,
} from './rule';

export const australia: Rule = (ctx) => {
  const count = ctx.byCountry.get('AU') ?? 0;
  if (count === 0) return [];
  const start = clockStart(ctx, 'determination');
  const gated = riskGatedVerdict(ctx, {
    deadline: { kind: 'without_unreasonable_delay', value: null, trigger: 'determination' },
    due: null,
    internalTarget: addHours(start.at, 72),
    affectedCount: count,
    scope: `${count} individual(s) in Australia`,
    threshold: 'eligible data breach: likely to result in serious harm (s 26WE)',
    caveat: 'as soon as practicable after reasonable grounds to believe it is eligible',
  });
  const verdict: Verdict =
    gated.status === 'needs_more_info'
      ? {
          ...gated,
          deadline: { kind: 'days', value: 30, trigger: 'awareness' },
          due: addDays(ctx.awareAt, 30),
          internalTarget: undefined,
          reason: because(
            gated.reason,
            'a suspected eligible breach must be assessed within 30 days (s 26WH(2))',
          ),
        }
      : gated;
  const source = {
    name: 'OAIC: Notifiable Data Breaches scheme',
    url: 'https://www.oaic.gov.au/privacy/notifiable-data-breaches',
  };
  return [
    makeObligation(
      {
        id: 'au-ndb-oaic',
        jurisdiction: 'AU',
        recipient: 'regulator',
        authority: 'Office of the Australian Information Commissioner',
        citation: 'Privacy Act 1988 (Cth) ss 26WH, 26WK',
        template: 'regulator/oaic-ndb',
        source,
      },
      verdict,
    ),
    makeObligation(
      {
        id: 'au-ndb-individuals',
        jurisdiction: 'AU',
        recipient: 'individuals',
        citation: 'Privacy Act 1988 (Cth) s 26WL',
        template: 'individual/au-ndb',
        source,
      },
      verdict,
    ),
  ];
};

export const singapore: Rule = (ctx) => {
  const count = ctx.byCountry.get('SG') ?? 0;
  if (count === 0) return [];
  const source = {
    name: 'PDPC: guide on managing and notifying data breaches',
    url: 'https://www.pdpc.gov.sg/',
  };
  const risk = ctx.facts.riskOfHarm ?? 'unknown';
  const scale = count >= 500;
  const start = clockStart(ctx, 'determination');
  const pdpcDue = addDays(start.at, 3);
  const scope = `${count} individual(s) in Singapore${scale ? ' (significant scale: 500 or more)' : ''}`;
  const deadline = { kind: 'days', value: 3, trigger: 'determination' } as const;
  const pdpc: Verdict =
    scale || risk === 'high'
      ? {
          status: 'required',
          deadline,
          due: pdpcDue,
          affectedCount: count,
          reason: because(
            scope,
            risk === 'high' && 'significant harm likely',
            'notify within 3 calendar days of assessing it notifiable',
            start.caveat,
          ),
        }
      : risk === 'unknown'
        ? {
            status: 'needs_more_info',
            deadline,
            due: pdpcDue,
            affectedCount: count,
            missing: ['riskOfHarm'],
            reason: because(
              scope,
              'notifiable if significant harm is likely; assess within 30 days of credible grounds',
              start.caveat,
            ),
          }
        : {
            status: 'not_required',
            deadline,
            due: null,
            affectedCount: count,
            reason: because(scope, `below 500 and risk assessed ${risk}`),
          };
  const individuals: Verdict = ctx.safeHarbour
    ? {
        status: 'not_required',
        deadline: { ...deadline, kind: 'without_unreasonable_delay', value: null },
        due: null,
        affectedCount: count,
        reason: because(scope, `${encryptionFinding(ctx)}: technological protection exception (s 26D(5)(b))`),
      }
    : riskGatedVerdict(ctx, {
        deadline: { kind: 'without_unreasonable_delay', value: null, trigger: 'determination' },
        due: null,
        internalTarget: pdpcDue,
        affectedCount: count,
        scope,
        threshold: 'significant harm to affected individuals',
        caveat: 'on or after notifying the PDPC, as soon as practicable',
      });
  return [
    makeObligation(
      {
        id: 'sg-pdpa-pdpc',
        jurisdiction: 'SG',
        recipient: 'regulator',
        authority: 'Personal Data Protection Commission',
        citation: 'PDPA 2012 ss 26B, 26D(1); PDP (Notification of Data Breaches) Regulations 2021',
        template: 'regulator/pdpc-sg',
        source,
      },
      pdpc,
    ),
    makeObligation(
      {
        id: 'sg-pdpa-individuals',
        jurisdiction: 'SG',
        recipient: 'individuals',
        citation: 'PDPA 2012 s 26D(2)',
        template: 'individual/pdpa-sg',
        source,
      },
      individuals,
    ),
  ];
};

/** DPDP Rules 2025 r. 7 commences 18 months after notification (13/14 November 2025). */
export const DPDP_BREACH_RULES_IN_FORCE = '2027-05-14T00:00:00.000Z';

export const india: Rule = (ctx) => {
  const count = ctx.byCountry.get('IN') ?? 0;
  if (count === 0) return [];
  const inForce = ctx.awareAt.getTime() >= Date.parse(DPDP_BREACH_RULES_IN_FORCE);
  const source = {
    name: 'MeitY: Digital Personal Data Protection Act 2023 and Rules 2025',
    url: 'https://www.meity.gov.in/data-protection-framework',
  };
  const note = inForce
    ? undefined
    : 'breach provisions expected in force about 2027-05-14; confirm the commencement date';
  const scope = `${count} Data Principal(s) in India; any personal data breach, no harm threshold`;
  const common = inForce
    ? { status: 'required' as const }
    : { status: 'needs_more_info' as const, missing: ['commencement of DPDP Rules 2025 r. 7'] };
  const undue = { kind: 'without_unreasonable_delay', value: null, trigger: 'awareness' } as const;
  const board = {
    jurisdiction: 'IN',
    recipient: 'regulator',
    authority: 'Data Protection Board of India',
    source,
    note,
  } as const;
  return [
    makeObligation(
      {
        ...board,
        id: 'in-dpdp-board-intimation',
        citation: 'DPDP Act 2023 s 8(6); DPDP Rules 2025 r. 7(2)(a)',
        template: 'regulator/dpdp-board-intimation',
      },
      {
        ...common,
        deadline: undue,
        due: null,
        internalTarget: addHours(ctx.awareAt, 24),
        affectedCount: count,
        reason: because(scope, 'intimate the Board without delay'),
      },
    ),
    makeObligation(
      {
        ...board,
        id: 'in-dpdp-board-report',
        citation: 'DPDP Rules 2025 r. 7(2)(b)',
        template: 'regulator/dpdp-board-report',
      },
      {
        ...common,
        deadline: { kind: 'hours', value: 72, trigger: 'awareness' },
        due: addHours(ctx.awareAt, 72),
        affectedCount: count,
        reason: because(
          scope,
          'detailed report within 72 hours of becoming aware (the Board may allow longer)',
        ),
      },
    ),
    makeObligation(
      {
        id: 'in-dpdp-individuals',
        jurisdiction: 'IN',
        recipient: 'individuals',
        citation: 'DPDP Act 2023 s 8(6); DPDP Rules 2025 r. 7(1)',
        template: 'individual/dpdp',
        source,
        note,
      },
      {
        ...common,
        deadline: undue,
        due: null,
        internalTarget: addHours(ctx.awareAt, 72),
        affectedCount: count,
        reason: because(scope, 'inform each affected Data Principal without delay'),
      },
    ),
    makeObligation(
      {
        id: 'in-certin',
        jurisdiction: 'IN',
        recipient: 'regulator',
        authority: 'CERT-In',
        citation: 'CERT-In Directions under IT Act s 70B(6), 28 April 2022',
        template: 'regulator/cert-in',
        source: { name: 'CERT-In Directions 2022', url: 'https://www.cert-in.org.in/' },
      },
      {
        status: 'needs_more_info',
        deadline: { kind: 'hours', value: 6, trigger: 'awareness' },
        due: addHours(ctx.awareAt, 6),
        missing: ['does the organisation operate systems or services in India?'],
        reason:
          'data breaches and leaks are reportable cyber incidents within 6 hours of noticing, for service providers, intermediaries, data centres and body corporates in India',
      },
    ),
  ];
};

export const apacRules: readonly Rule[] = [australia, singapore, india];
