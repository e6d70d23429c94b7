import { toLocalIsoDate } from '@benhan/web/ui';

/** `Date` → the `YYYY-MM-DDTHH:mm` local value of an `<input type="datetime-local">`. */
export function toLocalDateTimeInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${toLocalIsoDate(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The value of an `<input type="datetime-local">` → an ISO instant; null when empty or malformed. */
export function fromLocalDateTimeInput(value: string | null | undefined): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value ?? '');
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number);
  const date = new Date(y, mo - 1, d, h, mi);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
