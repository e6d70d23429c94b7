import type { AdmissionSource, RegisterPatientRequest, UserRole } from '@benhan/shared/contracts';

/**
 * The demo hospital seeded when DEMO_SEED=true (the README's start command; never in production).
 * Passwords are published in the README, so these accounts must never exist in a real deployment.
 */
export const DEMO_PASSWORD = 'Benhan@2026';

export const DEMO_DEPARTMENTS = [
  { code: 'NOI', name: 'Khoa Nội tổng hợp', nameEn: 'Internal Medicine', kind: 'clinical', wards: [{ code: 'NOI-P1', name: 'Buồng 1', beds: 6 }, { code: 'NOI-P2', name: 'Buồng 2', beds: 6 }] },
  { code: 'NGOAI', name: 'Khoa Ngoại tổng hợp', nameEn: 'General Surgery', kind: 'clinical', wards: [{ code: 'NGOAI-P1', name: 'Buồng 1', beds: 6 }] },
  { code: 'NHI', name: 'Khoa Nhi', nameEn: 'Paediatrics', kind: 'clinical', wards: [{ code: 'NHI-P1', name: 'Buồng 1', beds: 4 }] },
  { code: 'SAN', name: 'Khoa Phụ sản', nameEn: 'Obstetrics and Gynaecology', kind: 'clinical', wards: [{ code: 'SAN-P1', name: 'Buồng 1', beds: 4 }] },
  { code: 'HSCC', name: 'Khoa Hồi sức cấp cứu', nameEn: 'Emergency and Intensive Care', kind: 'clinical', wards: [{ code: 'HSCC-P1', name: 'Buồng cấp cứu', beds: 4 }] },
  { code: 'XN', name: 'Khoa Xét nghiệm', nameEn: 'Laboratory', kind: 'paraclinical', wards: [] },
  { code: 'CDHA', name: 'Khoa Chẩn đoán hình ảnh', nameEn: 'Diagnostic Imaging', kind: 'paraclinical', wards: [] },
  { code: 'KHTH', name: 'Phòng Kế hoạch tổng hợp', nameEn: 'General Planning (Medical Records)', kind: 'administrative', wards: [] },
] as const;

export type DemoDepartmentCode = (typeof DEMO_DEPARTMENTS)[number]['code'];

export interface DemoUser {
  username: string;
  fullName: string;
  roles: UserRole[];
  departments: { code: DemoDepartmentCode; isHead: boolean }[];
  practisingCertificateNo: string | null;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', fullName: 'Quản trị hệ thống', roles: ['admin'], departments: [{ code: 'KHTH', isHead: false }], practisingCertificateNo: null },
  { username: 'doctor', fullName: 'BS. Nguyễn Văn Minh', roles: ['doctor'], departments: [{ code: 'NOI', isHead: false }], practisingCertificateNo: '001234/HNO-CCHN' },
  { username: 'headdoctor', fullName: 'BSCKII. Trần Thị Thanh Hương', roles: ['doctor'], departments: [{ code: 'NOI', isHead: true }], practisingCertificateNo: '000567/HNO-CCHN' },
  { username: 'nurse', fullName: 'ĐD. Lê Thị Hồng Nhung', roles: ['nurse'], departments: [{ code: 'NOI', isHead: false }], practisingCertificateNo: '004321/HNO-CCHN' },
  { username: 'records', fullName: 'Phạm Thu Trang', roles: ['records_officer'], departments: [{ code: 'KHTH', isHead: false }], practisingCertificateNo: null },
  { username: 'director', fullName: 'TS.BS. Hoàng Văn Bình', roles: ['director'], departments: [], practisingCertificateNo: null },
  { username: 'inspector', fullName: 'Đỗ Quang Vinh', roles: ['inspector'], departments: [], practisingCertificateNo: null },
];

/** Demo LIS and PACS clients (OAuth2 client credentials); secrets are documented in the README. */
export const DEMO_CLIENTS = [
  { clientId: 'lis', secret: 'lis-demo-secret-2026', kind: 'lis', scopes: ['orders.read', 'results.write', 'system/*.read', 'system/DiagnosticReport.write', 'system/Observation.write', 'system/Specimen.write', 'system/ServiceRequest.u'] },
  { clientId: 'pacs', secret: 'pacs-demo-secret-2026', kind: 'pacs', scopes: ['orders.read', 'results.write', 'system/*.read', 'system/DiagnosticReport.write', 'system/ImagingStudy.write', 'system/ServiceRequest.u'] },
] as const;

export interface DemoPatient {
  registration: RegisterPatientRequest;
  department: DemoDepartmentCode;
  source: AdmissionSource;
  /** ICD-10 admission diagnosis. */
  admissionDiagnosis: string;
}

/** Hà Nội (2025 province 01) communes used for demo addresses. */
const BA_DINH = { provinceCode: '01', communeCode: '00004' };
const NGOC_HA = { provinceCode: '01', communeCode: '00008' };
const card = (number: string) => ({ number, validFrom: '2026-01-01', validTo: '2026-12-31', registeredFacilityCode: '01999' });

/**
 * A dozen admitted patients across five departments. CCCDs follow the real structure: province 001
 * (Hà Nội), the century-and-sex digit, the two-digit birth year, six digits. BHYT cards: object code,
 * benefit level, province, social-insurance number.
 */
export const DEMO_PATIENTS: DemoPatient[] = [
  {
    registration: { fullName: 'Nguyễn Thị Hường', birthDate: '1958-03-14', sex: 'female', citizenId: '001158004321', ethnicityCode: '01', occupation: 'Hưu trí', address: { ...BA_DINH, street: '12 Phố Đội Cấn' }, phone: '0912345601', insuranceCard: card('HT3010158004321') },
    department: 'NOI', source: 'emergency', admissionDiagnosis: 'I10',
  },
  {
    registration: { fullName: 'Nguyễn Văn Phúc', birthDate: '1947-11-02', sex: 'male', citizenId: '001047001122', ethnicityCode: '01', occupation: 'Hưu trí', address: { ...NGOC_HA, street: '5 Ngõ 10 Hoàng Hoa Thám' }, phone: '0912345602', insuranceCard: card('CB2010147001122'), guardian: { name: 'Nguyễn Thị Lan', relationship: 'Con gái', phone: '0987000002' } },
    department: 'NOI', source: 'outpatient', admissionDiagnosis: 'J18.9',
  },
  {
    registration: { fullName: 'Trần Văn Hùng', birthDate: '1965-07-21', sex: 'male', citizenId: '001065009876', ethnicityCode: '01', occupation: 'Kỹ sư', address: { ...BA_DINH, street: '40 Kim Mã' }, phone: '0912345603', insuranceCard: card('DN4010165009876') },
    department: 'NOI', source: 'emergency', admissionDiagnosis: 'E11.9',
  },
  {
    registration: { fullName: 'Lê Thị Mai', birthDate: '1972-01-30', sex: 'female', citizenId: '001172005555', ethnicityCode: '02', occupation: 'Giáo viên', address: { ...NGOC_HA, street: '8 Đốc Ngữ' }, phone: '0912345604', insuranceCard: card('DN4010172005555') },
    department: 'NOI', source: 'referral', admissionDiagnosis: 'K29.7',
  },
  {
    registration: { fullName: 'Phạm Minh Tuấn', birthDate: '1980-09-09', sex: 'male', citizenId: '001080002468', ethnicityCode: '01', occupation: 'Lái xe', address: { ...BA_DINH, street: '3 Liễu Giai' }, phone: '0912345605' },
    department: 'NOI', source: 'emergency', admissionDiagnosis: 'A09',
  },
  {
    registration: { fullName: 'Đặng Thị Thu Hà', birthDate: '1990-12-25', sex: 'female', citizenId: '001190007777', ethnicityCode: '01', occupation: 'Kế toán', address: { ...BA_DINH, street: '21 Văn Cao' }, phone: '0912345606', insuranceCard: card('DN4010190007777') },
    department: 'NOI', source: 'outpatient', admissionDiagnosis: 'N39.0',
  },
  {
    registration: { fullName: 'Vũ Đức Thắng', birthDate: '1975-04-18', sex: 'male', citizenId: '001075003333', ethnicityCode: '01', occupation: 'Công nhân', address: { ...NGOC_HA, street: '17 Đội Nhân' }, phone: '0912345607', insuranceCard: card('DN4010175003333') },
    department: 'NGOAI', source: 'emergency', admissionDiagnosis: 'K35.8',
  },
  {
    registration: { fullName: 'Hoàng Thị Lan', birthDate: '1985-06-06', sex: 'female', citizenId: '001185006543', ethnicityCode: '06', occupation: 'Nông dân', address: { ...BA_DINH, street: '9 Ngọc Khánh' }, phone: '0912345608', insuranceCard: card('GD4010185006543') },
    department: 'NGOAI', source: 'referral', admissionDiagnosis: 'K80.2',
  },
  {
    registration: { fullName: 'Bùi Gia Bảo', birthDate: '2021-02-11', sex: 'male', ethnicityCode: '01', address: { ...BA_DINH, street: '2 Cống Vị' }, insuranceCard: card('TE1010121000011'), guardian: { name: 'Bùi Thị Hạnh', relationship: 'Mẹ', phone: '0987000009' } },
    department: 'NHI', source: 'emergency', admissionDiagnosis: 'J21.9',
  },
  {
    registration: { fullName: 'Ngô Khánh Linh', birthDate: '2022-08-15', sex: 'female', ethnicityCode: '01', address: { ...NGOC_HA, street: '30 Hoàng Hoa Thám' }, insuranceCard: card('TE1010122000012'), guardian: { name: 'Ngô Văn Quang', relationship: 'Bố', phone: '0987000010' } },
    department: 'NHI', source: 'outpatient', admissionDiagnosis: 'A08.0',
  },
  {
    registration: { fullName: 'Dương Thị Yến', birthDate: '1995-10-10', sex: 'female', citizenId: '001195008888', ethnicityCode: '01', occupation: 'Nhân viên văn phòng', address: { ...BA_DINH, street: '15 Nguyễn Thái Học' }, phone: '0912345611', insuranceCard: card('DN4010195008888') },
    department: 'SAN', source: 'outpatient', admissionDiagnosis: 'O80.0',
  },
  {
    registration: { fullName: 'Đỗ Văn Long', birthDate: '1952-05-05', sex: 'male', citizenId: '001052001010', ethnicityCode: '01', occupation: 'Hưu trí', address: { ...NGOC_HA, street: '1 Phan Kế Bính' }, phone: '0912345612', insuranceCard: card('HT3010152001010'), guardian: { name: 'Đỗ Thị Hoa', relationship: 'Vợ', phone: '0987000012' } },
    department: 'HSCC', source: 'emergency', admissionDiagnosis: 'I21.9',
  },
];
