// Shared builders for the regulations tests: small valid facts with overrides, and lookup by id.
import {
  computeObligations,
  obligationFactsSchema,
  type Obligation,
  type ObligationFactsInput,
} from '../../../src/domain/regulations';

export const AWARE = '2026-11-20T10:00:00.000Z';

export function facts(overrides: Partial<ObligationFactsInput> = {}) {
  return obligationFactsSchema.parse({
    awareAt: AWARE,
    dataCategories: ['name', 'ssn'],
    encrypted: false,
    keyCompromised: false,
    affected: [],
    riskOfHarm: 'high',
    ...overrides,
  });
}

export function obligations(overrides: Partial<ObligationFactsInput> = {}): Obligation[] {
  return computeObligations(facts(overrides));
}

export function byId(list: readonly Obligation[], id: string): Obligation {
  const found = list.find((o) => o.id === id);
  if (!found) throw new Error(`no obligation ${id} in [${list.map((o) => o.id).join(', ')}]`);
  return found;
}

export function ids(list: readonly Obligation[]): string[] {
  return list.map((o) => o.id);
}

export const plusDays = (iso: string, days: number) =>
  new Date(Date.parse(iso) + days * 86_400_000).toISOString();
export const plusHours = (iso: string, hours: number) =>
  new Date(Date.parse(iso) + hours * 3_600_000).toISOString();

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) an instant falls on in a time zone, straight from Intl. */
export function localDay(iso: string, timeZone: string): string {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, f);
  }
  return f.format(new Date(iso));
}

/** YYYY-MM-DD plus n calendar days. */
export function dayPlus(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + n)).toISOString().slice(0, 10);
}

/** Asserts `due` is the last millisecond of `day` in `timeZone`: the one meaning of a day-counted due. */
export function expectEndOfLocalDay(due: string | null | undefined, timeZone: string, day: string): void {
  expect(due).toEqual(expect.any(String));
  expect(localDay(due as string, timeZone)).toBe(day);
  expect(localDay(new Date(Date.parse(due as string) + 1).toISOString(), timeZone)).toBe(dayPlus(day, 1));
}
