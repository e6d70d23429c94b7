import type { Sex, UserRole } from '@benhan/shared/contracts';

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
  { username: 'inspector', fullName: 'Đỗ Quang Vinh', roles: ['inspector'], departments: [], practisingCertificateNo: null },
];

/** Demo LIS and PACS clients (OAuth2 client credentials); secrets are documented in the README. */
export const DEMO_CLIENTS = [
  { clientId: 'lis', secret: 'lis-demo-secret-2026', kind: 'lis', scopes: ['orders.read', 'results.write'] },
  { clientId: 'pacs', secret: 'pacs-demo-secret-2026', kind: 'pacs', scopes: ['orders.read', 'results.write'] },
] as const;

export interface DemoPatient {
  fullName: string;
  birthDate: string;
  sex: Sex;
  /** CCCD: 3-digit province code (001 = Hà Nội), century-and-sex digit, 2-digit birth year, 6 digits. */
  citizenId: string | null;
  department: DemoDepartmentCode;
}

export const DEMO_PATIENTS: DemoPatient[] = [
  { fullName: 'Nguyễn Thị Hường', birthDate: '1958-03-14', sex: 'female', citizenId: '001158004321', department: 'NOI' },
  { fullName: 'Nguyễn Văn Phúc', birthDate: '1947-11-02', sex: 'male', citizenId: '001047001122', department: 'NOI' },
  { fullName: 'Trần Văn Hùng', birthDate: '1965-07-21', sex: 'male', citizenId: '001065009876', department: 'NOI' },
  { fullName: 'Lê Thị Mai', birthDate: '1972-01-30', sex: 'female', citizenId: '001172005555', department: 'NOI' },
  { fullName: 'Phạm Minh Tuấn', birthDate: '1980-09-09', sex: 'male', citizenId: '001080002468', department: 'NOI' },
  { fullName: 'Đặng Thị Thu Hà', birthDate: '1990-12-25', sex: 'female', citizenId: '001190007777', department: 'NOI' },
  { fullName: 'Vũ Đức Thắng', birthDate: '1975-04-18', sex: 'male', citizenId: '001075003333', department: 'NGOAI' },
  { fullName: 'Hoàng Thị Lan', birthDate: '1985-06-06', sex: 'female', citizenId: '001185006543', department: 'NGOAI' },
  { fullName: 'Bùi Gia Bảo', birthDate: '2019-02-11', sex: 'male', citizenId: null, department: 'NHI' },
  { fullName: 'Ngô Khánh Linh', birthDate: '2021-08-15', sex: 'female', citizenId: null, department: 'NHI' },
  { fullName: 'Dương Thị Yến', birthDate: '1995-10-10', sex: 'female', citizenId: '001195008888', department: 'SAN' },
  { fullName: 'Đỗ Văn Long', birthDate: '1952-05-05', sex: 'male', citizenId: '001052001010', department: 'HSCC' },
];
