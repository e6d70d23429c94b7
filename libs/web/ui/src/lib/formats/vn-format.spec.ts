import { DatePipe } from '@angular/common';
import { BH_DATE_TIME_FORMAT } from '../i18n/date-formats';
import { BH_LOCALE, formatVnDate, formatVnNumber } from './vn-format';
import { BhDatePipe, BhNumberPipe } from './vn-format.pipes';

// A local date-time, so the test holds in any time zone the suite runs in.
const EVENING = new Date(2026, 0, 5, 20, 30, 15);

describe('Vietnamese formats', () => {
  it('writes dates day first (dd/MM/yyyy)', () => {
    expect(formatVnDate(EVENING)).toBe('05/01/2026');
    expect(formatVnDate(EVENING, 'dayMonth')).toBe('05/01');
  });

  it('writes times on the 24-hour clock, never AM/PM', () => {
    expect(formatVnDate(EVENING, 'time')).toBe('20:30');
    expect(formatVnDate(EVENING, 'dateTime')).toBe('05/01/2026 20:30');
  });

  it('reads the API timestamps (ISO 8601)', () => {
    expect(formatVnDate(EVENING.toISOString(), 'dateTime')).toBe('05/01/2026 20:30');
  });

  it('shows nothing for a missing or unreadable date instead of failing the page', () => {
    expect(formatVnDate(null)).toBe('');
    expect(formatVnDate(undefined, 'time')).toBe('');
    expect(formatVnDate('not a date')).toBe('');
  });

  it('writes numbers with a decimal comma and dots between thousands', () => {
    expect(formatVnNumber(37.5)).toBe('37,5');
    expect(formatVnNumber(1234.5)).toBe('1.234,5');
    expect(formatVnNumber(5.125)).toBe('5,125');
    expect(formatVnNumber(120)).toBe('120');
    expect(formatVnNumber(2 / 3, 1)).toBe('0,7');
    expect(formatVnNumber(null)).toBe('');
  });

  it('agrees with the DatePipe default the app configures (provideBenhanI18n)', () => {
    expect(new DatePipe(BH_LOCALE).transform(EVENING, BH_DATE_TIME_FORMAT)).toBe(formatVnDate(EVENING, 'dateTime'));
  });
});

describe(BhDatePipe.name, () => {
  const pipe = new BhDatePipe();

  it('formats a date by default and a date-time, a time or a day-month on request', () => {
    expect(pipe.transform(EVENING)).toBe('05/01/2026');
    expect(pipe.transform(EVENING, 'dateTime')).toBe('05/01/2026 20:30');
    expect(pipe.transform(EVENING, 'time')).toBe('20:30');
    expect(pipe.transform(EVENING, 'dayMonth')).toBe('05/01');
  });
});

describe(BhNumberPipe.name, () => {
  it('formats a measured value with a decimal comma', () => {
    expect(new BhNumberPipe().transform(36.8)).toBe('36,8');
  });
});
