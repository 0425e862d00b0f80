// Wall-clock dates in an authority's time zone, from the runtime's built-in Intl time-zone data (no network,
// no wall clock): the local day an instant falls on, and the instant a local day ends.

/** A calendar date in some time zone; month is 1-12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(at: Date, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

const QUARTER_HOUR_MS = 15 * 60_000;
const offsets = new Map<string, number>();

/**
 * Offset of the zone from UTC at that instant, in milliseconds (New York in winter: -5 h). Zones change
 * offset only on quarter-hour boundaries, so one lookup per zone and quarter hour is remembered (formatting
 * through Intl is the slow part of every deadline).
 */
export function zoneOffsetMs(at: Date, timeZone: string): number {
  const quarter = Math.floor(at.getTime() / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const key = `${timeZone}@${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size > 50_000) offsets.clear();
    offset = wallClock(new Date(quarter), timeZone) - quarter;
    offsets.set(key, offset);
  }
  return offset;
}

export function localDateOf(at: Date, timeZone: string): LocalDate {
  const wall = new Date(at.getTime() + zoneOffsetMs(at, timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/** YYYY-MM-DD of a local date. */
export function formatLocalDate(d: LocalDate): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

/** The date `days` calendar days later (negative for earlier); months and years roll over. */
export function plusLocalDays(d: LocalDate, days: number): LocalDate {
  const u = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: u.getUTCFullYear(), month: u.getUTCMonth() + 1, day: u.getUTCDate() };
}

/**
 * The same day `months` calendar months later; a day the target month lacks becomes its last day
 * (31 January + 1 month = 28 or 29 February), the usual reading of "one month".
 */
export function plusLocalMonths(d: LocalDate, months: number): LocalDate {
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, day: Math.min(d.day, lastDay) };
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(d: LocalDate): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

/** The first instant of the local day (local midnight, or the first existing minute if a DST gap eats it). */
export function startOfLocalDay(d: LocalDate, timeZone: string): Date {
  const wallMidnight = Date.UTC(d.year, d.month - 1, d.day);
  let at = wallMidnight - zoneOffsetMs(new Date(wallMidnight), timeZone);
  at = wallMidnight - zoneOffsetMs(new Date(at), timeZone);
  // In a gap at midnight (clocks jump from 00:00 to 01:00) the guess lands on the previous day: walk forward
  // to the first minute that exists on the wanted day.
  const wanted = formatLocalDate(d);
  for (let i = 0; i < 16 && formatLocalDate(localDateOf(new Date(at), timeZone)) < wanted; i += 1) {
    at += 15 * 60_000;
  }
  return new Date(at);
}

/** The last millisecond of the local day: what `due` means for every deadline counted in days. */
export function endOfLocalDay(d: LocalDate, timeZone: string): Date {
  return new Date(startOfLocalDay(plusLocalDays(d, 1), timeZone).getTime() - 1);
}

/** The instant a local wall-clock time happens on a local day (e.g. 17:30 in New York). */
export function localTimeOn(d: LocalDate, hour: number, minute: number, timeZone: string): Date {
  const start = startOfLocalDay(d, timeZone).getTime();
  const guess = start + (hour * 60 + minute) * 60_000;
  const drift = zoneOffsetMs(new Date(guess), timeZone) - zoneOffsetMs(new Date(start), timeZone);
  return new Date(guess - drift);
}
