/**
 * The date-time fields of the nurse workspace (`bh-date-time-field`) hold a `Date`: these turn "now" into what such a
 * field starts at and what it holds into the instant sent to the API.
 */

/** `date` cut to the minute: the field shows no seconds, so it holds none. */
export function toTheMinute(date: Date): Date {
  const minute = new Date(date);
  minute.setSeconds(0, 0);
  return minute;
}

/** The value of a date-time field → an ISO instant; null when empty or not a valid date. */
export function instantOf(value: Date | null | undefined): string | null {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : null;
}
