// Evaluates the US state / DC / Puerto Rico table: individual notice, regulator (AG) notice and consumer
// reporting agency notice for every touched jurisdiction, including the ones that end up not required.
import { addDays, addHours } from './calendar';
import { dueAfter, type AuthorityClock } from './clocks';
import { US_FEDERAL_HOLIDAYS, VERMONT_HOLIDAYS } from './holidays';
import type { DataCategory } from './facts';
import type { Deadline, Obligation } from './obligation';
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
import { CORE_ELEMENTS, STATE_TIME_ZONES, US_STATE_RULES_BY_CODE, type StateRule } from './us-states-data';

/** Internal working target where a state only says "most expedient time / without unreasonable delay". */
export const STATE_INTERNAL_TARGET_DAYS = 30;

/** The state's clock: its authority's zone; Vermont's own legal holidays, else the US federal ones. */
export function stateClock(code: string): AuthorityClock {
  return {
    timeZone: STATE_TIME_ZONES[code] ?? 'America/New_York',
    holidays: code === 'VT' ? VERMONT_HOLIDAYS : US_FEDERAL_HOLIDAYS,
  };
}

interface Coverage {
  kind: 'covered' | 'code_unknown' | 'name_unknown' | 'not_covered';
  detail: string;
}

const ACCOUNT_ELEMENTS: readonly DataCategory[] = ['financial_account', 'payment_card'];

export function stateCoverage(ctx: FactsContext, rule: StateRule): Coverage {
  const elements = hasAny(ctx, [...CORE_ELEMENTS, ...rule.extras]);
  const codeExposed = ctx.categories.has('security_code') || ctx.categories.has('password');
  const counting =
    rule.accountAlone || codeExposed ? elements : elements.filter((e) => !ACCOUNT_ELEMENTS.includes(e));
  const hasName = ctx.categories.has('name');
  if (hasName && counting.length > 0) return { kind: 'covered', detail: `name with ${counting.join(', ')}` };
  const login = hasAny(ctx, ['email', 'username']);
  const secret = hasAny(ctx, ['password', 'security_qa']);
  if (rule.credentials && login.length > 0 && secret.length > 0) {
    return { kind: 'covered', detail: `online credentials (${[...login, ...secret].join(' + ')})` };
  }
  const alone = hasAny(ctx, rule.alone ?? []).filter((e) => counting.includes(e));
  if (alone.length > 0) {
    return { kind: 'covered', detail: `${alone.join(', ')}, which counts in this state even without a name` };
  }
  if (hasName && elements.length > 0) {
    return {
      kind: 'code_unknown',
      detail: `name with ${elements.join(', ')} but no security code, access code or password listed; an account or card number counts only with the code that opens it (or if none is required)`,
    };
  }
  if (elements.length > 0) {
    return {
      kind: 'name_unknown',
      detail: `${elements.join(', ')} exposed without a name listed; covered only in combination with a name`,
    };
  }
  const listed = ctx.facts.dataCategories.join(', ') || 'none';
  return {
    kind: 'not_covered',
    detail: `data categories (${listed}) are not personal information under this law`,
  };
}

const undueDeadline = (trigger: Deadline['trigger']): Deadline => ({
  kind: 'without_unreasonable_delay',
  value: null,
  trigger,
});

function individualVerdict(ctx: FactsContext, rule: StateRule, count: number): Verdict {
  const start = clockStart(ctx, rule.individualTrigger);
  const fixed = rule.individualDays !== null;
  const deadline: Deadline = fixed
    ? { kind: 'days', value: rule.individualDays, trigger: rule.individualTrigger }
    : undueDeadline(rule.individualTrigger);
  const due = fixed ? dueAfter(start.at, 'days', rule.individualDays ?? 0, stateClock(rule.code)) : null;
  const internalTarget = fixed ? undefined : addDays(start.at, STATE_INTERNAL_TARGET_DAYS);
  const residents = `${count} ${rule.name} resident(s)`;
  const coverage = stateCoverage(ctx, rule);
  const timing = fixed
    ? `notice within ${rule.individualDays} days of ${rule.individualTrigger}`
    : `most expedient time without unreasonable delay (internal target ${STATE_INTERNAL_TARGET_DAYS} days)`;
  const base = { deadline, due, internalTarget, affectedCount: count };
  if (coverage.kind === 'not_covered') {
    return { ...base, status: 'not_required', reason: because(residents, coverage.detail) };
  }
  if (ctx.safeHarbour) {
    return {
      ...base,
      status: 'not_required',
      reason: because(residents, coverage.detail, `${encryptionFinding(ctx)}: encryption safe harbour`),
    };
  }
  if (rule.harmThreshold && ctx.facts.riskOfHarm === 'none') {
    return {
      ...base,
      status: 'not_required',
      reason: because(
        residents,
        coverage.detail,
        'investigation found no reasonable likelihood of harm; document the determination',
      ),
    };
  }
  if (coverage.kind === 'name_unknown' || coverage.kind === 'code_unknown') {
    return {
      ...base,
      status: 'needs_more_info',
      missing: [
        coverage.kind === 'name_unknown'
          ? 'dataCategories: were names (or data linkable to names) exposed with these elements?'
          : 'dataCategories: was the security code, access code or password exposed with the account or card number, or does the account need none?',
      ],
      reason: because(residents, coverage.detail, timing, start.caveat),
    };
  }
  return {
    ...base,
    status: 'required',
    reason: because(residents, coverage.detail, encryptionFinding(ctx), timing, start.caveat),
  };
}

/** Derived duty (regulator or CRA): gated on the individual duty and the state's head-count threshold. */
function gatedStatus(
  individual: Verdict,
  count: number,
  minAffected: number,
): Pick<Verdict, 'status' | 'missing'> & { gate: string } {
  const threshold =
    minAffected <= 1
      ? 'any number of residents'
      : minAffected % 10 === 1
        ? `more than ${minAffected - 1} residents`
        : `${minAffected} or more residents`;
  if (individual.status === 'not_required') {
    return { status: 'not_required', gate: `individual notice not required (${individual.reason})` };
  }
  if (count < minAffected) {
    return { status: 'not_required', gate: `${count} resident(s) is below the threshold of ${threshold}` };
  }
  return {
    status: individual.status,
    missing: individual.missing,
    gate: `${count} resident(s) meets ${threshold}`,
  };
}

/** Anchor of a derived deadline: the individual due date, or its internal target. */
function individualAnchor(individual: Verdict): Date {
  return individual.due ?? individual.internalTarget ?? new Date(0);
}

function regulatorVerdict(
  ctx: FactsContext,
  rule: StateRule,
  count: number,
  individual: Verdict,
): Verdict | null {
  const reg = rule.regulator;
  if (!reg) return noStatutoryDuty(individual, count, 'a state regulator or Attorney General');
  const gate = gatedStatus(individual, count, reg.minAffected);
  const d = reg.deadline;
  const base = { status: gate.status, missing: gate.missing, affectedCount: count };
  switch (d.kind) {
    case 'days':
    case 'business_days': {
      const start = clockStart(ctx, d.trigger);
      const clock = stateClock(rule.code);
      const due = dueAfter(start.at, d.kind, d.days, clock);
      const unit =
        d.kind === 'days' ? 'days' : `business days (${clock.holidays?.name ?? 'weekends'} excluded)`;
      return {
        ...base,
        deadline: { kind: d.kind, value: d.days, trigger: d.trigger },
        due,
        reason: because(gate.gate, `notice within ${d.days} ${unit} of ${d.trigger}`, start.caveat),
      };
    }
    case 'with_individuals':
    case 'before_individuals':
      return {
        ...base,
        deadline: individual.deadline,
        due: individual.due,
        internalTarget: individual.internalTarget,
        reason: because(
          gate.gate,
          d.kind === 'with_individuals'
            ? 'no later than notice to individuals'
            : 'before notice to individuals',
        ),
      };
    case 'after_individuals': {
      const unit = d.business ? 'business days' : 'days';
      const reason = because(gate.gate, `within ${d.days} ${unit} after notice to individuals`);
      const clock = stateClock(rule.code);
      if (individual.due && individual.deadline.value !== null && !d.business) {
        return {
          ...base,
          deadline: { ...individual.deadline, value: individual.deadline.value + d.days },
          due: dueAfter(individual.due, 'days', d.days, clock),
          reason,
        };
      }
      const anchor = individualAnchor(individual);
      return {
        ...base,
        deadline: undueDeadline(individual.deadline.trigger),
        due: null,
        internalTarget: dueAfter(anchor, d.business ? 'business_days' : 'days', d.days, clock),
        reason,
      };
    }
    case 'delay':
      return {
        ...base,
        deadline: undueDeadline(individual.deadline.trigger),
        due: null,
        internalTarget: individualAnchor(individual),
        reason: because(gate.gate, 'without unreasonable delay (target: alongside individual notice)'),
      };
  }
}

/** The explicit answer for a recipient the state's statute does not name: no duty, with the reason. */
function noStatutoryDuty(individual: Verdict, count: number, whom: string): Verdict {
  return {
    status: 'not_required',
    deadline: undueDeadline(individual.deadline.trigger),
    due: null,
    affectedCount: count,
    reason: `the statute requires no notice to ${whom}`,
  };
}

function craVerdict(rule: StateRule, count: number, individual: Verdict): Verdict | null {
  if (!rule.cra) return noStatutoryDuty(individual, count, 'consumer reporting agencies');
  const gate = gatedStatus(individual, count, rule.cra.minAffected);
  const hours = rule.cra.hoursAfterIndividuals;
  return {
    status: gate.status,
    missing: gate.missing,
    affectedCount: count,
    deadline: undueDeadline(individual.deadline.trigger),
    due: null,
    internalTarget: addHours(individualAnchor(individual), hours ?? 0),
    reason: because(
      gate.gate,
      hours ? `within ${hours} hours of notice to individuals` : 'without unreasonable delay',
      'nationwide consumer reporting agencies: timing, distribution and content of the notices',
    ),
  };
}

function stateObligations(ctx: FactsContext, rule: StateRule, count: number): Obligation[] {
  const prefix = `us-${rule.code.toLowerCase()}`;
  const meta = (
    suffix: string,
    recipient: RuleMeta['recipient'],
    template: string,
    authority?: string,
  ): RuleMeta => ({
    id: `${prefix}-${suffix}`,
    jurisdiction: `US-${rule.code}`,
    recipient,
    authority,
    citation: rule.citation,
    template,
    source: { name: `${rule.name} breach notification statute`, url: rule.url },
    note: rule.note,
    lastReviewed: rule.lastReviewed,
  });
  const individual = individualVerdict(ctx, rule, count);
  const out = [makeObligation(meta('individuals', 'individuals', 'individual/us-state'), individual)];
  const regulator = regulatorVerdict(ctx, rule, count, individual);
  if (regulator) {
    out.push(
      makeObligation(meta('regulator', 'regulator', 'ag/us-state', rule.regulator?.authority), regulator),
    );
  }
  const cra = craVerdict(rule, count, individual);
  if (cra) {
    out.push(
      makeObligation(
        meta('cra', 'consumer_reporting_agencies', 'cra/us', 'Equifax, Experian, TransUnion'),
        cra,
      ),
    );
  }
  return out;
}

const unknownSource = {
  name: 'NCSL: security breach notification laws',
  url: 'https://www.ncsl.org/technology-and-communication/security-breach-notification-laws',
};

const UNMODELLED_RECIPIENTS = [
  ['individuals', 'individual/us-state'],
  ['regulator', 'ag/us-state'],
  ['cra', 'cra/us'],
] as const;

/** needs_more_info for individuals, regulator and CRAs where the table has no rule (or no state is given). */
function unmodelled(
  prefix: string,
  jurisdiction: string,
  count: number,
  why: string,
  missing: string,
): Obligation[] {
  return UNMODELLED_RECIPIENTS.map(([suffix, template]) =>
    makeObligation(
      {
        id: `${prefix}-${suffix}`,
        jurisdiction,
        recipient: suffix === 'cra' ? 'consumer_reporting_agencies' : suffix,
        citation: 'US state / territory breach notification law',
        template,
        source: unknownSource,
      },
      {
        status: 'needs_more_info',
        deadline: undueDeadline('awareness'),
        due: null,
        affectedCount: count,
        missing: [missing],
        reason: why,
      },
    ),
  );
}

export const usStates: Rule = (ctx) => {
  const out: Obligation[] = [];
  for (const [region, count] of ctx.byRegion) {
    if (!region.startsWith('US-')) continue;
    const code = region.slice(3);
    const rule = US_STATE_RULES_BY_CODE.get(code);
    if (rule) out.push(...stateObligations(ctx, rule, count));
    else {
      out.push(
        ...unmodelled(
          `us-${code.toLowerCase()}`,
          region,
          count,
          `${count} resident(s) of ${region}: no rule for this jurisdiction in the table; counsel must review`,
          `rule for ${region}`,
        ),
      );
    }
  }
  const unallocated = ctx.unallocated.get('US') ?? 0;
  if (unallocated > 0) {
    out.push(
      ...unmodelled(
        'us-unallocated',
        'US',
        unallocated,
        `${unallocated} US resident(s) without a state: individual, Attorney General and CRA duties depend on the state of residence; give affected[].region`,
        'affected[].region for US residents',
      ),
    );
  }
  return out;
};
