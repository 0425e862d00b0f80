import { AWARE, byId, ids, obligations, plusHours } from './helpers';

const DETERMINED = '2026-11-21T08:00:00.000Z';
const at = (country: string, count: number, region?: string) => ({
  country,
  count,
  ...(region ? { region } : {}),
});

describe('GDPR (EU/EEA) and UK GDPR', () => {
  it.each([
    ['eu-gdpr', 'FR', 'regulator/gdpr-art33'],
    ['eu-gdpr', 'NO', 'regulator/gdpr-art33'],
    ['gb-ukgdpr', 'GB', 'regulator/ico-art33'],
  ])('%s (%s): Art. 33 within 72 hours of awareness', (prefix, country, template) => {
    const o = byId(obligations({ affected: [at(country, 3)] }), `${prefix}-art33`);
    expect(o).toMatchObject({
      status: 'required',
      due: plusHours(AWARE, 72),
      deadline: { kind: 'hours', value: 72, trigger: 'awareness' },
      template,
    });
  });

  it.each([
    ['none', 'not_required', 'not_required'],
    ['low', 'required', 'not_required'],
    ['high', 'required', 'required'],
    ['unknown', 'needs_more_info', 'needs_more_info'],
    [undefined, 'needs_more_info', 'needs_more_info'],
  ])('risk %p → Art. 33 %s, Art. 34 %s', (riskOfHarm, art33, art34) => {
    const list = obligations({ affected: [at('DE', 3), at('IT', 4)], riskOfHarm: riskOfHarm as never });
    expect(byId(list, 'eu-gdpr-art33')).toMatchObject({ status: art33, affectedCount: 7 });
    expect(byId(list, 'eu-gdpr-art34').status).toBe(art34);
    if (art33 === 'needs_more_info') {
      expect(byId(list, 'eu-gdpr-art33').missing).toEqual(['riskOfHarm']);
      expect(byId(list, 'eu-gdpr-art33').due).toBe(plusHours(AWARE, 72));
    }
  });

  it('Art. 34(3)(a): encryption with a safe key removes the individual notice but not Art. 33', () => {
    const list = obligations({ affected: [at('GB', 3)], encrypted: true });
    expect(byId(list, 'gb-ukgdpr-art34').status).toBe('not_required');
    expect(byId(list, 'gb-ukgdpr-art34').reason).toMatch(/Art\. 34\(3\)\(a\)/);
    expect(byId(list, 'gb-ukgdpr-art33').status).toBe('required');
    expect(
      byId(obligations({ affected: [at('GB', 3)], encrypted: true, keyCompromised: true }), 'gb-ukgdpr-art34')
        .status,
    ).toBe('required');
  });

  it('is not triggered by non-EU countries', () => {
    const list = obligations({ affected: [at('CH', 10)] });
    expect(list.filter((o) => o.jurisdiction === 'EU' || o.jurisdiction === 'GB')).toEqual([]);
    expect(ids(list)).toEqual(['ch-fadp-individuals', 'ch-fadp-regulator']);
  });
});

describe('NIS2', () => {
  it('24h early warning, 72h notification, final report a month later', () => {
    const list = obligations({ entity: { nis2Entity: true }, materialIncident: true });
    expect(byId(list, 'eu-nis2-early-warning').due).toBe(plusHours(AWARE, 24));
    expect(byId(list, 'eu-nis2-notification').due).toBe(plusHours(AWARE, 72));
    // notification due 23 November 10:00 UTC; one calendar month later, end of 23 December in Brussels (CET)
    expect(byId(list, 'eu-nis2-final-report').due).toBe('2026-12-23T22:59:59.999Z');
  });
  it('significance unknown → needs_more_info; not significant → not_required; not an entity → absent', () => {
    expect(byId(obligations({ entity: { nis2Entity: true } }), 'eu-nis2-early-warning')).toMatchObject({
      status: 'needs_more_info',
      missing: ['materialIncident'],
    });
    expect(
      byId(obligations({ entity: { nis2Entity: true }, materialIncident: false }), 'eu-nis2-notification')
        .status,
    ).toBe('not_required');
    expect(ids(obligations({ materialIncident: true }))).not.toContain('eu-nis2-early-warning');
  });
});

describe('DORA', () => {
  it('initial: 4 hours after classification when that is earlier than 24 hours after awareness', () => {
    const list = obligations({
      entity: { doraEntity: true },
      materialIncident: true,
      determinedAt: '2026-11-20T12:00:00Z',
    });
    expect(byId(list, 'eu-dora-initial')).toMatchObject({
      status: 'required',
      due: '2026-11-20T16:00:00.000Z',
      deadline: { kind: 'hours', value: 4, trigger: 'determination' },
    });
    expect(byId(list, 'eu-dora-intermediate').due).toBe('2026-11-23T16:00:00.000Z');
    expect(byId(list, 'eu-dora-final').due).toBe('2026-12-23T22:59:59.999Z'); // 23 November + 1 month, end of day in Brussels
  });
  it('initial: capped at 24 hours after awareness', () => {
    const list = obligations({
      entity: { doraEntity: true },
      materialIncident: true,
      determinedAt: '2026-11-21T09:00:00Z',
    });
    expect(byId(list, 'eu-dora-initial')).toMatchObject({
      due: plusHours(AWARE, 24),
      deadline: { kind: 'hours', value: 24, trigger: 'awareness' },
    });
  });
  it('without a classification time it shows the 24-hour limit and asks for determinedAt', () => {
    const o = byId(obligations({ entity: { doraEntity: true }, materialIncident: true }), 'eu-dora-initial');
    expect(o).toMatchObject({ status: 'required', due: plusHours(AWARE, 24), missing: ['determinedAt'] });
  });
});

describe('Canada', () => {
  it.each([
    ['high', 'required'],
    ['low', 'not_required'],
    ['unknown', 'needs_more_info'],
  ])('PIPEDA with risk %s → %s', (riskOfHarm, status) => {
    const list = obligations({
      affected: [at('CA', 5, 'CA-ON')],
      riskOfHarm: riskOfHarm as never,
      determinedAt: DETERMINED,
    });
    expect(byId(list, 'ca-pipeda-opc')).toMatchObject({
      status,
      recipient: 'regulator',
      deadline: { kind: 'without_unreasonable_delay', trigger: 'determination' },
    });
    expect(byId(list, 'ca-pipeda-individuals').status).toBe(status);
    expect(ids(list)).not.toContain('ca-qc-cai');
  });
  it('adds Quebec and Alberta duties for their residents', () => {
    const list = obligations({ affected: [at('CA', 5, 'CA-QC'), at('CA', 2, 'CA-AB')] });
    expect(byId(list, 'ca-qc-cai')).toMatchObject({
      status: 'required',
      jurisdiction: 'CA-QC',
      affectedCount: 5,
    });
    expect(byId(list, 'ca-ab-oipc')).toMatchObject({ status: 'required', affectedCount: 2 });
    expect(byId(list, 'ca-pipeda-opc').affectedCount).toBe(7);
  });
});

describe('Brazil LGPD', () => {
  it('3 Brazilian business days after awareness (Fri 2026-11-20 is a holiday)', () => {
    const list = obligations({ affected: [at('BR', 5)], awareAt: '2026-11-19T10:00:00Z' });
    expect(byId(list, 'br-lgpd-anpd')).toMatchObject({
      status: 'required',
      due: '2026-11-26T02:59:59.999Z', // end of Wednesday 25 November in São Paulo
      deadline: { kind: 'business_days', value: 3 },
    });
    expect(byId(list, 'br-lgpd-individuals').due).toBe('2026-11-26T02:59:59.999Z');
  });
  it('no relevant risk → not required', () => {
    expect(byId(obligations({ affected: [at('BR', 5)], riskOfHarm: 'low' }), 'br-lgpd-anpd').status).toBe(
      'not_required',
    );
  });
});

describe('Australia NDB', () => {
  it('eligible breach: OAIC and individuals as soon as practicable', () => {
    const o = byId(obligations({ affected: [at('AU', 5)], determinedAt: DETERMINED }), 'au-ndb-oaic');
    expect(o).toMatchObject({ status: 'required', due: null, internalTarget: plusHours(DETERMINED, 72) });
  });
  it('unassessed: 30-day assessment deadline', () => {
    const o = byId(obligations({ affected: [at('AU', 5)], riskOfHarm: 'unknown' }), 'au-ndb-oaic');
    expect(o).toMatchObject({
      status: 'needs_more_info',
      due: '2026-12-20T12:59:59.999Z', // 20 November + 30 days, end of day in Sydney (AEDT)
      deadline: { kind: 'days', value: 30, trigger: 'awareness' },
    });
  });
});

describe('Singapore PDPA', () => {
  it.each([
    [499, 'low', 'not_required', 'not_required'],
    [500, 'low', 'required', 'not_required'],
    [10, 'high', 'required', 'required'],
    [10, 'unknown', 'needs_more_info', 'needs_more_info'],
  ])('%i people, risk %s → PDPC %s, individuals %s', (count, riskOfHarm, pdpc, individuals) => {
    const list = obligations({
      affected: [at('SG', count)],
      riskOfHarm: riskOfHarm as never,
      determinedAt: DETERMINED,
    });
    expect(byId(list, 'sg-pdpa-pdpc').status).toBe(pdpc);
    expect(byId(list, 'sg-pdpa-individuals').status).toBe(individuals);
    if (pdpc === 'required') expect(byId(list, 'sg-pdpa-pdpc').due).toBe('2026-11-24T15:59:59.999Z'); // 3 days, Singapore
  });
  it('technological protection exempts individual notice', () => {
    expect(
      byId(obligations({ affected: [at('SG', 10)], encrypted: true }), 'sg-pdpa-individuals').status,
    ).toBe('not_required');
  });
});

describe('India', () => {
  it('before the DPDP breach rules commence: clocks shown, commencement asked', () => {
    const list = obligations({ affected: [at('IN', 1)] });
    expect(byId(list, 'in-dpdp-board-report')).toMatchObject({
      status: 'needs_more_info',
      due: plusHours(AWARE, 72),
    });
    expect(byId(list, 'in-certin')).toMatchObject({ status: 'needs_more_info', due: plusHours(AWARE, 6) });
  });
  it('after commencement: Board and every Data Principal, any size', () => {
    const list = obligations({ affected: [at('IN', 1)], awareAt: '2027-06-01T00:00:00Z', riskOfHarm: 'low' });
    expect(byId(list, 'in-dpdp-board-report')).toMatchObject({
      status: 'required',
      due: '2027-06-04T00:00:00.000Z',
    });
    expect(byId(list, 'in-dpdp-individuals').status).toBe('required');
    expect(byId(list, 'in-dpdp-board-intimation').status).toBe('required');
  });
});

describe('Japan APPI', () => {
  it.each([
    [1000, ['name', 'email'], undefined, 'needs_more_info'],
    [1001, ['name', 'email'], undefined, 'required'],
    [5, ['name', 'health'], false, 'required'],
    [5, ['name', 'email'], false, 'not_required'],
    [5, ['name', 'email'], true, 'required'],
  ])('%i people, %j, cyberAttack=%p → %s', (count, dataCategories, cyberAttack, status) => {
    const list = obligations({
      affected: [at('JP', count)],
      dataCategories: dataCategories as never,
      cyberAttack,
    });
    expect(byId(list, 'jp-appi-ppc-preliminary').status).toBe(status);
    expect(byId(list, 'jp-appi-individuals').status).toBe(status);
  });
  it('final report 30 days, or 60 days for unauthorised-purpose acts', () => {
    expect(byId(obligations({ affected: [at('JP', 2000)] }), 'jp-appi-ppc-final').due).toBe(
      '2026-12-20T14:59:59.999Z', // 30 days, end of day in Tokyo
    );
    expect(byId(obligations({ affected: [at('JP', 2)], cyberAttack: true }), 'jp-appi-ppc-final').due).toBe(
      '2027-01-19T14:59:59.999Z', // 60 days, end of day in Tokyo
    );
  });
});

describe('South Korea PIPA', () => {
  it.each([
    [999, ['name', 'email'], false, 'not_required'],
    [1000, ['name', 'email'], false, 'required'],
    [3, ['name', 'national_id'], false, 'required'],
    [3, ['name', 'email'], undefined, 'needs_more_info'],
    [3, ['name', 'email'], true, 'required'],
  ])('%i people, %j, hacking=%p → PIPC %s', (count, dataCategories, cyberAttack, status) => {
    const list = obligations({
      affected: [at('KR', count)],
      dataCategories: dataCategories as never,
      cyberAttack,
    });
    expect(byId(list, 'kr-pipa-pipc').status).toBe(status);
    expect(byId(list, 'kr-pipa-individuals')).toMatchObject({
      status: 'required',
      due: plusHours(AWARE, 72),
    });
  });
});
