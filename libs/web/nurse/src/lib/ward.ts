import type { CensusEntry } from '@benhan/shared/contracts';

/** Ward, then bed, then name: the order a ward round walks; patients without a bed last. */
export function byBed(a: CensusEntry, b: CensusEntry): number {
  const placed = (e: CensusEntry) => (e.bedCode ? 0 : 1);
  const bed = (e: CensusEntry) => `${e.wardCode ?? ''} ${e.bedCode ?? ''}`;
  return (
    placed(a) - placed(b) ||
    bed(a).localeCompare(bed(b), 'vi', { numeric: true }) ||
    a.patientName.localeCompare(b.patientName, 'vi')
  );
}

/** The bed code, after the ward's unless the bed code already starts with it (`P1-G01`). */
export function bedOf(entry: Pick<CensusEntry, 'wardCode' | 'bedCode'>): string {
  const { wardCode, bedCode } = entry;
  if (!bedCode) return wardCode ?? '';
  return wardCode && !bedCode.startsWith(wardCode) ? `${wardCode} · ${bedCode}` : bedCode;
}

/** Age in years as the ward writes it: this year minus the year of birth. */
export function ageOf(birthYear: number, now: Date = new Date()): number {
  return now.getFullYear() - birthYear;
}
