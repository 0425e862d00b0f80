import { byId, ids, obligations, plusHours, AWARE } from './helpers';

const phi = { dataCategories: ['name', 'health'] as never, entity: { hipaaCoveredEntity: true } };
const us = (region: string, count: number) => ({ country: 'US', region, count });

describe('HIPAA', () => {
  it.each([
    [499, '2027-03-02T04:59:59.999Z', /fewer than 500/],
    [500, '2027-01-20T04:59:59.999Z', /500 or more/], // 20 November + 60 days, end of day in New York
  ])('HHS with %i individuals is due %s', (count, due, why) => {
    const o = byId(obligations({ ...phi, affected: [us('US-TX', count)] }), 'us-hipaa-hhs');
    expect(o).toMatchObject({
      status: 'required',
      due,
      authority: 'HHS Office for Civil Rights',
      template: 'regulator/hhs-ocr',
    });
    expect(o.reason).toMatch(why);
  });

  it('the annual log window follows the calendar year of discovery (leap year 2028)', () => {
    const o = byId(
      obligations({ ...phi, awareAt: '2027-06-01T00:00:00Z', affected: [us('US-TX', 3)] }),
      'us-hipaa-hhs',
    );
    expect(o.due).toBe('2028-03-01T04:59:59.999Z'); // 29 February 2028 ends at 05:00 UTC in New York
  });

  it.each([
    [500, 'not_required'],
    [501, 'required'],
  ])('media notice with %i residents of one state is %s', (count, status) => {
    const list = obligations({ ...phi, affected: [us('US-FL', count), us('US-GA', 400)] });
    expect(byId(list, 'us-hipaa-media-us-fl').status).toBe(status);
    expect(byId(list, 'us-hipaa-media-us-ga').status).toBe('not_required');
    expect(byId(list, 'us-hipaa-media-us-fl').template).toBe('media/hipaa');
  });

  it('individuals within 60 days of discovery', () => {
    expect(byId(obligations({ ...phi, affected: [us('US-FL', 3)] }), 'us-hipaa-individuals')).toMatchObject({
      status: 'required',
      due: '2027-01-20T04:59:59.999Z',
      deadline: { kind: 'days', value: 60, trigger: 'awareness' },
    });
  });

  it('secured (encrypted, key safe) PHI is not a reportable breach', () => {
    const list = obligations({ ...phi, encrypted: true, affected: [us('US-FL', 900)] });
    for (const id of ['us-hipaa-individuals', 'us-hipaa-hhs', 'us-hipaa-media-us-fl']) {
      expect(byId(list, id).status).toBe('not_required');
    }
  });

  it('asks whether the data is PHI when no health category is listed', () => {
    const o = byId(
      obligations({ entity: { hipaaCoveredEntity: true }, affected: [us('US-FL', 3)] }),
      'us-hipaa-hhs',
    );
    expect(o.status).toBe('needs_more_info');
  });

  it('does not apply to non-covered entities', () => {
    expect(
      ids(obligations({ dataCategories: ['name', 'health'], affected: [us('US-FL', 900)] })),
    ).not.toContain('us-hipaa-hhs');
  });
});

describe('SEC Form 8-K Item 1.05', () => {
  const sec = { entity: { secRegistrant: true }, affected: [us('US-NY', 1)] };

  it('is due 4 business days after the materiality determination, skipping Thanksgiving', () => {
    const o = byId(
      obligations({ ...sec, materialIncident: true, determinedAt: '2026-11-25T15:00:00Z' }),
      'us-sec-8k-item-1-05',
    );
    expect(o).toMatchObject({
      status: 'required',
      due: '2026-12-03T04:59:59.999Z',
      deadline: { kind: 'business_days', value: 4, trigger: 'determination' },
      template: 'regulator/sec-8k',
    });
  });

  it('needs determinedAt when material', () => {
    const o = byId(obligations({ ...sec, materialIncident: true }), 'us-sec-8k-item-1-05');
    expect(o).toMatchObject({ status: 'needs_more_info', due: null, missing: ['determinedAt'] });
  });

  it('needs the materiality determination', () => {
    const o = byId(obligations({ ...sec, determinedAt: '2026-11-25T15:00:00Z' }), 'us-sec-8k-item-1-05');
    expect(o).toMatchObject({ status: 'needs_more_info', due: null, missing: ['materialIncident'] });
  });

  it('is not required for an immaterial incident', () => {
    expect(byId(obligations({ ...sec, materialIncident: false }), 'us-sec-8k-item-1-05').status).toBe(
      'not_required',
    );
  });
});

describe('NYDFS 500.17', () => {
  it('72 hours from determination', () => {
    const o = byId(
      obligations({ entity: { nydfsCovered: true }, determinedAt: '2026-11-21T09:00:00Z' }),
      'us-nydfs-500-17',
    );
    expect(o).toMatchObject({
      status: 'required',
      jurisdiction: 'US-NY',
      due: '2026-11-24T09:00:00.000Z',
      deadline: { kind: 'hours', value: 72, trigger: 'determination' },
    });
  });
});

describe('FTC Safeguards Rule', () => {
  const glba = { entity: { glbaFinancialInstitution: true } };
  it.each([
    [499, false, 'not_required'],
    [500, false, 'required'],
    [500, true, 'not_required'],
  ])('%i consumers, encrypted=%p → %s', (count, encrypted, status) => {
    const o = byId(
      obligations({ ...glba, encrypted, affected: [us('US-OH', count)] }),
      'us-ftc-glba-safeguards',
    );
    expect(o.status).toBe(status);
    if (status === 'required') expect(o.due).toBe('2026-12-21T04:59:59.999Z'); // 30 days, New York
  });
});

describe('PCI card brands', () => {
  const cards = { entity: { paymentCards: true }, dataCategories: ['name', 'payment_card'] as never };
  it('24 hours after awareness when card data is exposed', () => {
    expect(byId(obligations(cards), 'us-pci-card-brands')).toMatchObject({
      status: 'required',
      recipient: 'card_brands',
      due: plusHours(AWARE, 24),
      template: 'card-brands/pci',
    });
  });
  it('not required without card data; asks the acquirer when encrypted', () => {
    expect(byId(obligations({ entity: { paymentCards: true } }), 'us-pci-card-brands').status).toBe(
      'not_required',
    );
    expect(byId(obligations({ ...cards, encrypted: true }), 'us-pci-card-brands').status).toBe(
      'needs_more_info',
    );
  });
});
