import { catalogueForDay, vietnamDay } from './catalogue-validity';

const OLD = { version: 'QD4469-BHYT', validFrom: '2020-10-28', validTo: '2026-06-30' };
const NEW = { version: 'TT06-2026', validFrom: '2026-07-01', validTo: null };

describe(catalogueForDay.name, () => {
  it('picks the version in force on the day (R15: by encounter end date)', () => {
    expect(catalogueForDay([OLD, NEW], '2026-06-30')).toEqual({ catalogue: OLD, inForce: true });
    expect(catalogueForDay([OLD, NEW], '2026-07-01')).toEqual({ catalogue: NEW, inForce: true });
  });

  it('falls back to the latest earlier version when none is in force, else to the earliest', () => {
    expect(catalogueForDay([OLD], '2026-11-23')).toEqual({ catalogue: OLD, inForce: false });
    expect(catalogueForDay([NEW, OLD], '2019-01-01')).toEqual({ catalogue: OLD, inForce: false });
    expect(catalogueForDay([], '2026-01-01')).toBeNull();
  });
});

describe(vietnamDay.name, () => {
  it('takes the calendar day in Vietnam (UTC+7)', () => {
    expect(vietnamDay(new Date('2026-06-30T16:59:59Z'))).toBe('2026-06-30');
    expect(vietnamDay(new Date('2026-06-30T17:00:00Z'))).toBe('2026-07-01');
  });
});
