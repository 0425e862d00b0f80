import { dueAfter, type AuthorityClock } from '../../../src/domain/regulations/clocks';
import {
  BRAZIL_HOLIDAYS,
  COLOMBIA_HOLIDAYS,
  US_FEDERAL_HOLIDAYS,
  VERMONT_HOLIDAYS,
} from '../../../src/domain/regulations/holidays';
import {
  endOfLocalDay,
  localDateOf,
  plusLocalMonths,
  startOfLocalDay,
} from '../../../src/domain/regulations/local-time';
import { obligations, byId } from './helpers';

const NEW_YORK: AuthorityClock = { timeZone: 'America/New_York', holidays: US_FEDERAL_HOLIDAYS };
const VERMONT: AuthorityClock = { timeZone: 'America/New_York', holidays: VERMONT_HOLIDAYS };
const SAO_PAULO: AuthorityClock = { timeZone: 'America/Sao_Paulo', holidays: BRAZIL_HOLIDAYS };
const BOGOTA: AuthorityClock = { timeZone: 'America/Bogota', holidays: COLOMBIA_HOLIDAYS };
const CAIRO: AuthorityClock = { timeZone: 'Africa/Cairo', weekend: [5, 6] };
const LONDON: AuthorityClock = { timeZone: 'Europe/London' };
const BRUSSELS: AuthorityClock = { timeZone: 'Europe/Brussels' };
const SYDNEY: AuthorityClock = { timeZone: 'Australia/Sydney' };

describe('dueAfter: one meaning of due for every rule', () => {
  it.each<[string, string, 'hours' | 'days' | 'business_days' | 'months', number, AuthorityClock, string]>([
    // Hours are an instant, whatever the zone or a DST change in between (US clocks fall back 1 Nov 2026).
    [
      '72 hours over the US fall-back',
      '2026-10-31T14:00:00.000Z',
      'hours',
      72,
      NEW_YORK,
      '2026-11-03T14:00:00.000Z',
    ],
    // An evening determination in New York is a Friday there, a Saturday in UTC: the due day is Thursday.
    [
      'SEC, Friday 21:00 in New York',
      '2026-12-05T02:00:00.000Z',
      'business_days',
      4,
      NEW_YORK,
      '2026-12-11T04:59:59.999Z',
    ],
    [
      'SEC over Thanksgiving',
      '2026-11-25T15:00:00.000Z',
      'business_days',
      4,
      NEW_YORK,
      '2026-12-03T04:59:59.999Z',
    ],
    [
      'SEC over Christmas and New Year',
      '2026-12-23T15:00:00.000Z',
      'business_days',
      4,
      NEW_YORK,
      '2026-12-31T04:59:59.999Z',
    ],
    [
      'SEC from a Saturday',
      '2026-12-05T15:00:00.000Z',
      'business_days',
      1,
      NEW_YORK,
      '2026-12-08T04:59:59.999Z',
    ],
    [
      'SEC across the spring-forward (EDT after 8 March 2026)',
      '2026-03-05T15:00:00.000Z',
      'business_days',
      4,
      NEW_YORK,
      '2026-03-12T03:59:59.999Z',
    ],
    // Vermont counts Town Meeting Day (first Tuesday of March) and Bennington Battle Day (16 August).
    [
      'Vermont across Town Meeting Day',
      '2026-02-27T15:00:00.000Z',
      'business_days',
      2,
      VERMONT,
      '2026-03-05T04:59:59.999Z',
    ],
    [
      'federal calendar ignores Town Meeting Day',
      '2026-02-27T15:00:00.000Z',
      'business_days',
      2,
      NEW_YORK,
      '2026-03-04T04:59:59.999Z',
    ],
    [
      'Vermont across Bennington Battle Day (Sunday 2026: Monday 17th)',
      '2026-08-14T15:00:00.000Z',
      'business_days',
      1,
      VERMONT,
      '2026-08-19T03:59:59.999Z',
    ],
    // Brazil: Friday 20 November 2026 (Consciência Negra) is a holiday.
    [
      'ANPD from Thursday 19 November',
      '2026-11-19T15:00:00.000Z',
      'business_days',
      3,
      SAO_PAULO,
      '2026-11-26T02:59:59.999Z',
    ],
    // Colombia: Monday 12 October 2026 (Día de la Raza) is a holiday.
    [
      'SIC across 12 October',
      '2026-10-08T15:00:00.000Z',
      'business_days',
      2,
      BOGOTA,
      '2026-10-14T04:59:59.999Z',
    ],
    // Egypt's week ends on Friday and Saturday.
    [
      'Cairo working days from a Thursday',
      '2026-12-03T10:00:00.000Z',
      'business_days',
      1,
      CAIRO,
      '2026-12-06T21:59:59.999Z',
    ],
    // Calendar days end at local midnight; a day-long span over a DST change keeps local days.
    [
      '30 days in London across the autumn change',
      '2026-10-10T23:30:00.000Z',
      'days',
      30,
      LONDON,
      '2026-11-10T23:59:59.999Z',
    ],
    [
      '30 days in Sydney, started late evening local time',
      '2026-11-20T12:30:00.000Z',
      'days',
      30,
      SYDNEY,
      '2026-12-20T12:59:59.999Z',
    ],
    // "One month" is the same day of the next month, or its last day.
    [
      'one month from 31 January',
      '2027-01-31T12:00:00.000Z',
      'months',
      1,
      BRUSSELS,
      '2027-02-28T22:59:59.999Z',
    ],
    [
      'one month from 31 January in a leap year',
      '2028-01-31T12:00:00.000Z',
      'months',
      1,
      BRUSSELS,
      '2028-02-29T22:59:59.999Z',
    ],
    [
      'one month across the spring change',
      '2026-03-15T12:00:00.000Z',
      'months',
      1,
      BRUSSELS,
      '2026-04-15T21:59:59.999Z',
    ],
  ])('%s', (_what, start, unit, n, clock, expected) => {
    expect(dueAfter(new Date(start), unit, n, clock).toISOString()).toBe(expected);
  });

  it('rejects fractional business days', () => {
    expect(() => dueAfter(new Date(), 'business_days', 1.5, NEW_YORK)).toThrow(RangeError);
  });
});

describe('local days', () => {
  it('finds the local date of an instant', () => {
    expect(localDateOf(new Date('2026-12-05T02:00:00Z'), 'America/New_York')).toEqual({
      year: 2026,
      month: 12,
      day: 4,
    });
    expect(localDateOf(new Date('2026-12-05T02:00:00Z'), 'Asia/Tokyo')).toEqual({
      year: 2026,
      month: 12,
      day: 5,
    });
  });

  it('ends a 23-hour and a 25-hour day at the next local midnight', () => {
    // 8 March 2026 (spring forward) has 23 hours in New York; 1 November 2026 has 25.
    const spring = { year: 2026, month: 3, day: 8 };
    const fall = { year: 2026, month: 11, day: 1 };
    const hours = (d: typeof spring) =>
      (endOfLocalDay(d, 'America/New_York').getTime() +
        1 -
        startOfLocalDay(d, 'America/New_York').getTime()) /
      3_600_000;
    expect(hours(spring)).toBe(23);
    expect(hours(fall)).toBe(25);
  });

  it('starts a day whose midnight does not exist at the first minute that does', () => {
    // Santiago springs forward at 00:00 on 6 September 2026: the day starts at 01:00 local (04:00 UTC).
    expect(startOfLocalDay({ year: 2026, month: 9, day: 6 }, 'America/Santiago').toISOString()).toBe(
      '2026-09-06T04:00:00.000Z',
    );
  });

  it('clamps a month to its last day', () => {
    expect(plusLocalMonths({ year: 2026, month: 1, day: 31 }, 1)).toEqual({ year: 2026, month: 2, day: 28 });
    expect(plusLocalMonths({ year: 2026, month: 12, day: 15 }, 1)).toEqual({ year: 2027, month: 1, day: 15 });
  });
});

describe('holiday tables', () => {
  it('Vermont legal holidays 2026 (1 V.S.A. § 371, Saturday → Friday, Sunday → Monday)', () => {
    expect(VERMONT_HOLIDAYS.daysOf(2026)).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-03-03',
      '2026-05-25',
      '2026-07-03',
      '2026-08-17',
      '2026-09-07',
      '2026-10-12',
      '2026-11-11',
      '2026-11-26',
      '2026-12-25',
    ]);
  });

  it('Colombian holidays 2026 (Ley 51 de 1983)', () => {
    expect(COLOMBIA_HOLIDAYS.daysOf(2026)).toEqual([
      '2026-01-01',
      '2026-01-12',
      '2026-03-23',
      '2026-04-02',
      '2026-04-03',
      '2026-05-01',
      '2026-05-18',
      '2026-06-08',
      '2026-06-15',
      '2026-06-29',
      '2026-07-20',
      '2026-08-07',
      '2026-08-17',
      '2026-10-12',
      '2026-11-02',
      '2026-11-16',
      '2026-12-08',
      '2026-12-25',
    ]);
  });

  it('every table names its source', () => {
    for (const t of [US_FEDERAL_HOLIDAYS, VERMONT_HOLIDAYS, BRAZIL_HOLIDAYS, COLOMBIA_HOLIDAYS]) {
      expect(t.source.url).toMatch(/^https:\/\//);
      expect(t.source.name.length).toBeGreaterThan(5);
    }
  });
});

describe('rules count on their authority clock', () => {
  it('an evening determination in New York gets the SEC due day New York counts, not one day early', () => {
    // Friday 4 December 2026, 21:00 in New York = Saturday 02:00 UTC. Four business days: Mon 7 ... Thu 10.
    const list = obligations({
      awareAt: '2026-12-04T20:00:00-05:00',
      determinedAt: '2026-12-04T21:00:00-05:00',
      entity: { secRegistrant: true },
      materialIncident: true,
    });
    const sec = byId(list, 'us-sec-8k-item-1-05');
    expect(sec.due).toBe('2026-12-11T04:59:59.999Z'); // end of Thursday 10 December in New York
    expect(sec.internalTarget).toBe('2026-12-10T22:30:00.000Z'); // EDGAR cut-off, 17:30 New York
  });

  it('Texas counts in Austin: a late-evening awareness starts on the Central-time day', () => {
    // 23:30 Central on 1 December = 05:30 UTC on 2 December; 30 days from 1 December = 31 December.
    const list = obligations({
      awareAt: '2026-12-01T23:30:00-06:00',
      affected: [{ country: 'US', region: 'US-TX', count: 300 }],
    });
    expect(byId(list, 'us-tx-regulator').due).toBe('2027-01-01T05:59:59.999Z');
  });
});
