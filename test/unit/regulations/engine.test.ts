import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  computeObligations,
  diffObligations,
  obligationFactsSchema,
  obligationSchema,
  LAST_REVIEWED,
} from '../../../src/domain/regulations';
import { byId, facts, ids, obligations } from './helpers';

const fixture = () =>
  obligationFactsSchema.parse(
    JSON.parse(readFileSync(join(__dirname, '../../fixtures/facts/multi-jurisdiction.json'), 'utf8')),
  );

const everything = () =>
  facts({
    determinedAt: '2026-11-25T15:00:00Z',
    dataCategories: ['name', 'ssn', 'health', 'payment_card', 'email', 'password'],
    affected: [
      { country: 'US', region: 'US-CA', count: 700 },
      { country: 'US', region: 'US-TX', count: 250 },
      { country: 'FR', count: 10 },
      { country: 'GB', count: 10 },
      { country: 'CA', region: 'CA-QC', count: 10 },
      { country: 'BR', count: 10 },
      { country: 'AU', count: 10 },
      { country: 'SG', count: 10 },
      { country: 'IN', count: 10 },
      { country: 'JP', count: 10 },
      { country: 'KR', count: 10 },
    ],
    entity: {
      hipaaCoveredEntity: true,
      secRegistrant: true,
      nydfsCovered: true,
      glbaFinancialInstitution: true,
      paymentCards: true,
      nis2Entity: true,
      doraEntity: true,
    },
    materialIncident: true,
  });

describe('computeObligations', () => {
  it('produces schema-valid obligations with sources and review dates', () => {
    const list = computeObligations(everything());
    expect(list.length).toBeGreaterThan(40);
    for (const o of list) {
      expect(obligationSchema.safeParse(o).success).toBe(true);
      expect(o.lastReviewed).toBe('2026-11-24');
      expect(o.source.url).toMatch(/^https?:\/\//);
      expect(o.citation).not.toBe('');
      if (o.status === 'needs_more_info') expect(o.missing?.length).toBeGreaterThan(0);
      if (o.status === 'not_required') expect(o.due).toBeNull();
    }
    expect(LAST_REVIEWED).toBe('2026-11-24');
  });

  it('is deterministic and never reads the wall clock', () => {
    const spy = jest.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now must not be called');
    });
    try {
      const a = computeObligations(everything());
      const b = computeObligations(everything());
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    } finally {
      spy.mockRestore();
    }
  });

  it('sorts by due (falling back to internal target), then id, with undated entries last', () => {
    const list = computeObligations(everything());
    const key = (o: (typeof list)[number]) => o.due ?? o.internalTarget ?? '9999';
    for (let i = 1; i < list.length; i += 1) {
      const prev = list[i - 1]!;
      const cur = list[i]!;
      const cmp = key(prev).localeCompare(key(cur));
      expect(cmp <= 0).toBe(true);
      if (cmp === 0) expect(prev.id < cur.id).toBe(true);
    }
    expect(list[list.length - 1]?.status).toBe('not_required');
  });

  it('returns nothing when no jurisdiction is touched', () => {
    expect(obligations({ affected: [{ country: 'US', region: 'US-CA', count: 0 }] })).toEqual([]);
  });

  it('computes the checked-in fixture', () => {
    const list = computeObligations(fixture());
    expect(byId(list, 'us-sec-8k-item-1-05').due).toBe('2026-12-03T04:59:59.999Z'); // end of 2 December, New York
    expect(byId(list, 'us-ca-regulator').status).toBe('required');
    expect(byId(list, 'us-hipaa-media-us-ca').status).toBe('required');
    expect(byId(list, 'eu-gdpr-art33').status).toBe('required');
  });
});

describe('diffObligations', () => {
  const base = {
    awareAt: '2026-11-20T10:00:00Z',
    dataCategories: ['name', 'ssn'] as never,
    encrypted: false,
    keyCompromised: false,
    riskOfHarm: 'high' as const,
  };

  it('a state crossing a threshold changes a duty, a new state adds duties', () => {
    const before = computeObligations(
      facts({ ...base, affected: [{ country: 'US', region: 'US-CA', count: 500 }] }),
    );
    const after = computeObligations(
      facts({
        ...base,
        affected: [
          { country: 'US', region: 'US-CA', count: 501 },
          { country: 'US', region: 'US-TX', count: 10 },
        ],
      }),
    );
    const diff = diffObligations(before, after);
    expect(ids(diff.added).sort()).toEqual(['us-tx-cra', 'us-tx-individuals', 'us-tx-regulator']);
    expect(diff.removed).toEqual([]);
    const ca = diff.changed.find((c) => c.id === 'us-ca-regulator');
    expect(ca?.fields).toContain('status');
    expect(ca?.reason).toMatch(/not_required → required/);
    expect(diff.changed.map((c) => c.id)).not.toContain('us-ca-individuals');
  });

  it('an encryption finding turns duties into not_required', () => {
    const affected = [
      { country: 'US', region: 'US-FL', count: 1200 },
      { country: 'DE', count: 3 },
    ];
    const before = computeObligations(facts({ ...base, affected }));
    const after = computeObligations(facts({ ...base, affected, encrypted: true }));
    const diff = diffObligations(before, after);
    const changed = Object.fromEntries(diff.changed.map((c) => [c.id, c.after.status]));
    expect(changed).toMatchObject({
      'us-fl-individuals': 'not_required',
      'us-fl-regulator': 'not_required',
      'us-fl-cra': 'not_required',
      'eu-gdpr-art34': 'not_required',
    });
    expect(changed['eu-gdpr-art33']).toBeUndefined();
  });

  it('removing a jurisdiction removes its duties; identical inputs give an empty diff', () => {
    const one = computeObligations(facts({ ...base, affected: [{ country: 'GB', count: 3 }] }));
    const none = computeObligations(facts({ ...base, affected: [] }));
    expect(ids(diffObligations(one, none).removed).sort()).toEqual(['gb-ukgdpr-art33', 'gb-ukgdpr-art34']);
    expect(diffObligations(one, one)).toEqual({ added: [], removed: [], changed: [] });
  });

  it('a new determination time moves deadlines', () => {
    const sec = { ...base, entity: { secRegistrant: true }, materialIncident: true };
    const before = computeObligations(facts(sec));
    const after = computeObligations(facts({ ...sec, determinedAt: '2026-11-25T15:00:00Z' }));
    const change = diffObligations(before, after).changed.find((c) => c.id === 'us-sec-8k-item-1-05');
    expect(change?.fields).toEqual(expect.arrayContaining(['status', 'due', 'missing']));
    expect(change?.after.due).toBe('2026-12-03T04:59:59.999Z');
  });
});
