// East Asia rules: Japan (APPI) and South Korea (PIPA).
import { addDays, addHours } from './calendar';
import { dueAfter } from './clocks';
import { because, encryptionFinding, hasAny, makeObligation, type Rule, type Verdict } from './rule';

export const japan: Rule = (ctx) => {
  const count = ctx.byCountry.get('JP') ?? 0;
  if (count === 0) return [];
  const source = { name: 'PPC: APPI and Enforcement Rules', url: 'https://www.ppc.go.jp/en/' };
  const triggers = [
    count > 1000 && `more than 1,000 individuals (${count})`,
    hasAny(ctx, ['health', 'genetic']).length > 0 && 'special care-required personal information',
    (hasAny(ctx, ['payment_card', 'financial_account']).length > 0 || ctx.categories.has('password')) &&
      'data whose misuse may cause financial loss',
    ctx.facts.cyberAttack === true && 'caused by an act for an unauthorised purpose (e.g. cyberattack)',
  ].filter((t): t is string => Boolean(t));
  const scope = `${count} individual(s) in Japan`;
  let gate: Pick<Verdict, 'status' | 'missing' | 'reason'>;
  if (ctx.safeHarbour)
    gate = {
      status: 'not_required',
      reason: because(scope, `${encryptionFinding(ctx)}: protected by high-level encryption`),
    };
  else if (triggers.length > 0)
    gate = { status: 'required', reason: because(scope, `reportable: ${triggers.join(', ')}`) };
  else if (ctx.facts.cyberAttack === undefined)
    gate = {
      status: 'needs_more_info',
      missing: ['cyberAttack'],
      reason: because(
        scope,
        'no size or data-type trigger; reportable if caused by an act for an unauthorised purpose',
      ),
    };
  else
    gate = {
      status: 'not_required',
      reason: because(scope, 'no reportable-situation trigger (Enforcement Rules Art. 7)'),
    };
  const finalDays = ctx.facts.cyberAttack === true ? 60 : 30;
  const ppc = {
    jurisdiction: 'JP',
    recipient: 'regulator',
    authority: 'Personal Information Protection Commission',
    source,
  } as const;
  const promptly = { kind: 'without_unreasonable_delay', value: null, trigger: 'awareness' } as const;
  return [
    makeObligation(
      {
        ...ppc,
        id: 'jp-appi-ppc-preliminary',
        citation: 'APPI Art. 26(1); Enforcement Rules Art. 8(1)',
        template: 'regulator/ppc-preliminary',
      },
      {
        ...gate,
        deadline: promptly,
        due: null,
        internalTarget: addDays(ctx.awareAt, 3),
        affectedCount: count,
        reason: because(gate.reason, 'preliminary report promptly (about 3-5 days)'),
      },
    ),
    makeObligation(
      {
        ...ppc,
        id: 'jp-appi-ppc-final',
        citation: 'APPI Art. 26(1); Enforcement Rules Art. 8(2)',
        template: 'regulator/ppc-final',
      },
      {
        ...gate,
        deadline: { kind: 'days', value: finalDays, trigger: 'awareness' },
        due: dueAfter(ctx.awareAt, 'days', finalDays, { timeZone: 'Asia/Tokyo' }),
        affectedCount: count,
        reason: because(
          gate.reason,
          `final report within ${finalDays} days`,
          ctx.facts.cyberAttack === undefined &&
            '60 days if caused by an unauthorised-purpose act; 30 assumed',
        ),
      },
    ),
    makeObligation(
      {
        id: 'jp-appi-individuals',
        jurisdiction: 'JP',
        recipient: 'individuals',
        citation: 'APPI Art. 26(2); Enforcement Rules Art. 10',
        template: 'individual/appi',
        source,
      },
      {
        ...gate,
        deadline: promptly,
        due: null,
        internalTarget: addDays(ctx.awareAt, 3),
        affectedCount: count,
        reason: because(gate.reason, 'notify promptly according to the circumstances'),
      },
    ),
  ];
};

export const southKorea: Rule = (ctx) => {
  const count = ctx.byCountry.get('KR') ?? 0;
  if (count === 0) return [];
  const source = { name: 'PIPC: Personal Information Protection Act', url: 'https://www.pipc.go.kr/eng/' };
  const deadline = { kind: 'hours', value: 72, trigger: 'awareness' } as const;
  const due = addHours(ctx.awareAt, 72);
  const scope = `${count} data subject(s) in South Korea`;
  const triggers = [
    count >= 1000 && '1,000 or more data subjects',
    hasAny(ctx, ['health', 'genetic', 'biometric']).length > 0 && 'sensitive information',
    hasAny(ctx, ['national_id', 'passport', 'drivers_license']).length > 0 &&
      'unique identification information',
    ctx.facts.cyberAttack === true && 'leaked through hacking or other unauthorised external access',
  ].filter((t): t is string => Boolean(t));
  const regulator: Verdict =
    triggers.length > 0
      ? {
          status: 'required',
          deadline,
          due,
          affectedCount: count,
          reason: because(scope, `report: ${triggers.join(', ')}`, 'within 72 hours of awareness'),
        }
      : ctx.facts.cyberAttack === undefined
        ? {
            status: 'needs_more_info',
            deadline,
            due,
            affectedCount: count,
            missing: ['cyberAttack'],
            reason: because(
              scope,
              'below 1,000 and no sensitive or unique identifiers; reportable if caused by hacking',
            ),
          }
        : {
            status: 'not_required',
            deadline,
            due: null,
            affectedCount: count,
            reason: because(scope, 'below 1,000, no sensitive or unique identifiers, not caused by hacking'),
          };
  const individuals: Verdict = {
    status: 'required',
    deadline,
    due,
    affectedCount: count,
    reason: because(
      scope,
      'any leak: notify data subjects within 72 hours of awareness',
      encryptionFinding(ctx),
    ),
  };
  return [
    makeObligation(
      {
        id: 'kr-pipa-pipc',
        jurisdiction: 'KR',
        recipient: 'regulator',
        authority: 'Personal Information Protection Commission or KISA',
        citation: 'PIPA Art. 34(3); Enforcement Decree Art. 40',
        template: 'regulator/pipc-kr',
        source,
      },
      regulator,
    ),
    makeObligation(
      {
        id: 'kr-pipa-individuals',
        jurisdiction: 'KR',
        recipient: 'individuals',
        citation: 'PIPA Art. 34(1); Enforcement Decree Art. 39',
        template: 'individual/pipa-kr',
        source,
      },
      individuals,
    ),
  ];
};

export const eastAsiaRules: readonly Rule[] = [japan, southKorea];
