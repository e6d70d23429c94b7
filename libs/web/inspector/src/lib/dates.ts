import { toLocalIsoDate } from '@benhan/web/ui';

/** An ISO-8601 range the audit API takes: `from` inclusive, `to` exclusive. */
export interface InstantRange {
  from?: string;
  to?: string;
}

/**
 * The date pickers' local days as the API's instants: from the first day's local midnight up to (not including)
 * the midnight after the last day, so "to 12/05" includes everything on 12 May in Vietnam's time.
 */
export function instantRange(from: Date | null, to: Date | null): InstantRange {
  const range: InstantRange = {};
  if (from) range.from = new Date(from.getFullYear(), from.getMonth(), from.getDate()).toISOString();
  if (to) range.to = new Date(to.getFullYear(), to.getMonth(), to.getDate() + 1).toISOString();
  return range;
}

/** Whether a range ends before it starts. */
export function rangeInvalid(from: Date | null, to: Date | null): boolean {
  return !!from && !!to && from > to;
}

/** A file name's date part: today, local. */
export function today(): string {
  return toLocalIsoDate(new Date());
}
