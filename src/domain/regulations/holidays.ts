// Public-holiday tables the business-day deadlines count with, each with the law it comes from. Plain data
// (rules by which the days fall) so they extend to any year; `holidaysIn(table, year)` lists one year.
import { brazilNationalHolidays, easterSunday, usFederalHolidays } from './calendar';
import { formatLocalDate, plusLocalDays, weekdayOf, type LocalDate } from './local-time';

export interface HolidayTable {
  id: string;
  name: string;
  source: { name: string; url: string };
  /** Holidays as observed (YYYY-MM-DD) in the calendar year. */
  daysOf: (year: number) => readonly string[];
  note?: string;
}

const date = (year: number, month: number, day: number): LocalDate => ({ year, month, day });
const iso = (d: LocalDate) => formatLocalDate(d);

function nthWeekday(year: number, month: number, weekday: number, n: number): LocalDate {
  const first = weekdayOf(date(year, month, 1));
  return date(year, month, 1 + ((weekday - first + 7) % 7) + (n - 1) * 7);
}

function lastWeekday(year: number, month: number, weekday: number): LocalDate {
  const last = plusLocalDays(date(year, month + 1, 1), -1);
  return plusLocalDays(last, -((weekdayOf(last) - weekday + 7) % 7));
}

/** Saturday → the Friday before, Sunday → the Monday after (1 V.S.A. § 371(b), 5 U.S.C. 6103(b)). */
function observedUs(d: LocalDate): LocalDate {
  const w = weekdayOf(d);
  return w === 6 ? plusLocalDays(d, -1) : w === 0 ? plusLocalDays(d, 1) : d;
}

/** Ley Emiliani: the holiday moves to the next Monday unless it already is one. */
function nextMonday(d: LocalDate): LocalDate {
  return plusLocalDays(d, (8 - weekdayOf(d)) % 7);
}

function easter(year: number): LocalDate {
  const [y, m, d] = easterSunday(year).split('-').map(Number);
  return date(y ?? year, m ?? 1, d ?? 1);
}

export const US_FEDERAL_HOLIDAYS: HolidayTable = {
  id: 'us-federal',
  name: 'US federal holidays',
  source: {
    name: '5 U.S.C. 6103 (legal public holidays)',
    url: 'https://www.law.cornell.edu/uscode/text/5/6103',
  },
  daysOf: usFederalHolidays,
};

export const VERMONT_HOLIDAYS: HolidayTable = {
  id: 'us-vt',
  name: 'Vermont legal holidays',
  source: {
    name: '1 V.S.A. § 371 (legal holidays)',
    url: 'https://legislature.vermont.gov/statutes/section/01/007/00371',
  },
  note: 'state offices observe Saturday holidays on Friday and Sunday holidays on Monday (§ 371(b)); no Juneteenth',
  daysOf: (year) =>
    [
      observedUs(date(year, 1, 1)),
      nthWeekday(year, 1, 1, 3), // Martin Luther King, Jr.'s Birthday
      nthWeekday(year, 2, 1, 3), // Presidents' Day
      nthWeekday(year, 3, 2, 1), // Town Meeting Day: first Tuesday in March
      lastWeekday(year, 5, 1), // Memorial Day
      observedUs(date(year, 7, 4)),
      observedUs(date(year, 8, 16)), // Bennington Battle Day
      nthWeekday(year, 9, 1, 1), // Labor Day
      nthWeekday(year, 10, 1, 2), // Indigenous Peoples' Day
      observedUs(date(year, 11, 11)),
      nthWeekday(year, 11, 4, 4), // Thanksgiving
      observedUs(date(year, 12, 25)),
      observedUs(date(year + 1, 1, 1)), // 31 December when next New Year's Day is a Saturday
    ]
      .map(iso)
      .filter((d) => d.startsWith(`${year}-`))
      .sort(),
};

export const BRAZIL_HOLIDAYS: HolidayTable = {
  id: 'br',
  name: 'Brazilian national holidays',
  source: {
    name: 'Lei 662/1949, Lei 6.802/1980, Lei 14.759/2023',
    url: 'https://www.planalto.gov.br/ccivil_03/leis/l0662.htm',
  },
  note: 'state and municipal holidays and optional days off (Carnival, Corpus Christi) are not counted, so a due day may be early, never late',
  daysOf: brazilNationalHolidays,
};

export const COLOMBIA_HOLIDAYS: HolidayTable = {
  id: 'co',
  name: 'Colombian public holidays',
  source: {
    name: 'Ley 51 de 1983 (festivos, "Ley Emiliani")',
    url: 'https://www.funcionpublica.gov.co/eva/gestornormativo/norma.php?i=4954',
  },
  daysOf: (year) => {
    const e = easter(year);
    return [
      date(year, 1, 1),
      date(year, 5, 1),
      date(year, 7, 20),
      date(year, 8, 7),
      date(year, 12, 8),
      date(year, 12, 25),
      ...[
        date(year, 1, 6),
        date(year, 3, 19),
        date(year, 6, 29),
        date(year, 8, 15),
        date(year, 10, 12),
        date(year, 11, 1),
        date(year, 11, 11),
      ].map(nextMonday),
      plusLocalDays(e, -3), // Jueves Santo
      plusLocalDays(e, -2), // Viernes Santo
      plusLocalDays(e, 43), // Ascensión (Monday)
      plusLocalDays(e, 64), // Corpus Christi (Monday)
      plusLocalDays(e, 71), // Sagrado Corazón (Monday)
    ]
      .map(iso)
      .sort();
  },
};

export const HOLIDAY_TABLES: readonly HolidayTable[] = [
  US_FEDERAL_HOLIDAYS,
  VERMONT_HOLIDAYS,
  BRAZIL_HOLIDAYS,
  COLOMBIA_HOLIDAYS,
];

const cache = new Map<string, ReadonlySet<string>>();

export function holidaySet(table: HolidayTable, year: number): ReadonlySet<string> {
  const key = `${table.id}:${year}`;
  let set = cache.get(key);
  if (!set) {
    set = new Set(table.daysOf(year));
    cache.set(key, set);
  }
  return set;
}
