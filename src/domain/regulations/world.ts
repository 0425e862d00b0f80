// Evaluates the table of world breach laws (world-data.ts): for each touched country, one obligation per
// recipient the table lists, including "no duty" and "voluntary" answers, each counted on the authority's clock.
import { addHours } from './calendar';
import { dueAfter } from './clocks';
import type { Obligation } from './obligation';
import {
  because,
  clockStart,
  encryptionFinding,
  hasAny,
  makeObligation,
  type FactsContext,
  type Rule,
  type Verdict,
} from './rule';
import { WORLD_LAWS, type CountryLaw, type Duty } from './world-data';

/** Sensitive or financial data for the `sensitive` gate. */
const SENSITIVE = [
  'health',
  'genetic',
  'biometric',
  'financial_account',
  'payment_card',
  'security_code',
] as const;

type Gate = Pick<Verdict, 'status' | 'missing'> & { why: string };

function gateOf(ctx: FactsContext, law: CountryLaw, duty: Duty, count: number): Gate {
  const risk = ctx.facts.riskOfHarm ?? 'unknown';
  const threshold = duty.threshold ?? 'the statutory threshold';
  if (duty.orAtLeast !== undefined && count >= duty.orAtLeast) {
    return {
      status: 'required',
      why: `${count} people meets the scale of ${duty.orAtLeast.toLocaleString('en-US')} or more`,
    };
  }
  switch (duty.gate) {
    case 'none':
      return {
        status: 'not_required',
        why: `${law.law} sets no duty to notify ${duty.recipient === 'regulator' ? 'a regulator' : 'individuals'}`,
      };
    case 'voluntary':
      return {
        status: 'not_required',
        why: `no legal duty under ${law.law}; ${law.authority.abbreviation ?? law.authority.name} recommends voluntary notification`,
      };
    case 'authority_directs':
      return {
        status: 'not_required',
        why: `only when ${law.authority.abbreviation ?? law.authority.name} directs it: follow its instruction after the regulator notice`,
      };
    case 'sectoral':
      return {
        status: 'needs_more_info',
        missing: [`${law.code}: is the organisation in a sector whose regulator requires breach reports?`],
        why: 'no general duty to notify a regulator; sector regulators require reports',
      };
    case 'any':
      return { status: 'required', why: 'any breach of personal data covered by the law' };
    case 'sensitive': {
      const sensitive = hasAny(ctx, [...SENSITIVE]);
      if (sensitive.length > 0)
        return { status: 'required', why: `${threshold}: met (${sensitive.join(', ')})` };
      if (risk === 'high') return { status: 'required', why: `${threshold}: met (risk assessed high)` };
      if (risk === 'unknown')
        return {
          status: 'needs_more_info',
          missing: ['riskOfHarm'],
          why: `required if ${threshold}; risk not yet assessed`,
        };
      return { status: 'not_required', why: `${threshold}: not met (risk assessed ${risk})` };
    }
    case 'risk':
      if (risk === 'none')
        return { status: 'not_required', why: `${threshold}: not met (no risk found); document the breach` };
      if (risk === 'unknown')
        return {
          status: 'needs_more_info',
          missing: ['riskOfHarm'],
          why: `required ${threshold}; risk not yet assessed and the clock is running`,
        };
      return { status: 'required', why: `${threshold}: met (risk assessed ${risk})` };
    case 'high_risk':
      if (risk === 'high') return { status: 'required', why: `${threshold}: met (risk assessed high)` };
      if (risk === 'unknown')
        return {
          status: 'needs_more_info',
          missing: ['riskOfHarm'],
          why: `required only if ${threshold}; risk not yet assessed`,
        };
      return { status: 'not_required', why: `${threshold}: not met (risk assessed ${risk})` };
  }
}

interface Timed {
  verdict: Pick<Verdict, 'deadline' | 'due' | 'internalTarget'>;
  words: string;
}

function timingOf(ctx: FactsContext, law: CountryLaw, duty: Duty, regulatorDue: Date | null): Timed {
  const t = duty.timing;
  if (!t) {
    return {
      verdict: {
        deadline: { kind: 'without_unreasonable_delay', value: null, trigger: 'awareness' },
        due: null,
      },
      words: '',
    };
  }
  if (t.unit === 'after_regulator') {
    const unit = t.business ? 'business_days' : 'days';
    const words = `within ${t.days} ${t.business ? 'working ' : ''}days after notifying the regulator`;
    if (!regulatorDue)
      return { verdict: { deadline: { kind: unit, value: t.days, trigger: 'awareness' }, due: null }, words };
    return {
      verdict: {
        deadline: { kind: unit, value: t.days, trigger: 'awareness' },
        due: dueAfter(regulatorDue, unit, t.days, law.clock),
      },
      words: `${words} (counted from the regulator deadline)`,
    };
  }
  const start = clockStart(ctx, t.trigger);
  if (t.unit === 'undue') {
    return {
      verdict: {
        deadline: { kind: 'without_unreasonable_delay', value: null, trigger: t.trigger },
        due: null,
        internalTarget: addHours(start.at, t.targetHours),
      },
      words: because(`${t.words} (no fixed deadline; internal target ${t.targetHours} hours)`, start.caveat),
    };
  }
  const unitWords = t.unit === 'business_days' ? 'business days' : t.unit;
  return {
    verdict: {
      deadline: { kind: t.unit, value: t.value, trigger: t.trigger },
      due: dueAfter(start.at, t.unit, t.value, law.clock),
    },
    words: because(`within ${t.value} ${unitWords} of ${t.trigger}`, start.caveat),
  };
}

function lawObligations(ctx: FactsContext, law: CountryLaw, count: number): Obligation[] {
  let regulatorDue: Date | null = null;
  const out: Obligation[] = [];
  for (const duty of law.duties) {
    const gate = gateOf(ctx, law, duty, count);
    const timed = timingOf(ctx, law, duty, regulatorDue);
    if (duty.recipient === 'regulator') regulatorDue = timed.verdict.due;
    const quiet = gate.status === 'not_required';
    out.push(
      makeObligation(
        {
          id: `${law.code.toLowerCase()}-${law.slug}-${duty.recipient}`,
          jurisdiction: law.code,
          recipient: duty.recipient,
          authority: duty.recipient === 'regulator' ? law.authority.name : undefined,
          citation: duty.citation,
          template:
            duty.recipient === 'regulator' ? `regulator/${law.code.toLowerCase()}` : 'individual/generic',
          source: law.source,
          note: law.note,
          lastReviewed: law.lastReviewed,
        },
        {
          ...timed.verdict,
          status: gate.status,
          missing: gate.missing,
          affectedCount: count,
          reason: because(
            `${count} individual(s) in ${law.name}`,
            gate.why,
            !quiet && timed.words,
            !quiet && encryptionFinding(ctx),
          ),
        },
      ),
    );
  }
  return out;
}

export const worldLaws: Rule = (ctx) =>
  WORLD_LAWS.flatMap((law) => {
    const count = ctx.byCountry.get(law.code) ?? 0;
    return count > 0 ? lawObligations(ctx, law, count) : [];
  });
