/**
 * Vietnamese hospital paperwork writes dates day first with a 24-hour clock, whatever the UI language,
 * so the formats are fixed rather than taken from the locale. Use them through `bhDate` (formats/) or
 * DatePipe's default (provideBenhanI18n), not as literals in templates.
 */
export const BH_DATE_FORMAT = 'dd/MM/yyyy';
export const BH_TIME_FORMAT = 'HH:mm';
export const BH_DATE_TIME_FORMAT = `${BH_DATE_FORMAT} ${BH_TIME_FORMAT}`;
/** Day and month only, for the columns of a chart that spans a few days. */
export const BH_DAY_MONTH_FORMAT = 'dd/MM';
