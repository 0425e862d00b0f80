import {
  addBusinessDays,
  addDays,
  addHours,
  brazilNationalHolidays,
  easterSunday,
  isBusinessDay,
  usFederalHolidays,
} from '../../../src/domain/regulations/calendar';

describe('usFederalHolidays', () => {
  it.each([
    [
      2026, // July 4 on a Saturday is observed Friday July 3
      [
        '2026-01-01',
        '2026-01-19',
        '2026-02-16',
        '2026-05-25',
        '2026-06-19',
        '2026-07-03',
        '2026-09-07',
        '2026-10-12',
        '2026-11-11',
        '2026-11-26',
        '2026-12-25',
      ],
    ],
    [
      2023, // New Year on a Sunday is observed Monday January 2; Veterans Day Saturday -> Friday
      [
        '2023-01-02',
        '2023-01-16',
        '2023-02-20',
        '2023-05-29',
        '2023-06-19',
        '2023-07-04',
        '2023-09-04',
        '2023-10-09',
        '2023-11-10',
        '2023-11-23',
        '2023-12-25',
      ],
    ],
    [
      2021, // Juneteenth Sat -> Fri, July 4 Sun -> Mon, Christmas Sat -> Fri, New Year 2022 (Sat) -> Dec 31 2021
      [
        '2021-01-01',
        '2021-01-18',
        '2021-02-15',
        '2021-05-31',
        '2021-06-18',
        '2021-07-05',
        '2021-09-06',
        '2021-10-11',
        '2021-11-11',
        '2021-11-25',
        '2021-12-24',
        '2021-12-31',
      ],
    ],
    [
      2020, // before Juneteenth became a federal holiday
      [
        '2020-01-01',
        '2020-01-20',
        '2020-02-17',
        '2020-05-25',
        '2020-07-03',
        '2020-09-07',
        '2020-10-12',
        '2020-11-11',
        '2020-11-26',
        '2020-12-25',
      ],
    ],
  ])('lists the observed holidays of %i', (year, expected) => {
    expect(usFederalHolidays(year)).toEqual(expected);
  });

  it('does not give 2022 a January New Year holiday when it was observed in 2021', () => {
    expect(usFederalHolidays(2022).filter((d) => d.startsWith('2022-01'))).toEqual(['2022-01-17']);
  });

  it('works for far years (2100: Christmas Sat -> Dec 24; New Year 2101 Sat -> Dec 31 2100)', () => {
    const days = usFederalHolidays(2100);
    expect(days).toContain('2100-01-01');
    expect(days).toContain('2100-11-25');
    expect(days).toEqual(expect.arrayContaining(['2100-12-24', '2100-12-31']));
    expect(days).toHaveLength(12);
  });
});

describe('addBusinessDays (US)', () => {
  it.each([
    ['SEC 8-K over Thanksgiving', '2026-11-25T15:00:00.000Z', 4, '2026-12-02T15:00:00.000Z'],
    ['plain weekdays', '2026-11-02T09:30:00.000Z', 4, '2026-11-06T09:30:00.000Z'],
    ['across a weekend', '2026-11-13T12:00:00.000Z', 1, '2026-11-16T12:00:00.000Z'],
    ['start on Saturday counts Monday as day one', '2026-11-28T08:00:00.000Z', 1, '2026-11-30T08:00:00.000Z'],
    ['July 4 on Saturday observed Friday July 3', '2026-07-02T10:00:00.000Z', 1, '2026-07-06T10:00:00.000Z'],
    [
      'New Year on Sunday observed Monday Jan 2 2023',
      '2022-12-30T10:00:00.000Z',
      1,
      '2023-01-03T10:00:00.000Z',
    ],
    [
      'New Year 2022 (Sat) observed Friday Dec 31 2021',
      '2021-12-30T10:00:00.000Z',
      1,
      '2022-01-03T10:00:00.000Z',
    ],
    ['Veterans Day (Wed) is skipped', '2026-11-10T10:00:00.000Z', 4, '2026-11-17T10:00:00.000Z'],
    ['year boundary with Christmas and New Year', '2026-12-23T10:00:00.000Z', 4, '2026-12-30T10:00:00.000Z'],
    ['zero days is the start itself', '2026-11-26T10:00:00.000Z', 0, '2026-11-26T10:00:00.000Z'],
  ])('%s', (_label, start, n, expected) => {
    expect(addBusinessDays(new Date(start), n).toISOString()).toBe(expected);
  });

  it('rejects negative or fractional counts', () => {
    expect(() => addBusinessDays(new Date('2026-01-05T00:00:00Z'), -1)).toThrow(RangeError);
    expect(() => addBusinessDays(new Date('2026-01-05T00:00:00Z'), 1.5)).toThrow(RangeError);
  });

  it('knows business days', () => {
    expect(isBusinessDay(new Date('2026-11-26T12:00:00Z'))).toBe(false); // Thanksgiving
    expect(isBusinessDay(new Date('2026-11-27T12:00:00Z'))).toBe(true);
    expect(isBusinessDay(new Date('2026-11-28T12:00:00Z'))).toBe(false); // Saturday
  });
});

describe('Brazilian calendar', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
  ])('Easter %i is %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('includes Good Friday and Black Consciousness Day (from 2024)', () => {
    expect(brazilNationalHolidays(2026)).toEqual(
      expect.arrayContaining(['2026-04-03', '2026-04-21', '2026-11-20']),
    );
    expect(brazilNationalHolidays(2023)).not.toContain('2023-11-20');
  });

  it('skips Good Friday and Nov 20 when adding business days', () => {
    expect(addBusinessDays(new Date('2026-04-02T10:00:00Z'), 1, 'BR').toISOString()).toBe(
      '2026-04-06T10:00:00.000Z',
    );
    expect(addBusinessDays(new Date('2026-11-19T10:00:00Z'), 3, 'BR').toISOString()).toBe(
      '2026-11-25T10:00:00.000Z',
    );
    // July 3 2026 is a US holiday but not a Brazilian one
    expect(addBusinessDays(new Date('2026-07-02T10:00:00Z'), 1, 'BR').toISOString()).toBe(
      '2026-07-03T10:00:00.000Z',
    );
  });
});

describe('addHours / addDays', () => {
  it('are plain UTC arithmetic', () => {
    expect(addHours(new Date('2026-03-08T01:00:00Z'), 72).toISOString()).toBe('2026-03-11T01:00:00.000Z');
    expect(addDays(new Date('2026-02-27T10:00:00Z'), 2).toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(addDays(new Date('2028-02-27T10:00:00Z'), 2).toISOString()).toBe('2028-02-29T10:00:00.000Z');
  });
});
