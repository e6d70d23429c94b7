export type Sex = 'male' | 'female' | 'other' | 'unknown';

/** `verified`: identity established (CCCD or papers); `temporary`: newborn, unidentified or foreign patient (R2). */
export type IdentityStatus = 'verified' | 'temporary';
export type TemporaryIdentityReason = 'newborn' | 'unidentified' | 'foreigner';

export interface Address {
  /** 2025 two-level administration: province (tỉnh/thành phố) and commune (xã/phường) codes. */
  provinceCode: string | null;
  communeCode: string | null;
  street: string | null;
}

export interface Guardian {
  name: string;
  relationship: string;
  phone: string | null;
}

/** Thẻ BHYT: 15-character number, validity and registered primary-care facility (MA_CSKCB). */
export interface InsuranceCard {
  number: string;
  validFrom: string;
  validTo: string;
  registeredFacilityCode: string | null;
}

/** A patient as a list shows it. */
export interface PatientSummary {
  id: string;
  patientCode: string;
  fullName: string;
  birthDate: string | null;
  birthYear: number;
  sex: Sex;
  citizenId: string | null;
  identityStatus: IdentityStatus;
  /** Set when this record was merged into another; reads should follow it. */
  mergedIntoId: string | null;
}

/** The full registration record (`GET /api/patients/{id}`). */
export interface PatientDetail extends PatientSummary {
  temporaryReason: TemporaryIdentityReason | null;
  ethnicityCode: string | null;
  /** ISO 3166-1 alpha-2, `VN` by default. */
  nationality: string;
  occupation: string | null;
  address: Address;
  phone: string | null;
  guardian: Guardian | null;
  insuranceCard: InsuranceCard | null;
  /** Optimistic-locking version: send it back with an update; a stale one gets 409. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/patients`. */
export interface RegisterPatientRequest {
  fullName: string;
  /** Either a full date (YYYY-MM-DD) or, when only the year is known, `birthYear`. */
  birthDate?: string | null;
  birthYear?: number | null;
  sex: Sex;
  identityStatus?: IdentityStatus;
  temporaryReason?: TemporaryIdentityReason | null;
  citizenId?: string | null;
  ethnicityCode?: string | null;
  nationality?: string;
  occupation?: string | null;
  address?: Partial<Address> | null;
  phone?: string | null;
  guardian?: Guardian | null;
  insuranceCard?: InsuranceCard | null;
  /** Register even though a patient with the same name, date of birth and sex exists (the caller checked). */
  confirmDuplicate?: boolean;
}

/** `PATCH /api/patients/{id}`: the fields to change plus the version read. */
export type UpdatePatientRequest = Partial<Omit<RegisterPatientRequest, 'confirmDuplicate'>> & { version: number };

/** `POST /api/patients/{id}/merge`: this (duplicate or temporary) record is merged into `intoPatientId`. */
export interface MergePatientRequest {
  intoPatientId: string;
  reason: string;
}

/** 409 body extension when registration finds possible duplicates (same name, birth date, sex). */
export interface PossibleDuplicate {
  id: string;
  patientCode: string;
  fullName: string;
  birthDate: string | null;
  sex: Sex;
}

/** A ward of a department with its beds and who occupies them (the free-bed map). */
export interface WardBeds {
  id: string;
  code: string;
  name: string;
  departmentId: string;
  beds: { id: string; code: string; occupiedByPatientId: string | null }[];
}
