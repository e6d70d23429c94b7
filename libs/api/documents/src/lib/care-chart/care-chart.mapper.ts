import type { MedicationAdministration, VitalSignObservation, VitalSignFlag, VitalSignKind, AdministrationRoute, AdministrationStatus } from '@benhan/shared/contracts';

/** Who wrote or marked a row, by user id → display name. */
export type Names = Map<string, string>;

export interface EnteredInErrorRow {
  errorAt: Date | null;
  errorBy: string | null;
  errorReason: string | null;
}

export interface ObservationRow extends EnteredInErrorRow {
  id: string;
  encounterId: string;
  kind: VitalSignKind;
  value: number;
  unit: string;
  loinc: string;
  flag: VitalSignFlag;
  takenAt: Date;
  recordedAt: Date;
  recordedBy: string;
}

export interface AdministrationRow extends EnteredInErrorRow {
  id: string;
  encounterId: string;
  treatmentSheetDocumentId: string | null;
  orderId: string | null;
  drug: string;
  dose: string;
  route: AdministrationRoute;
  scheduledAt: Date | null;
  administeredAt: Date | null;
  status: AdministrationStatus;
  reason: string | null;
  recordedAt: Date;
  recordedBy: string;
}

export function mapObservation(row: ObservationRow, names: Names): VitalSignObservation {
  return {
    id: row.id,
    encounterId: row.encounterId,
    kind: row.kind,
    value: Number(row.value),
    unit: row.unit,
    loinc: row.loinc,
    flag: row.flag,
    takenAt: row.takenAt.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
    recordedById: row.recordedBy,
    recordedByName: names.get(row.recordedBy) ?? '',
    enteredInError: enteredInError(row, names),
  };
}

export function mapAdministration(row: AdministrationRow, names: Names): MedicationAdministration {
  return {
    id: row.id,
    encounterId: row.encounterId,
    treatmentSheetDocumentId: row.treatmentSheetDocumentId,
    orderId: row.orderId,
    drug: row.drug,
    dose: row.dose,
    route: row.route,
    scheduledAt: row.scheduledAt?.toISOString() ?? null,
    administeredAt: row.administeredAt?.toISOString() ?? null,
    status: row.status,
    reason: row.reason,
    recordedAt: row.recordedAt.toISOString(),
    recordedById: row.recordedBy,
    recordedByName: names.get(row.recordedBy) ?? '',
    enteredInError: enteredInError(row, names),
  };
}

/** The user ids a page of rows names (writers and markers), for one display-name lookup. */
export function namedUsers(rows: (EnteredInErrorRow & { recordedBy: string })[]): string[] {
  return [...new Set(rows.flatMap((r) => (r.errorBy ? [r.recordedBy, r.errorBy] : [r.recordedBy])))];
}

function enteredInError(row: EnteredInErrorRow, names: Names): VitalSignObservation['enteredInError'] {
  if (!row.errorAt || !row.errorBy) return null;
  return { at: row.errorAt.toISOString(), byName: names.get(row.errorBy) ?? '', reason: row.errorReason ?? '' };
}
