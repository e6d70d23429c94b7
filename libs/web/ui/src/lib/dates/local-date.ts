/**
 * Calendar dates travel as `YYYY-MM-DD` (the contracts' birth and card dates) while PrimeNG's date picker works
 * with `Date` objects at local midnight. These convert between the two without passing through UTC, so a
 * date never shifts by a day in UTC+7.
 */
export function toLocalIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `YYYY-MM-DD` → local midnight of that day; null for anything else. */
export function fromLocalIsoDate(value: string | null | undefined): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `YYYY-MM-DD` → `dd/MM/yyyy`, the way Vietnamese paperwork writes it (timestamps go through DatePipe instead). */
export function formatLocalIsoDate(value: string | null | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  return match ? `${match[3]}/${match[2]}/${match[1]}` : '';
}
