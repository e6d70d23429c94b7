import type {
  CensusEntry,
  CurrentUser,
  EncounterDetail,
  MedicationAdministration,
  MedicationOrderLine,
  VitalSignDefinition,
  VitalSignObservation,
} from '@benhan/shared/contracts';

/** Test doubles of the nurse workspace's specs. */
export function aNurse(overrides: Partial<CurrentUser> = {}): CurrentUser {
  return {
    id: 'u-2',
    username: 'nurse',
    fullName: 'ĐD. Lê Thị Hồng Nhung',
    roles: ['nurse'],
    departments: [{ id: 'd-noi', code: 'NOI', name: 'Khoa Nội tổng hợp', isHead: false }],
    facility: { id: 'f-1', code: 'BV01', name: 'Bệnh viện Đa khoa Benhan' },
    practisingCertificateNo: '004321/HNO-CCHN',
    ...overrides,
  };
}

/** Adult definitions as the API serves them (ranges of the care-chart contract's reference data). */
export const DEFINITIONS: VitalSignDefinition[] = [
  { kind: 'pulse', loinc: '8867-4', loincDisplay: 'Heart rate', unit: '/min', plausible: { min: 20, max: 250 }, normal: { min: 60, max: 100 }, label: { vi: 'Mạch', en: 'Pulse' } },
  { kind: 'temperature', loinc: '8310-5', loincDisplay: 'Body temperature', unit: 'Cel', plausible: { min: 30, max: 45 }, normal: { min: 36, max: 37.5 }, label: { vi: 'Nhiệt độ', en: 'Temperature' } },
  { kind: 'systolic_bp', loinc: '8480-6', loincDisplay: 'Systolic blood pressure', unit: 'mm[Hg]', plausible: { min: 40, max: 300 }, normal: { min: 90, max: 139 }, label: { vi: 'Huyết áp tâm thu', en: 'Systolic BP' } },
  { kind: 'diastolic_bp', loinc: '8462-4', loincDisplay: 'Diastolic blood pressure', unit: 'mm[Hg]', plausible: { min: 20, max: 200 }, normal: { min: 60, max: 89 }, label: { vi: 'Huyết áp tâm trương', en: 'Diastolic BP' } },
  { kind: 'respiratory_rate', loinc: '9279-1', loincDisplay: 'Respiratory rate', unit: '/min', plausible: { min: 4, max: 80 }, normal: { min: 12, max: 20 }, label: { vi: 'Nhịp thở', en: 'Respiratory rate' } },
  { kind: 'spo2', loinc: '59408-5', loincDisplay: 'Oxygen saturation', unit: '%', plausible: { min: 50, max: 100 }, normal: { min: 94, max: 100 }, label: { vi: 'SpO₂', en: 'SpO₂' } },
  { kind: 'weight', loinc: '29463-7', loincDisplay: 'Body weight', unit: 'kg', plausible: { min: 0.3, max: 400 }, normal: { min: 0.3, max: 400 }, label: { vi: 'Cân nặng', en: 'Weight' } },
  { kind: 'height', loinc: '8302-2', loincDisplay: 'Body height', unit: 'cm', plausible: { min: 20, max: 250 }, normal: { min: 20, max: 250 }, label: { vi: 'Chiều cao', en: 'Height' } },
];

let sequence = 0;

export function anObservation(overrides: Partial<VitalSignObservation> = {}): VitalSignObservation {
  sequence++;
  return {
    id: `o-${sequence}`,
    encounterId: 'e-1',
    kind: 'temperature',
    value: 37,
    unit: 'Cel',
    loinc: '8310-5',
    flag: 'normal',
    takenAt: '2026-05-02T01:00:00.000Z',
    recordedAt: '2026-05-02T01:05:00.000Z',
    recordedById: 'u-2',
    recordedByName: 'ĐD. Lê Thị Hồng Nhung',
    enteredInError: null,
    ...overrides,
  };
}

export function aCensusEntry(overrides: Partial<CensusEntry> = {}): CensusEntry {
  return {
    encounterId: 'e-1',
    patientId: 'p-1',
    patientCode: 'BN000123',
    patientName: 'Trịnh Thị Ngọc Ánh',
    birthYear: 1990,
    sex: 'female',
    recordNumber: 'NT-2026-000045',
    wardCode: 'P101',
    bedCode: 'G2',
    admittedAt: '2026-05-01T02:00:00.000Z',
    dayOfStay: 3,
    attendingDoctorName: 'BS. Nguyễn Văn Minh',
    diagnoses: [{ role: 'admission', code: 'J18.9', title: 'Viêm phổi, không đặc hiệu' }],
    ...overrides,
  };
}

export function anEncounter(overrides: Partial<EncounterDetail> = {}): EncounterDetail {
  return {
    id: 'e-1',
    patientId: 'p-1',
    patientCode: 'BN000123',
    patientName: 'Trịnh Thị Ngọc Ánh',
    type: 'inpatient',
    status: 'in_progress',
    departmentId: 'd-noi',
    departmentName: 'Khoa Nội tổng hợp',
    bedId: 'b-2',
    bedCode: 'G2',
    recordNumber: 'NT-2026-000045',
    attendingDoctorId: 'u-1',
    attendingDoctorName: 'BS. Nguyễn Văn Minh',
    admissionSource: 'emergency',
    outpatientStage: null,
    outpatientConclusion: null,
    dischargeOutcome: null,
    dischargeType: null,
    startedAt: '2026-05-01T02:00:00.000Z',
    endedAt: null,
    diagnoses: [{ role: 'admission', code: 'J18.9', title: 'Viêm phổi, không đặc hiệu' }],
    movements: [],
    version: 1,
    ...overrides,
  };
}

export function anAdministration(overrides: Partial<MedicationAdministration> = {}): MedicationAdministration {
  return {
    id: 'a-1',
    encounterId: 'e-1',
    treatmentSheetDocumentId: 'doc-1',
    orderId: 'ord-1',
    drug: 'Ceftriaxone 1 g',
    dose: '1 lọ',
    route: 'iv',
    scheduledAt: null,
    administeredAt: '2026-05-02T01:00:00.000Z',
    status: 'given',
    reason: null,
    recordedAt: '2026-05-02T01:02:00.000Z',
    recordedById: 'u-2',
    recordedByName: 'ĐD. Lê Thị Hồng Nhung',
    enteredInError: null,
    ...overrides,
  };
}

export function anOrderLine(overrides: Partial<MedicationOrderLine> = {}): MedicationOrderLine {
  return {
    treatmentSheetDocumentId: 'doc-1',
    versionNumber: 1,
    orderId: 'ord-1',
    date: '2026-05-02',
    drug: 'Ceftriaxone 1 g',
    dose: '1 lọ',
    route: 'iv',
    frequency: '2 lần/ngày',
    administrations: [],
    ...overrides,
  };
}
