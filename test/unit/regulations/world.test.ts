import { WORLD_LAWS } from '../../../src/domain/regulations/world-data';
import { byId, obligations } from './helpers';

// Facts start at helpers' AWARE: Friday 20 November 2026, 10:00 UTC.
const at = (country: string, count = 10) => ({ country, count });

// The statute's (or regulator's) own numbers: [country, id stem, regulator deadline, individuals deadline].
// A deadline is [kind, value] for fixed ones, 'undue' for "without undue delay", or the status a place without
// a duty answers ('voluntary', 'none', 'directs', 'sectoral').
type Expect =
  ['hours' | 'days' | 'business_days', number] | 'undue' | 'voluntary' | 'none' | 'directs' | 'sectoral';
const TABLE: [string, string, Expect, Expect][] = [
  ['CH', 'ch-fadp', 'undue', 'undue'], // revFADP Art. 24: "as soon as possible"
  ['CN', 'cn-pipl', 'undue', 'undue'], // PIPL Art. 57: "immediately"
  ['HK', 'hk-pdpo', 'voluntary', 'voluntary'], // PDPO: no statutory duty
  ['TW', 'tw-pdpa', 'sectoral', 'undue'], // PDPA Art. 12
  ['NZ', 'nz-privacy-act', 'undue', 'undue'], // ss 114-115: "as soon as practicable"
  ['PH', 'ph-dpa', ['hours', 72], ['hours', 72]], // NPC Circular: 72 hours
  ['TH', 'th-pdpa', ['hours', 72], 'undue'], // s 37(4): 72 hours
  ['ID', 'id-pdp', ['hours', 72], ['hours', 72]], // Art. 46: 3 x 24 hours
  ['VN', 'vn-pdpl', ['hours', 72], 'none'], // 72 hours to A05
  ['MY', 'my-pdpa', ['hours', 72], ['days', 7]], // guideline: 72 hours; 7 days after the Commissioner
  ['IL', 'il-ppl', 'undue', 'directs'], // reg. 11: immediately; individuals when the PPA orders
  ['TR', 'tr-kvkk', ['hours', 72], 'undue'], // Board Decision 2019/10: 72 hours
  ['SA', 'sa-pdpl', ['hours', 72], 'undue'], // Implementing Regulation Art. 24: 72 hours
  ['AE', 'ae-pdpl', 'undue', 'undue'], // Art. 9: immediately
  ['QA', 'qa-pdppl', ['hours', 72], ['hours', 72]],
  ['ZA', 'za-popia', 'undue', 'undue'], // s 22: as soon as reasonably possible
  ['KE', 'ke-dpa', ['hours', 72], 'undue'], // s 43: 72 hours
  ['NG', 'ng-ndpa', ['hours', 72], 'undue'], // s 40: 72 hours
  ['EG', 'eg-pdpl', ['hours', 72], ['business_days', 3]], // Art. 7: 72 hours; 3 working days after
  ['MX', 'mx-lfpdppp', 'none', 'undue'], // no regulator notice; individuals immediately
  ['AR', 'ar-pdpl', 'voluntary', 'voluntary'], // Law 25.326: no duty
  ['CO', 'co-habeas-data', ['business_days', 15], 'voluntary'], // SIC: 15 business days
  ['CL', 'cl-pdpl', 'undue', 'undue'], // Art. 14 sexies
  ['PE', 'pe-lpdp', ['hours', 48], ['hours', 48]], // DS 016-2024-JUS: 48 hours
  ['EC', 'ec-lopdp', ['business_days', 5], ['business_days', 3]], // Arts. 43, 46: 5 and 3 days (término)
  ['UY', 'uy-lpdp', ['hours', 72], 'undue'], // Decree 64/020 Art. 4: 72 hours
  ['RS', 'rs-zzpl', ['hours', 72], 'undue'], // Arts. 52-53
  ['MU', 'mu-dpa', ['hours', 72], 'undue'],
  ['RW', 'rw-dpp', ['hours', 48], 'undue'], // Art. 43: 48 hours
  ['UG', 'ug-dppa', 'undue', 'directs'], // s 23: immediately; the Authority decides on data subjects
  ['GH', 'gh-dpa', 'undue', 'undue'],
  ['OM', 'om-pdpl', ['hours', 72], 'undue'],
  ['MK', 'mk-zzlp', ['hours', 72], 'undue'],
  ['AL', 'al-pdp', ['hours', 72], 'undue'],
  ['JE', 'je-dpjl', ['hours', 72], 'undue'],
  ['GG', 'gg-dpgl', ['hours', 72], 'undue'],
  ['IM', 'im-gdpr', ['hours', 72], 'undue'],
];

it('the table and the data agree, and cover at least 30 countries', () => {
  expect(TABLE.map(([c]) => c).sort()).toEqual(WORLD_LAWS.map((l) => l.code).sort());
  expect(WORLD_LAWS.length).toBeGreaterThanOrEqual(30);
});

describe.each(TABLE)('%s', (code, stem, regulator, individuals) => {
  const law = WORLD_LAWS.find((l) => l.code === code)!;
  const list = obligations({
    affected: [at(code, 2000)],
    riskOfHarm: 'high',
    dataCategories: ['name', 'health'],
  });

  it('carries citation, source, review date and authority', () => {
    for (const o of list) {
      expect(o.citation.length).toBeGreaterThan(3);
      expect(o.source.url).toMatch(/^https?:\/\//);
      expect(o.lastReviewed).toBe(law.lastReviewed);
      expect(o.jurisdiction).toBe(code);
    }
    expect(byId(list, `${stem}-regulator`).authority).toBe(law.authority.name);
    expect(law.authority.languages.length).toBeGreaterThan(0);
  });

  it.each([
    ['regulator', regulator],
    ['individuals', individuals],
  ] as const)('%s: %j', (recipient, want) => {
    const o = byId(list, `${stem}-${recipient}`);
    if (Array.isArray(want)) {
      expect(o.status).toBe('required');
      expect(o.deadline).toMatchObject({ kind: want[0], value: want[1] });
      expect(o.due).toEqual(expect.any(String));
    } else if (want === 'undue') {
      expect(o.status).toBe('required');
      expect(o.deadline.kind).toBe('without_unreasonable_delay');
      expect(o.due).toBeNull();
      expect(o.internalTarget).toEqual(expect.any(String));
    } else if (want === 'sectoral') {
      expect(o.status).toBe('needs_more_info');
      expect(o.missing?.[0]).toMatch(/sector/);
    } else {
      expect(o.status).toBe('not_required');
      expect(o.due).toBeNull();
      expect(o.reason).toMatch(
        { voluntary: /voluntary/, none: /sets no duty/, directs: /only when .* directs/ }[want],
      );
    }
  });
});

describe('thresholds', () => {
  it.each([
    // [country, riskOfHarm, regulator status]: "unless unlikely to result in a risk" vs "serious harm".
    ['RS', 'none', 'not_required'],
    ['RS', 'low', 'required'],
    ['RS', 'unknown', 'needs_more_info'],
    ['NZ', 'low', 'not_required'],
    ['NZ', 'high', 'required'],
    ['TR', 'none', 'required'], // KVKK: every breach
    ['ZA', 'none', 'required'], // POPIA: any compromise
  ])('%s with risk %s: regulator %s', (code, risk, status) => {
    const list = obligations({ affected: [at(code, 10)], riskOfHarm: risk as never });
    expect(list.find((o) => o.jurisdiction === code && o.recipient === 'regulator')?.status).toBe(status);
  });

  it('Malaysia: 1,000 people is significant scale whatever the harm; 999 is not', () => {
    const reg = (count: number) =>
      byId(obligations({ affected: [at('MY', count)], riskOfHarm: 'low' }), 'my-pdpa-regulator').status;
    expect(reg(1000)).toBe('required');
    expect(reg(999)).toBe('not_required');
  });

  it('Chile tells individuals when sensitive or financial data is involved, even at low risk', () => {
    const ind = (dataCategories: string[]) =>
      byId(
        obligations({ affected: [at('CL')], riskOfHarm: 'low', dataCategories: dataCategories as never }),
        'cl-pdpl-individuals',
      ).status;
    expect(ind(['name', 'health'])).toBe('required');
    expect(ind(['name', 'email'])).toBe('not_required');
  });
});

describe('deadlines in local time', () => {
  it('Peru: 48 hours from awareness, an instant', () => {
    expect(byId(obligations({ affected: [at('PE')] }), 'pe-lpdp-regulator').due).toBe(
      '2026-11-22T10:00:00.000Z',
    );
  });

  it('Colombia: 15 business days on the Colombian calendar, end of day in Bogotá', () => {
    // From Friday 20 November 2026: 16 November was the last holiday; 8 December is one, 25 December too.
    // Business days: 23-27 Nov (5), 30 Nov-4 Dec (10), 7, 9, 10, 11, 14 Dec (15) → end of 14 December.
    expect(byId(obligations({ affected: [at('CO')] }), 'co-habeas-data-regulator').due).toBe(
      '2026-12-15T04:59:59.999Z',
    );
  });

  it('Egypt: individuals three working days (Sunday-Thursday) after the 72-hour Centre deadline', () => {
    // Centre due Monday 23 November 10:00 UTC (12:00 Cairo); then Tue 24, Wed 25, Thu 26 → end of Thursday.
    const list = obligations({ affected: [at('EG')] });
    expect(byId(list, 'eg-pdpl-regulator').due).toBe('2026-11-23T10:00:00.000Z');
    expect(byId(list, 'eg-pdpl-individuals').due).toBe('2026-11-26T21:59:59.999Z');
  });

  it('Ecuador: five working days, weekends skipped', () => {
    // Friday 20 November → Mon 23 ... Fri 27 → end of Friday 27 November in Guayaquil (UTC-5).
    expect(byId(obligations({ affected: [at('EC')] }), 'ec-lopdp-regulator').due).toBe(
      '2026-11-28T04:59:59.999Z',
    );
  });

  it('Malaysia: individuals 7 days after the 72-hour Commissioner deadline', () => {
    const list = obligations({ affected: [at('MY', 1500)] });
    expect(byId(list, 'my-pdpa-regulator').due).toBe('2026-11-23T10:00:00.000Z');
    expect(byId(list, 'my-pdpa-individuals').due).toBe('2026-11-30T15:59:59.999Z'); // 23 + 7 = 30 Nov, KL
  });
});
