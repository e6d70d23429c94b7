import type {
  CensusEntry,
  CurrentUser,
  EncounterDetail,
  PatientDetail,
  WardBeds,
} from '@benhan/shared/contracts';

/** Test doubles of the doctor workspace's specs. */
export function aDoctor(overrides: Partial<CurrentUser> = {}): CurrentUser {
  return {
    id: 'u-1',
    username: 'doctor',
    fullName: 'BS. Nguyễn Văn Minh',
    roles: ['doctor'],
    departments: [{ id: 'd-noi', code: 'NOI', name: 'Khoa Nội tổng hợp', isHead: false }],
    facility: { id: 'f-1', code: 'BV01', name: 'Bệnh viện Đa khoa Benhan' },
    practisingCertificateNo: null,
    ...overrides,
  };
}

export function aPatient(overrides: Partial<PatientDetail> = {}): PatientDetail {
  return {
    id: 'p-1',
    patientCode: 'BN000123',
    fullName: 'Trịnh Thị Ngọc Ánh',
    birthDate: '1990-05-01',
    birthYear: 1990,
    sex: 'female',
    citizenId: '001190012345',
    identityStatus: 'verified',
    mergedIntoId: null,
    temporaryReason: null,
    ethnicityCode: '01',
    nationality: 'VN',
    occupation: 'Giáo viên',
    address: { provinceCode: '01', communeCode: '00004', street: '12 Phố Huế' },
    phone: '0912345678',
    guardian: { name: 'Trịnh Văn Bình', relationship: 'Chồng', phone: '0987654321' },
    insuranceCard: { number: 'DN4010123456789', validFrom: '2026-01-01', validTo: '2026-12-31', registeredFacilityCode: '01001' },
    version: 1,
    createdAt: '2026-05-01T02:00:00.000Z',
    updatedAt: '2026-05-01T02:00:00.000Z',
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

export function wards(): WardBeds[] {
  return [
    {
      id: 'w-1',
      code: 'P101',
      name: 'Phòng 101',
      departmentId: 'd-noi',
      beds: [
        { id: 'b-1', code: 'G1', occupiedByPatientId: 'p-9' },
        { id: 'b-2', code: 'G2', occupiedByPatientId: null },
      ],
    },
    {
      id: 'w-2',
      code: 'P201',
      name: 'Phòng 201',
      departmentId: 'd-ngoai',
      beds: [{ id: 'b-3', code: 'G1', occupiedByPatientId: null }],
    },
  ];
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
