/**
 * The nurses' care chart. Vital signs are time-stamped observations (one row per measurement, LOINC-coded so
 * FHIR can expose them as Observations); medication administration records answer the orders written on
 * the treatment sheet. Nursing care notes (care level I/II/III, assessment, problem, interventions,
 * evaluation) are documents on the nursing care sheet form, versioned and signed like every other form.
 * Rows here are never updated or deleted: a wrong entry is marked entered-in-error by a new row.
 */

export const VITAL_SIGN_KINDS = ['pulse', 'temperature', 'systolic_bp', 'diastolic_bp', 'respiratory_rate', 'spo2', 'weight', 'height'] as const;
export type VitalSignKind = (typeof VITAL_SIGN_KINDS)[number];

/** How a value compares with the adult reference range; impossible values are rejected, not flagged. */
export type VitalSignFlag = 'normal' | 'low' | 'high';

export interface VitalSignDefinition {
  kind: VitalSignKind;
  loinc: string;
  loincDisplay: string;
  /** UCUM unit. */
  unit: string;
  /** Values outside are physiologically impossible (typing errors): 400. */
  plausible: { min: number; max: number };
  /** Values outside are flagged abnormal. */
  normal: { min: number; max: number };
  label: { vi: string; en: string };
}

export interface VitalSignObservation {
  id: string;
  encounterId: string;
  kind: VitalSignKind;
  value: number;
  unit: string;
  loinc: string;
  flag: VitalSignFlag;
  /** When it was measured (clinical time). */
  takenAt: string;
  /** When it was entered (server time). */
  recordedAt: string;
  recordedById: string;
  recordedByName: string;
  /** Set when a later row marked this one entered-in-error. */
  enteredInError: { at: string; byName: string; reason: string } | null;
}

export type VitalSignValues = Partial<Record<VitalSignKind, number>>;

/** `POST /api/encounters/{id}/vital-signs`: one set of readings taken together. */
export interface RecordVitalSignsRequest {
  takenAt: string;
  values: VitalSignValues;
}

/** `POST /api/vital-signs/rounds`: a ward round, several patients' readings saved together (all or nothing). */
export interface RecordVitalSignsRoundRequest {
  entries: { encounterId: string; takenAt: string; values: VitalSignValues }[];
}

/** `POST /api/vital-signs/{id}/entered-in-error`. */
export interface MarkEnteredInErrorRequest {
  reason: string;
}

/** `GET /api/encounters/{id}/vital-signs?from&to`: observations of the range, oldest first. */
export interface VitalSignsFlowsheet {
  encounterId: string;
  from: string;
  to: string;
  observations: VitalSignObservation[];
}

export type AdministrationStatus = 'given' | 'held' | 'refused' | 'missed';
export type AdministrationRoute = 'oral' | 'iv' | 'im' | 'sc' | 'topical' | 'inhaled' | 'rectal' | 'sublingual' | 'other';

/** One dose given (or not) against an order on a treatment sheet. */
export interface MedicationAdministration {
  id: string;
  encounterId: string;
  /** The treatment sheet document and the order line inside its content (`orders[].id`). */
  treatmentSheetDocumentId: string | null;
  orderId: string | null;
  drug: string;
  dose: string;
  route: AdministrationRoute;
  scheduledAt: string | null;
  administeredAt: string | null;
  status: AdministrationStatus;
  /** Why it was held, refused or missed. */
  reason: string | null;
  recordedAt: string;
  recordedById: string;
  recordedByName: string;
  enteredInError: { at: string; byName: string; reason: string } | null;
}

/** `POST /api/encounters/{id}/medication-administrations`. */
export interface RecordAdministrationRequest {
  treatmentSheetDocumentId?: string | null;
  orderId?: string | null;
  drug: string;
  dose: string;
  route: AdministrationRoute;
  scheduledAt?: string | null;
  administeredAt?: string | null;
  status: AdministrationStatus;
  reason?: string | null;
}

/** An order line from the encounter's treatment sheets that the nurse can give, with what was given so far. */
export interface MedicationOrderLine {
  treatmentSheetDocumentId: string;
  versionNumber: number;
  orderId: string;
  date: string;
  drug: string;
  dose: string;
  route: AdministrationRoute;
  frequency: string | null;
  administrations: MedicationAdministration[];
}
