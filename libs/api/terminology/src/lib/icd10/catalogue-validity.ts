/** The parts of a catalogue version that decide when it applies. */
export interface DatedCatalogue {
  validFrom: string;
  validTo: string | null;
}

/** The calendar day (YYYY-MM-DD) of an instant in Vietnam (UTC+7, no daylight saving). */
export function vietnamDay(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * The catalogue version for a day (R15: the version in force at the encounter's end). When no loaded
 * version covers the day (a gap before the next list is loaded, or a record older than every list),
 * the nearest one: the latest that started before the day, else the earliest.
 */
export function catalogueForDay<T extends DatedCatalogue>(catalogues: readonly T[], day: string): { catalogue: T; inForce: boolean } | null {
  const started = catalogues.filter((c) => c.validFrom <= day).sort((a, b) => b.validFrom.localeCompare(a.validFrom));
  const inForce = started.find((c) => c.validTo === null || day <= c.validTo);
  if (inForce) return { catalogue: inForce, inForce: true };
  const nearest = started[0] ?? [...catalogues].sort((a, b) => a.validFrom.localeCompare(b.validFrom))[0];
  return nearest ? { catalogue: nearest, inForce: false } : null;
}
