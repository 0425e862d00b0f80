// The one definition of `due`, shared by every rule. A deadline counted in hours is due at that instant; a
// deadline counted in days, business days or months is due at the END of its last day (23:59:59.999) in the
// authority's time zone, counted on the authority's calendar. The day the clock starts never counts.
import { addHours } from './calendar';
import { holidaySet, type HolidayTable } from './holidays';
import {
  endOfLocalDay,
  formatLocalDate,
  localDateOf,
  plusLocalDays,
  plusLocalMonths,
  weekdayOf,
  type LocalDate,
} from './local-time';

/** Where and how an authority counts: its IANA zone, weekend days and public holidays. */
export interface AuthorityClock {
  timeZone: string;
  /** Weekdays that are not business days (0 = Sunday); Saturday and Sunday by default. */
  weekend?: readonly number[];
  /** Public holidays the law counts; absent where the table has none (business days then skip weekends only). */
  holidays?: HolidayTable;
}

export type SpanUnit = 'hours' | 'days' | 'business_days' | 'months';

export function isLocalBusinessDay(d: LocalDate, clock: AuthorityClock): boolean {
  const weekend = clock.weekend ?? [0, 6];
  if (weekend.includes(weekdayOf(d))) return false;
  return !clock.holidays || !holidaySet(clock.holidays, d.year).has(formatLocalDate(d));
}

/** The local date `n` business days after the local date of `start` (the start day never counts). */
export function businessDaysAfter(start: Date, n: number, clock: AuthorityClock): LocalDate {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`business days must be a non-negative integer: ${n}`);
  let d = localDateOf(start, clock.timeZone);
  let remaining = n;
  while (remaining > 0) {
    d = plusLocalDays(d, 1);
    if (isLocalBusinessDay(d, clock)) remaining -= 1;
  }
  return d;
}

/** The last local day of a span that starts at `start`, for the day-counted units. */
export function lastDayOf(start: Date, unit: Exclude<SpanUnit, 'hours'>, n: number, clock: AuthorityClock) {
  const from = localDateOf(start, clock.timeZone);
  if (unit === 'days') return plusLocalDays(from, n);
  if (unit === 'months') return plusLocalMonths(from, n);
  return businessDaysAfter(start, n, clock);
}

/** When a deadline of `n` units started at `start` is due, as defined at the top of this file. */
export function dueAfter(start: Date, unit: SpanUnit, n: number, clock: AuthorityClock): Date {
  if (unit === 'hours') return addHours(start, n);
  return endOfLocalDay(lastDayOf(start, unit, n, clock), clock.timeZone);
}
