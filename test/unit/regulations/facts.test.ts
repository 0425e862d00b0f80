import { obligationFactsSchema, parseObligationFacts } from '../../../src/domain/regulations';

const valid = {
  awareAt: '2026-11-20T10:00:00Z',
  dataCategories: ['name', 'ssn'],
  encrypted: false,
  keyCompromised: false,
  affected: [{ country: 'US', region: 'US-CA', count: 3 }],
};

function issuesOf(input: unknown) {
  const result = parseObligationFacts(input);
  if (result.ok) throw new Error('expected invalid facts');
  return result.issues;
}

describe('obligationFactsSchema', () => {
  it('accepts valid facts and defaults entity to {}', () => {
    const result = parseObligationFacts(valid);
    expect(result.ok).toBe(true);
    expect(obligationFactsSchema.parse(valid).entity).toEqual({});
  });

  it('accepts offsets in date-times', () => {
    expect(parseObligationFacts({ ...valid, awareAt: '2026-11-20T10:00:00+05:30' }).ok).toBe(true);
  });

  it.each([
    ['unknown data category', { dataCategories: ['name', 'ssn', 'shoe_size'] }, 'dataCategories[2]'],
    ['bad date', { awareAt: '2026-02-30T10:00:00Z' }, 'awareAt'],
    ['date without time', { awareAt: '2026-11-20' }, 'awareAt'],
    ['negative count', { affected: [{ country: 'US', region: 'US-CA', count: -1 }] }, 'affected[0].count'],
    ['fractional count', { affected: [{ country: 'US', count: 1.5 }] }, 'affected[0].count'],
    [
      'region of another country',
      { affected: [{ country: 'CA', region: 'US-CA', count: 1 }] },
      'affected[0].region',
    ],
    ['lower-case country', { affected: [{ country: 'us', count: 1 }] }, 'affected[0].country'],
    ['unknown risk level', { riskOfHarm: 'medium' }, 'riskOfHarm'],
    ['determination before awareness', { determinedAt: '2026-11-19T10:00:00Z' }, 'determinedAt'],
    ['non-boolean entity flag', { entity: { secRegistrant: 'yes' } }, 'entity.secRegistrant'],
    ['unknown entity flag', { entity: { bank: true } }, 'entity.bank'],
    ['misspelt top-level key', { encryped: true }, 'encryped'],
  ])('rejects %s naming the field path', (_label, patch, path) => {
    const issues = issuesOf({ ...valid, ...patch });
    expect(issues.map((i) => i.path)).toContain(path);
  });

  it('reports a missing required field', () => {
    const { keyCompromised: _drop, ...rest } = valid;
    expect(issuesOf(rest).map((i) => i.path)).toEqual(['keyCompromised']);
  });
});
