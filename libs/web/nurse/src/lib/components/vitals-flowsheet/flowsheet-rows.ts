import type { VitalSignKind, VitalSignObservation } from '@benhan/shared/contracts';

/** One row of the flowsheet: everything taken at one time, per kind (a voided value and its correction side by side). */
export interface FlowsheetRow {
  takenAt: string;
  recordedByName: string;
  cells: Partial<Record<VitalSignKind, VitalSignObservation[]>>;
}

/** Observations grouped by the time they were taken, newest first. */
export function flowsheetRows(observations: readonly VitalSignObservation[]): FlowsheetRow[] {
  const rows = new Map<string, FlowsheetRow>();
  for (const observation of observations) {
    const key = new Date(observation.takenAt).toISOString();
    let row = rows.get(key);
    if (!row) {
      row = { takenAt: observation.takenAt, recordedByName: observation.recordedByName, cells: {} };
      rows.set(key, row);
    }
    (row.cells[observation.kind] ??= []).push(observation);
  }
  return [...rows.values()].sort((a, b) => Date.parse(b.takenAt) - Date.parse(a.takenAt));
}
