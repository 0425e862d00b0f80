import { US_STATE_RULES, type Obligation } from '../../../src/domain/regulations';
import { STATE_TIME_ZONES } from '../../../src/domain/regulations/us-states-data';
import {
  AWARE,
  byId,
  dayPlus,
  expectEndOfLocalDay,
  localDay,
  obligations,
  plusDays,
  plusHours,
} from './helpers';

const DETERMINED = '2026-11-23T12:00:00.000Z';
const state = (code: string, count: number) => ({ country: 'US', region: `US-${code}`, count });
const forState = (code: string, count: number, extra = {}) =>
  obligations({ affected: [state(code, count)], determinedAt: DETERMINED, ...extra });

const ALL_CODES = [
  ...[
    'AL',
    'AK',
    'AZ',
    'AR',
    'CA',
    'CO',
    'CT',
    'DE',
    'FL',
    'GA',
    'HI',
    'ID',
    'IL',
    'IN',
    'IA',
    'KS',
    'KY',
    'LA',
    'ME',
  ],
  ...[
    'MD',
    'MA',
    'MI',
    'MN',
    'MS',
    'MO',
    'MT',
    'NE',
    'NV',
    'NH',
    'NJ',
    'NM',
    'NY',
    'NC',
    'ND',
    'OH',
    'OK',
    'OR',
    'PA',
  ],
  ...['RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'DC', 'PR', 'GU', 'VI'],
];

it('covers all 50 states, DC, Puerto Rico, Guam and the Virgin Islands exactly once', () => {
  expect(US_STATE_RULES.map((r) => r.code).sort()).toEqual([...ALL_CODES].sort());
  for (const rule of US_STATE_RULES) expect(rule.citation.length).toBeGreaterThan(5);
});

describe.each(US_STATE_RULES.map((r) => [r.code, r] as const))('%s', (code, rule) => {
  const lc = code.toLowerCase();

  it('requires individual notice for name + SSN, unencrypted, with the table deadline', () => {
    const o = byId(forState(code, 10), `us-${lc}-individuals`);
    expect(o).toMatchObject({
      status: 'required',
      jurisdiction: `US-${code}`,
      recipient: 'individuals',
      template: 'individual/us-state',
    });
    const start = rule.individualTrigger === 'determination' ? DETERMINED : AWARE;
    if (rule.individualDays === null) {
      expect(o.due).toBeNull();
      expect(o.deadline.kind).toBe('without_unreasonable_delay');
      expect(o.internalTarget).toBe(plusDays(start, 30));
    } else {
      expect(o.deadline).toEqual({
        kind: 'days',
        value: rule.individualDays,
        trigger: rule.individualTrigger,
      });
      const zone = STATE_TIME_ZONES[code] as string;
      expectEndOfLocalDay(o.due, zone, dayPlus(localDay(start, zone), rule.individualDays));
    }
  });

  it('applies the encryption safe harbour unless the key was compromised', () => {
    const safe = forState(code, 5000, { encrypted: true, keyCompromised: false });
    for (const o of safe.filter((x) => x.jurisdiction === `US-${code}`)) {
      expect(o.status).toBe('not_required');
      expect(o.due).toBeNull();
    }
    expect(byId(safe, `us-${lc}-individuals`).reason).toMatch(/safe harbour/);
    const lost = byId(forState(code, 5, { encrypted: true, keyCompromised: true }), `us-${lc}-individuals`);
    expect(lost.status).toBe('required');
    expect(lost.reason).toMatch(/key was compromised/);
  });

  it(`${rule.harmThreshold ? 'excuses' : 'does not excuse'} notice when no risk of harm is found`, () => {
    const o = byId(forState(code, 5, { riskOfHarm: 'none' }), `us-${lc}-individuals`);
    expect(o.status).toBe(rule.harmThreshold ? 'not_required' : 'required');
  });

  if (rule.regulator) {
    const { minAffected, authority } = rule.regulator;
    it(`notifies the regulator from ${minAffected} residents`, () => {
      const at = byId(forState(code, minAffected), `us-${lc}-regulator`);
      expect(at).toMatchObject({
        status: 'required',
        recipient: 'regulator',
        authority,
        template: 'ag/us-state',
      });
      expect(at.due ?? at.internalTarget).not.toBeUndefined();
      if (minAffected > 1) {
        const below = byId(forState(code, minAffected - 1), `us-${lc}-regulator`);
        expect(below.status).toBe('not_required');
        expect(below.reason).toMatch(/below the threshold/);
      }
    });
  } else {
    it('answers that the statute requires no regulator notice', () => {
      const o = byId(forState(code, 100_000), `us-${lc}-regulator`);
      expect(o).toMatchObject({ status: 'not_required', due: null, recipient: 'regulator' });
      expect(o.reason).toMatch(/statute requires no notice to a state regulator/);
    });
  }

  if (rule.cra) {
    const { minAffected } = rule.cra;
    it(`notifies consumer reporting agencies from ${minAffected} residents`, () => {
      expect(byId(forState(code, minAffected), `us-${lc}-cra`)).toMatchObject({
        status: 'required',
        template: 'cra/us',
      });
      if (minAffected > 1)
        expect(byId(forState(code, minAffected - 1), `us-${lc}-cra`).status).toBe('not_required');
    });
  } else {
    it('answers that the statute requires no consumer reporting agency notice', () => {
      const o = byId(forState(code, 100_000), `us-${lc}-cra`);
      expect(o).toMatchObject({ status: 'not_required', recipient: 'consumer_reporting_agencies' });
      expect(o.reason).toMatch(/statute requires no notice to consumer reporting agencies/);
    });
  }
});

// Independent expectations for well-known states: [code, individual days, regulator min, CRA min].
it.each([
  ['CA', 30, 501, null],
  ['TX', 60, 250, 10001],
  ['FL', 30, 500, 1001],
  ['NY', 30, 1, 5001],
  ['CO', 30, 500, 1001],
  ['WA', 30, 501, null],
  ['ME', 30, 1, 1001],
  ['CT', 60, 1, null],
  ['MD', 45, 1, 1001],
  ['MN', null, null, 501],
  ['GA', null, null, 10001],
  ['DC', null, 50, 1001],
  ['ND', null, 251, null],
  ['OR', 45, 251, 1001],
  ['IL', null, 501, null],
  ['MA', null, 1, null],
  ['PR', null, 1, null],
  ['UT', null, 500, 1000],
  ['SD', 60, 251, 1],
  ['RI', 45, 501, 501],
  ['IN', 45, 1, 1001],
])('%s: individual %p days, regulator from %p, CRA from %p', (code, days, regMin, craMin) => {
  const rule = US_STATE_RULES.find((r) => r.code === code);
  expect(rule?.individualDays).toBe(days);
  expect(rule?.regulator?.minAffected ?? null).toBe(regMin);
  expect(rule?.cra?.minAffected ?? null).toBe(craMin);
});

describe('thresholds on both sides of the line', () => {
  it.each([
    ['CA', 500, 'not_required'],
    ['CA', 501, 'required'],
    ['TX', 249, 'not_required'],
    ['TX', 250, 'required'],
    ['FL', 499, 'not_required'],
    ['FL', 500, 'required'],
    ['NY', 1, 'required'],
  ])('%s regulator with %i residents is %s', (code, count, status) => {
    expect(byId(forState(code, count), `us-${code.toLowerCase()}-regulator`).status).toBe(status);
  });
});

describe('deadlines of derived duties', () => {
  it('TX AG: 30 days after determination; individuals 60 days after determination', () => {
    const list = forState('TX', 300);
    // Austin counts: 23 November + 30 days = 23 December, ending at midnight Central (UTC-6).
    expect(byId(list, 'us-tx-regulator')).toMatchObject({
      due: '2026-12-24T05:59:59.999Z',
      deadline: { kind: 'days', value: 30, trigger: 'determination' },
    });
    expect(byId(list, 'us-tx-individuals').due).toBe('2027-01-23T05:59:59.999Z');
  });

  it('falls back to awareness (earlier) when determinedAt is missing, and says so', () => {
    const o = byId(obligations({ affected: [state('TX', 300)] }), 'us-tx-regulator');
    expect(o.due).toBe('2026-12-21T05:59:59.999Z'); // 20 November + 30 days, Central time
    expect(o.reason).toMatch(/determinedAt not given/);
  });

  it('CA AG: 15 days after the 30-day individual deadline', () => {
    // 20 November + 30 = 20 December (individuals), + 15 = 4 January, ending at midnight Pacific (UTC-8).
    expect(byId(forState('CA', 600), 'us-ca-individuals').due).toBe('2026-12-21T07:59:59.999Z');
    expect(byId(forState('CA', 600), 'us-ca-regulator')).toMatchObject({
      due: '2027-01-05T07:59:59.999Z',
      deadline: { kind: 'days', value: 45 },
    });
  });

  it('VT AG: preliminary notice within 14 Vermont business days of awareness', () => {
    // From Friday 20 November: Thanksgiving (26th) is skipped, the Friday after is a Vermont business day;
    // the 14th business day is Friday 11 December, ending at midnight Eastern (UTC-5).
    expect(byId(forState('VT', 1), 'us-vt-regulator')).toMatchObject({
      due: '2026-12-12T04:59:59.999Z',
      deadline: { kind: 'business_days', value: 14 },
    });
  });

  it('MN CRA: within 48 hours of individual notice (internal target)', () => {
    const list = forState('MN', 501);
    const target = byId(list, 'us-mn-individuals').internalTarget as string;
    expect(byId(list, 'us-mn-cra').internalTarget).toBe(plusHours(target, 48));
  });

  it('MD AG: before individual notice, same outer deadline', () => {
    const list = forState('MD', 1);
    expect(byId(list, 'us-md-regulator').due).toBe(byId(list, 'us-md-individuals').due);
    expect(byId(list, 'us-md-regulator').reason).toMatch(/before notice to individuals/);
  });
});

describe('which data counts', () => {
  const only = (code: string, dataCategories: string[]): Obligation =>
    byId(
      obligations({ affected: [state(code, 10)], dataCategories: dataCategories as never }),
      `us-${code.toLowerCase()}-individuals`,
    );

  it('email + password counts alone where the state covers online credentials', () => {
    expect(only('CA', ['email', 'password']).status).toBe('required');
    expect(only('TX', ['email', 'password']).status).toBe('not_required');
  });

  it('health data with a name counts only where the state adds it', () => {
    expect(only('CA', ['name', 'health']).status).toBe('required');
    expect(only('KS', ['name', 'health']).status).toBe('not_required');
  });

  it('date of birth with a name counts in ND and WA, not in OH', () => {
    expect(only('ND', ['name', 'date_of_birth']).status).toBe('required');
    expect(only('WA', ['name', 'date_of_birth']).status).toBe('required');
    expect(only('OH', ['name', 'date_of_birth']).status).toBe('not_required');
  });

  it('contact details alone are not personal information', () => {
    const o = only('NY', ['name', 'email', 'phone', 'address']);
    expect(o.status).toBe('not_required');
    expect(o.reason).toMatch(/not personal information/);
  });

  it('SSN without a name needs more info rather than a guess', () => {
    const o = only('OH', ['ssn']);
    expect(o.status).toBe('needs_more_info');
    expect(o.missing?.[0]).toMatch(/names/);
  });

  // [state, categories, status]: elements alone, with a name, and an account number with or without its code.
  it.each([
    ['IN', ['ssn'], 'required'], // Ind. Code § 24-4.9-2-10(1): an unencrypted SSN on its own
    ['OH', ['ssn'], 'needs_more_info'], // Ohio: SSN counts only with a name
    ['GA', ['drivers_license'], 'required'], // O.C.G.A. § 10-1-911(6): without a name if enough for identity theft
    ['ME', ['financial_account', 'security_code'], 'required'],
    ['OR', ['ssn'], 'required'],
    ['TX', ['name', 'financial_account'], 'needs_more_info'], // only with "any required security code"
    ['TX', ['name', 'financial_account', 'security_code'], 'required'],
    ['TX', ['name', 'payment_card', 'password'], 'required'],
    ['UT', ['name', 'payment_card'], 'needs_more_info'], // Utah Code § 13-44-102(4)(a)(ii)
    ['MA', ['name', 'financial_account'], 'required'], // 93H § 1: "with or without any required security code"
    ['CA', ['name', 'ssn', 'financial_account'], 'required'], // the SSN settles it whatever the code
  ])('%s with %j is %s', (code, categories, status) => {
    const o = only(code, categories);
    expect(o.status).toBe(status);
    if (status === 'needs_more_info' && categories.includes('name'))
      expect(o.missing?.[0]).toMatch(/security code, access code or password/);
  });
});

describe('unmodelled places', () => {
  it('US territory without a rule (American Samoa) needs counsel for every recipient', () => {
    const list = obligations({ affected: [{ country: 'AS', count: 4 }] });
    for (const suffix of ['individuals', 'regulator', 'cra'])
      expect(byId(list, `us-as-${suffix}`)).toMatchObject({
        status: 'needs_more_info',
        jurisdiction: 'US-AS',
      });
  });

  it('Guam has its own rule (9 GCA § 48)', () => {
    expect(byId(obligations({ affected: [{ country: 'GU', count: 4 }] }), 'us-gu-individuals')).toMatchObject(
      {
        status: 'required',
        jurisdiction: 'US-GU',
      },
    );
  });

  it('Puerto Rico as a country code maps to the PR rule, counted in San Juan', () => {
    // 20 November + 10 days = 30 November, ending at midnight Atlantic time (UTC-4).
    expect(byId(obligations({ affected: [{ country: 'PR', count: 4 }] }), 'us-pr-regulator')).toMatchObject({
      status: 'required',
      due: '2026-12-01T03:59:59.999Z',
    });
  });

  it('US residents without a state are asked for it, for every recipient', () => {
    const list = obligations({ affected: [{ country: 'US', count: 9 }] });
    for (const suffix of ['individuals', 'regulator', 'cra']) {
      const o = byId(list, `us-unallocated-${suffix}`);
      expect(o).toMatchObject({ status: 'needs_more_info', affectedCount: 9, jurisdiction: 'US' });
      expect(o.missing).toEqual(['affected[].region for US residents']);
    }
  });
});
