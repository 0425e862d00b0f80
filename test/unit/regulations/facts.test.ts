import { obligationFactsSchema, parseObligationFacts } from '../../../src/domain/regulations';
import { describeIssues } from '../../../src/domain/commands';
import { incidentFactsSchema } from '../../../src/domain/incident';
import { recipientRowSchema } from '../../../src/domain/recipient';

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

describe('country and region codes', () => {
  const base = {
    awareAt: '2026-11-20T10:00:00Z',
    dataCategories: ['name'],
    encrypted: false,
    keyCompromised: false,
  };
  const issuesFor = (affected: unknown[], extra = {}) => {
    const r = parseObligationFacts({ ...base, affected, ...extra });
    return r.ok ? [] : r.issues;
  };

  it.each([
    ['UK', 'UK is not an ISO 3166 code: did you mean GB (United Kingdom)?'],
    ['EL', "EL is the EU's code for Greece, not ISO 3166: did you mean GR?"],
    ['gb', 'gb must be upper case: did you mean GB?'],
    ['USA', 'USA is an alpha-3 code: use US'],
    ['YU', 'YU (Yugoslavia) was withdrawn from ISO 3166: did you mean RS, ME, BA, HR, SI or MK?'],
    ['EU', 'EU is not a country: give each member state (e.g. DE, FR) with its own count'],
    ['QQ', 'QQ is not an ISO 3166-1 alpha-2 country code'],
    ['', ' is not an ISO 3166-1 alpha-2 country code'],
  ])('refuses %j with a hint on affected[0].country', (country, message) => {
    expect(issuesFor([{ country, count: 1 }])).toEqual([{ path: 'affected[0].country', message }]);
  });

  it.each([
    [
      { country: 'US', region: 'US-XX', count: 1 },
      'affected[0].region',
      /US-XX is not a US state, DC or territory/,
    ],
    [{ country: 'CA', region: 'CA-ZZ', count: 1 }, 'affected[0].region', /not an ISO 3166-2:CA subdivision/],
    [{ country: 'US', region: 'CA-QC', count: 1 }, 'affected[0].region', /does not belong to country US/],
  ])('refuses region %j', (group, path, message) => {
    const issues = issuesFor([group]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path, message: expect.stringMatching(message) });
  });

  it('accepts every ISO code, US states and an establishment; refuses a bad establishment', () => {
    expect(
      issuesFor([
        { country: 'GB', count: 1 },
        { country: 'US', region: 'US-DC', count: 1 },
      ]),
    ).toEqual([]);
    expect(issuesFor([{ country: 'FR', region: 'FR-75', count: 1 }])).toEqual([]); // shape only outside US/CA
    expect(issuesFor([], { establishment: 'IE' })).toEqual([]);
    expect(issuesFor([], { establishment: 'UK' })).toEqual([
      { path: 'establishment', message: 'UK is not an ISO 3166 code: did you mean GB (United Kingdom)?' },
    ]);
  });

  it('the incident facts reuse the same check, so every edge refuses the code', () => {
    const r = incidentFactsSchema.safeParse({
      title: 'Lost laptop',
      severity: 'sev2',
      reporter: 'a@example.com',
      awareAt: '2026-11-20T10:00:00Z',
      affected: [{ country: 'UK', count: 2 }],
    });
    expect(r.success).toBe(false);
    // What declareIncident puts in its invalid_input refusal (an HTTP 400 at the edges):
    expect(describeIssues(r.error!)).toBe(
      'affected.0.country: UK is not an ISO 3166 code: did you mean GB (United Kingdom)?',
    );
    expect(r.error?.issues[0]).toMatchObject({
      path: ['affected', 0, 'country'],
      message: expect.stringMatching(/did you mean GB/),
    });
  });
});

it('recipient import rows get the same country check and hint', () => {
  const row = (country: string) =>
    recipientRowSchema.safeParse({ email: 'a@example.test', name: 'A', country, dataCategories: 'email' });
  expect(row('de').success).toBe(true);
  const uk = row('uk');
  expect(uk.success).toBe(false);
  expect(uk.error?.issues[0]).toMatchObject({
    path: ['country'],
    message: 'UK is not an ISO 3166 code: did you mean GB (United Kingdom)?',
  });
});
