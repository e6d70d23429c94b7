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
}

/** A ward of a department with its beds and who occupies them (the free-bed map). */
export interface WardBeds {
  id: string;
  code: string;
  name: string;
  departmentId: string;
  beds: { id: string; code: string; occupiedByPatientId: string | null }[];
}
