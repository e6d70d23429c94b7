export type EncounterType = 'inpatient' | 'outpatient';
export type EncounterStatus = 'in_progress' | 'finished';

/** Outpatient visit steps: registration → examination → conclusion. */
export type OutpatientStage = 'registered' | 'examining' | 'concluded';
export type OutpatientConclusion = 'home_treatment' | 'admitted' | 'referred' | 'follow_up';

export type AdmissionSource = 'emergency' | 'outpatient' | 'referral';
export type DischargeOutcome = 'recovered' | 'improved' | 'unchanged' | 'worse' | 'died';
export type DischargeType = 'discharged' | 'referred' | 'left_against_advice' | 'requested';

export type DiagnosisRole = 'admission' | 'principal' | 'secondary' | 'discharge';

export interface Diagnosis {
  role: DiagnosisRole;
  code: string;
  title: string;
}

export interface Movement {
  id: string;
  departmentId: string;
  departmentName: string;
  bedId: string | null;
  bedCode: string | null;
  startedAt: string;
  endedAt: string | null;
}

export interface EncounterDetail {
  id: string;
  patientId: string;
  patientCode: string;
  patientName: string;
  type: EncounterType;
  status: EncounterStatus;
  departmentId: string;
  departmentName: string;
  bedId: string | null;
  bedCode: string | null;
  /** Số lưu trữ / số vào viện, by the facility's pattern (inpatient stays). */
  recordNumber: string | null;
  attendingDoctorId: string | null;
  attendingDoctorName: string | null;
  admissionSource: AdmissionSource | null;
  outpatientStage: OutpatientStage | null;
  outpatientConclusion: OutpatientConclusion | null;
  dischargeOutcome: DischargeOutcome | null;
  dischargeType: DischargeType | null;
  startedAt: string;
  endedAt: string | null;
  diagnoses: Diagnosis[];
  movements: Movement[];
  version: number;
}

/** `POST /api/encounters/outpatient`. */
export interface OpenOutpatientVisitRequest {
  patientId: string;
  departmentId: string;
  reason?: string | null;
}

/** `POST /api/encounters/{id}/conclude` (outpatient). */
export interface ConcludeOutpatientVisitRequest {
  version: number;
  conclusion: OutpatientConclusion;
  diagnoses: { role: DiagnosisRole; code: string }[];
  /** Where an `admitted` conclusion sends the patient (an inpatient stay is opened). */
  admitTo?: { departmentId: string; bedId?: string | null } | null;
  referredTo?: string | null;
  followUpDate?: string | null;
}

/** `POST /api/encounters/admissions`. */
export interface AdmitRequest {
  patientId: string;
  departmentId: string;
  bedId?: string | null;
  source: AdmissionSource;
  attendingDoctorId?: string | null;
  admissionDiagnosis?: string | null;
}

/** `POST /api/encounters/{id}/transfer`. */
export interface TransferRequest {
  version: number;
  departmentId: string;
  bedId?: string | null;
  reason?: string | null;
}

/** `POST /api/encounters/{id}/discharge`. */
export interface DischargeRequest {
  version: number;
  outcome: DischargeOutcome;
  type: DischargeType;
  diagnoses: { role: DiagnosisRole; code: string }[];
}

/** One line of the ward census (`GET /api/encounters/census?departmentId=`). */
export interface CensusEntry {
  encounterId: string;
  patientId: string;
  patientCode: string;
  patientName: string;
  birthYear: number;
  sex: string;
  recordNumber: string | null;
  wardCode: string | null;
  bedCode: string | null;
  admittedAt: string;
  dayOfStay: number;
  attendingDoctorName: string | null;
  diagnoses: Diagnosis[];
}
