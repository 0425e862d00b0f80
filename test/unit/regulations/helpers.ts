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
