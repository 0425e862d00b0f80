// Pure, UTC-based date arithmetic for regulatory deadlines: hours, calendar days and business days
// (US federal holidays per 5 U.S.C. 6103, Brazilian national holidays). Never reads the wall clock,
// so it is safe to call from Temporal workflow code.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export type BusinessCalendar = 'US' | 'BR';

/** Adds whole or fractional hours to an instant. */
export function addHours(start: Date, hours: number): Date {
  return new Date(start.getTime() + hours * HOUR_MS);
}

/** Adds calendar days as fixed 24-hour periods (UTC has no daylight-saving shifts). */
export function addDays(start: Date, days: number): Date {
  return new Date(start.getTime() + days * DAY_MS);
}

/** Formats the UTC calendar date of an instant as YYYY-MM-DD. */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function ymd(year: number, monthIndex: number, day: number): string {
  return isoDate(new Date(Date.UTC(year, monthIndex, day)));
}

/** Day of month of the n-th (1-based) given weekday (0 = Sunday) in a month. */
function nthWeekday(year: number, monthIndex: number, weekday: number, n: number): number {
  const first = new Date(Date.UTC(year, monthIndex, 1)).getUTCDay();
  return 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
}

function lastWeekday(year: number, monthIndex: number, weekday: number): number {
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0));
  return lastDay.getUTCDate() - ((lastDay.getUTCDay() - weekday + 7) % 7);
}

/** A fixed-date holiday on Saturday is observed the Friday before, on Sunday the Monday after. */
function observed(year: number, monthIndex: number, day: number): string {
  const weekday = new Date(Date.UTC(year, monthIndex, day)).getUTCDay();
  const shift = weekday === 6 ? -1 : weekday === 0 ? 1 : 0;
  return ymd(year, monthIndex, day + shift);
}

/**
 * Observed US federal holidays (5 U.S.C. 6103) falling in the given calendar year, as YYYY-MM-DD.
 * Includes Juneteenth from 2021 and Martin Luther King Jr. Day from 1986. When New Year's Day of the
 * next year is a Saturday, its observed day (31 December of this year) is included here.
 * Pre-1971 (Uniform Monday Holiday Act) rules are not modelled.
 */
export function usFederalHolidays(year: number): string[] {
  const days = [
    observed(year, 0, 1),
    ymd(year, 1, nthWeekday(year, 1, 1, 3)), // Washington's Birthday: 3rd Monday of February
    ymd(year, 4, lastWeekday(year, 4, 1)), // Memorial Day: last Monday of May
    observed(year, 6, 4),
    ymd(year, 8, nthWeekday(year, 8, 1, 1)), // Labor Day: 1st Monday of September
    ymd(year, 9, nthWeekday(year, 9, 1, 2)), // Columbus Day: 2nd Monday of October
    observed(year, 10, 11),
    ymd(year, 10, nthWeekday(year, 10, 4, 4)), // Thanksgiving: 4th Thursday of November
    observed(year, 11, 25),
  ];
  if (year >= 1986) days.push(ymd(year, 0, nthWeekday(year, 0, 1, 3))); // MLK Day: 3rd Monday of January
  if (year >= 2021) days.push(observed(year, 5, 19)); // Juneteenth
  const nextNewYear = observed(year + 1, 0, 1);
  if (nextNewYear.startsWith(`${year}-`)) days.push(nextNewYear);
  return days.filter((d) => d.startsWith(`${year}-`)).sort();
}

/** Western (Gregorian) Easter Sunday, by the anonymous Gregorian computus. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month - 1, day);
}

/**
 * Brazilian national holidays (Lei 662/1949 and later laws; Good Friday; Black Consciousness Day from
 * 2024). Carnival and Corpus Christi are optional federal days off ("ponto facultativo") and state or
 * municipal holidays are not modelled, so a deadline computed here may be a day early, never late.
 */
export function brazilNationalHolidays(year: number): string[] {
  const easter = new Date(`${easterSunday(year)}T00:00:00Z`);
  const days = [
    ymd(year, 0, 1),
    isoDate(addDays(easter, -2)), // Sexta-feira da Paixão
    ymd(year, 3, 21),
    ymd(year, 4, 1),
    ymd(year, 8, 7),
    ymd(year, 9, 12),
    ymd(year, 10, 2),
    ymd(year, 10, 15),
    ymd(year, 11, 25),
  ];
  if (year >= 2024) days.push(ymd(year, 10, 20));
  return days.sort();
}

const holidayCache = new Map<string, ReadonlySet<string>>();

function holidaysOf(calendar: BusinessCalendar, year: number): ReadonlySet<string> {
  const key = `${calendar}:${year}`;
  let set = holidayCache.get(key);
  if (!set) {
    set = new Set(calendar === 'US' ? usFederalHolidays(year) : brazilNationalHolidays(year));
    holidayCache.set(key, set);
  }
  return set;
}

/** True when the UTC calendar date of the instant is neither a weekend nor a holiday of the calendar. */
export function isBusinessDay(d: Date, calendar: BusinessCalendar = 'US'): boolean {
  const weekday = d.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !holidaysOf(calendar, d.getUTCFullYear()).has(isoDate(d));
}

/**
 * Moves forward `n` business days from `start`, keeping the UTC time of day. The start day itself is
 * never counted: Wednesday + 1 business day is Thursday; Saturday + 1 is Monday (if not a holiday).
 * This matches "within N business days after" readings such as SEC Form 8-K's four business days.
 */
export function addBusinessDays(start: Date, n: number, calendar: BusinessCalendar = 'US'): Date {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`business days must be a non-negative integer: ${n}`);
  let current = start;
  let remaining = n;
  while (remaining > 0) {
    current = addDays(current, 1);
    if (isBusinessDay(current, calendar)) remaining -= 1;
  }
  return current;
}

/** The last millisecond of the UTC calendar year, used for annual reporting windows. */
export function endOfUtcYear(year: number): Date {
  return new Date(Date.UTC(year + 1, 0, 1) - 1);
}
