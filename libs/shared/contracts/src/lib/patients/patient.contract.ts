export type Sex = 'male' | 'female' | 'other' | 'unknown';

/** A patient as a list shows it. The registry grows to the full Vietnamese field set with the patients issue. */
export interface PatientSummary {
  id: string;
  patientCode: string;
  fullName: string;
  birthDate: string | null;
  birthYear: number;
  sex: Sex;
  citizenId: string | null;
  /** The open encounter, if any: where the patient is now. */
  currentEncounter: { id: string; departmentId: string; departmentName: string; bedCode: string | null } | null;
}
