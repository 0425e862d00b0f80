// No touched jurisdiction is ever silent: over every ISO 3166-1 country (and every US state and territory),
// whatever the facts, each recipient gets an answer naming the jurisdiction.
import { computeObligations, obligationFactsSchema, type Obligation } from '../../../src/domain/regulations';
import { ISO_3166_2_SUBDIVISIONS, ISO_3166_COUNTRIES } from '../../../src/domain/regulations/iso3166';
import { speaksFor } from '../../../src/domain/regulations/silence';
import { byId, obligations } from './helpers';

const COUNTRIES = Object.keys(ISO_3166_COUNTRIES);
const US_REGIONS = ISO_3166_2_SUBDIVISIONS.US!.map((r) => `US-${r}`);

/** A small deterministic generator (mulberry32), so the property runs are repeatable. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RISKS = [undefined, 'none', 'low', 'high', 'unknown'] as const;
const CATEGORY_SETS = [[], ['name'], ['name', 'ssn'], ['email', 'password'], ['health'], ['payment_card']];

/** US territories with their own ISO 3166-1 code are answered as US-xx subdivisions. */
const TERRITORIES = ['PR', 'GU', 'VI', 'AS', 'MP', 'UM'];
const answeredAs = (country: string) => (TERRITORIES.includes(country) ? 'US' : country);

function answers(
  list: readonly Obligation[],
  country: string,
  recipient: Obligation['recipient'],
): Obligation[] {
  return list.filter((o) => o.recipient === recipient && speaksFor(o, country));
}

it('there are 249 ISO 3166-1 countries', () => {
  expect(COUNTRIES).toHaveLength(249);
});

it.each(COUNTRIES)('%s answers for individuals and the regulator', (country) => {
  const list = obligations({ affected: [{ country, count: 3 }] });
  for (const recipient of ['individuals', 'regulator'] as const) {
    const found = answers(list, answeredAs(country), recipient);
    expect(found.length).toBeGreaterThan(0);
    for (const o of found) expect(o.reason.length).toBeGreaterThan(10);
  }
});

it.each(US_REGIONS)('%s answers for individuals, the regulator and consumer reporting agencies', (region) => {
  const list = obligations({ affected: [{ country: 'US', region, count: 3 }] });
  for (const recipient of ['individuals', 'regulator', 'consumer_reporting_agencies'] as const)
    expect(list.filter((o) => o.recipient === recipient && o.jurisdiction === region)).not.toHaveLength(0);
});

it('random mixes of places, data, risk and encryption are never silent (500 runs)', () => {
  const next = random(13);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] as T;
  for (let run = 0; run < 500; run += 1) {
    const affected = Array.from({ length: 1 + Math.floor(next() * 4) }, () => {
      const country = pick(COUNTRIES);
      const region = country === 'US' && next() < 0.8 ? pick(US_REGIONS) : undefined;
      return { country, ...(region ? { region } : {}), count: 1 + Math.floor(next() * 5000) };
    });
    const facts = obligationFactsSchema.parse({
      awareAt: '2026-11-20T10:00:00Z',
      dataCategories: pick(CATEGORY_SETS),
      encrypted: next() < 0.3,
      keyCompromised: next() < 0.5,
      affected,
      riskOfHarm: pick(RISKS),
    });
    const list = computeObligations(facts);
    for (const group of affected) {
      const country = answeredAs(group.country);
      for (const recipient of ['individuals', 'regulator'] as const) {
        if (answers(list, country, recipient).length === 0)
          throw new Error(`silent on ${recipient} for ${country} in ${JSON.stringify(facts)}`);
      }
    }
  }
});

it('a country without a rule names itself and asks counsel', () => {
  const list = obligations({ affected: [{ country: 'BO', count: 7 }] });
  expect(byId(list, 'bo-no-rule-regulator')).toMatchObject({
    status: 'needs_more_info',
    jurisdiction: 'BO',
    template: 'counsel/no-rule',
    affectedCount: 7,
    missing: ['counsel: breach-notification law of Bolivia (BO) for regulator'],
  });
  expect(byId(list, 'bo-no-rule-individuals').reason).toMatch(/Bolivia \(BO\).*counsel must check/);
});

it('a country with a rule gets no extra no-rule entry', () => {
  const ids = obligations({ affected: [{ country: 'CH', count: 7 }] }).map((o) => o.id);
  expect(ids.filter((id) => id.includes('no-rule'))).toEqual([]);
});
