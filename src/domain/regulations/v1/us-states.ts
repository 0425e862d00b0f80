// Evaluates the US state / DC / Puerto Rico table: individual notice, regulator (AG) notice and consumer
// reporting agency notice for every touched jurisdiction, including the ones that end up not required.
import { addBusinessDays, addDays, addHours } from './calendar';
import type { Deadline, Obligation } from '../obligation';
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
import { CORE_ELEMENTS, US_STATE_RULES_BY_CODE, type StateRule } from './us-states-data';

/** Internal working target where a state only says "most expedient time / without unreasonable delay". */
export const STATE_INTERNAL_TARGET_DAYS = 30;

interface Coverage {
  kind: 'covered' | 'name_unknown' | 'not_covered';
  detail: string;
}

export function stateCoverage(ctx: FactsContext, rule: StateRule): Coverage {
  const elements = hasAny(ctx, [...CORE_ELEMENTS, ...rule.extras]);
  const hasName = ctx.categories.has('name');
  if (hasName && elements.length > 0) return { kind: 'covered', detail: `name with ${elements.join(', ')}` };
  const login = hasAny(ctx, ['email', 'username']);
  const secret = hasAny(ctx, ['password', 'security_qa']);
  if (rule.credentials && login.length > 0 && secret.length > 0) {
    return { kind: 'covered', detail: `online credentials (${[...login, ...secret].join(' + ')})` };
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
  const due = fixed ? addDays(start.at, rule.individualDays ?? 0) : null;
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
  if (coverage.kind === 'name_unknown') {
    return {
      ...base,
      status: 'needs_more_info',
      missing: ['dataCategories: were names (or data linkable to names) exposed with these elements?'],
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
  if (!reg) return null;
  const gate = gatedStatus(individual, count, reg.minAffected);
  const d = reg.deadline;
  const base = { status: gate.status, missing: gate.missing, affectedCount: count };
  switch (d.kind) {
    case 'days':
    case 'business_days': {
      const start = clockStart(ctx, d.trigger);
      const due = d.kind === 'days' ? addDays(start.at, d.days) : addBusinessDays(start.at, d.days);
      const unit = d.kind === 'days' ? 'days' : 'business days';
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
      if (individual.due && individual.deadline.value !== null && !d.business) {
        return {
          ...base,
          deadline: { ...individual.deadline, value: individual.deadline.value + d.days },
          due: addDays(individual.due, d.days),
          reason,
        };
      }
      const anchor = individualAnchor(individual);
      return {
        ...base,
        deadline: undueDeadline(individual.deadline.trigger),
        due: null,
        internalTarget: d.business ? addBusinessDays(anchor, d.days) : addDays(anchor, d.days),
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

function craVerdict(rule: StateRule, count: number, individual: Verdict): Verdict | null {
  if (!rule.cra) return null;
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
  });
  const individual = individualVerdict(ctx, rule, count);
  const out = [makeObligation(meta('individuals', 'individuals', 'individual/us-state'), individual)];
  const regulator = regulatorVerdict(ctx, rule, count, individual);
  if (regulator && rule.regulator) {
    out.push(
      makeObligation(meta('regulator', 'regulator', 'ag/us-state', rule.regulator.authority), regulator),
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

function unmodelled(
  id: string,
  jurisdiction: string,
  count: number,
  why: string,
  missing: string,
): Obligation {
  return makeObligation(
    {
      id,
      jurisdiction,
      recipient: 'individuals',
      citation: 'US state / territory breach notification law',
      template: 'individual/us-state',
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
        unmodelled(
          `us-${code.toLowerCase()}-individuals`,
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
      unmodelled(
        'us-unallocated-individuals',
        'US',
        unallocated,
        `${unallocated} US resident(s) without a state: state duties depend on residence`,
        'affected[].region for US residents',
      ),
    );
  }
  return out;
};
