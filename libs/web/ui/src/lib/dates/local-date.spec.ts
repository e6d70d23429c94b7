import { BirthDatePipe } from './birth-date.pipe';
import { formatLocalIsoDate, fromLocalIsoDate, toLocalIsoDate } from './local-date';

describe('local dates', () => {
  it('round-trips a calendar date without shifting it through UTC', () => {
    const date = fromLocalIsoDate('1990-05-01');
    expect(date?.getDate()).toBe(1);
    expect(date?.getMonth()).toBe(4);
    expect(date && toLocalIsoDate(date)).toBe('1990-05-01');
  });

  it('reads nothing but YYYY-MM-DD', () => {
    expect(fromLocalIsoDate('01/05/1990')).toBeNull();
    expect(fromLocalIsoDate(null)).toBeNull();
  });

  it('writes dates day first, as hospital paperwork does', () => {
    expect(formatLocalIsoDate('2026-01-05')).toBe('05/01/2026');
    expect(formatLocalIsoDate('2026-01-05T20:30:00.000Z')).toBe('');
    expect(formatLocalIsoDate(null)).toBe('');
  });
});

describe(BirthDatePipe.name, () => {
  const pipe = new BirthDatePipe();

  it('shows the full birth date as dd/MM/yyyy', () => {
    expect(pipe.transform({ birthDate: '1990-05-01', birthYear: 1990 })).toBe('01/05/1990');
  });

  it('shows only the year when the day is unknown', () => {
    expect(pipe.transform({ birthDate: null, birthYear: 1948 })).toBe('1948');
  });
});
