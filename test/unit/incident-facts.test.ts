import { factsPatchSchema } from '../../src/domain/incident';

describe('facts patches', () => {
  it('keep only the fields given (no defaults filled in) and refuse an empty change', () => {
    expect(factsPatchSchema.parse({ severity: 'sev2' })).toEqual({ severity: 'sev2' });
    expect(factsPatchSchema.safeParse({}).error?.issues[0]?.message).toBe('change at least one fact');
    expect(factsPatchSchema.safeParse({ reporter: 'x' }).success).toBe(false);
  });
});
