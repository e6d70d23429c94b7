import { formatDate, formatNumber, registerLocaleData } from '@angular/common';
import localeVi from '@angular/common/locales/vi';
import { BH_DATE_FORMAT, BH_DATE_TIME_FORMAT, BH_DAY_MONTH_FORMAT, BH_TIME_FORMAT } from '../i18n/date-formats';

/**
 * The one place that writes dates, times and numbers for the screen, the way Vietnamese hospital paperwork
 * does whatever the UI language: `05/01/2026`, `20:30` (24-hour clock), `37,5` and `1.234,5` (decimal comma,
 * dot between thousands). Angular's `vi` locale supplies the separators.
 */
export const BH_LOCALE = 'vi';
registerLocaleData(localeVi);

export type BhDateStyle = 'date' | 'dateTime' | 'time' | 'dayMonth';

const DATE_STYLES: Record<BhDateStyle, string> = {
  date: BH_DATE_FORMAT,
  dateTime: BH_DATE_TIME_FORMAT,
  time: BH_TIME_FORMAT,
  dayMonth: BH_DAY_MONTH_FORMAT,
};

/** A timestamp or `Date` in the browser's time zone; '' for nothing or something unreadable. */
export function formatVnDate(value: string | number | Date | null | undefined, style: BhDateStyle = 'date'): string {
  if (value === null || value === undefined || value === '') return '';
  try {
    return formatDate(value, DATE_STYLES[style], BH_LOCALE);
  } catch {
    return '';
  }
}

/**
 * A measured value with a decimal comma (`37,5`), at most `maxFractionDigits` decimals (3 by default, so a lab
 * value keeps its precision); '' for nothing.
 */
export function formatVnNumber(value: number | null | undefined, maxFractionDigits = 3): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  return formatNumber(value, BH_LOCALE, `1.0-${maxFractionDigits}`);
}
