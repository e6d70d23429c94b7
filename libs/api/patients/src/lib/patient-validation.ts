import type { FieldError, RegisterPatientRequest } from '@benhan/shared/contracts';
import { ETHNICITIES, normalizeInsuranceCardNumber, normalizePhone, validateCitizenId, validateInsuranceCard, validatePhone } from '@benhan/shared/validation';
import type { PatientEntity } from './entities/patient.entity';

/** The registration as stored: the entity's own columns, normalised. */
export type PatientFields = Pick<
  PatientEntity,
  | 'fullName'
  | 'birthDate'
  | 'birthYear'
  | 'sex'
  | 'identityStatus'
  | 'temporaryReason'
  | 'citizenId'
  | 'ethnicityCode'
  | 'nationality'
  | 'occupation'
  | 'addressProvinceCode'
  | 'addressCommuneCode'
  | 'addressStreet'
  | 'phone'
  | 'guardianName'
  | 'guardianRelationship'
  | 'guardianPhone'
  | 'insuranceCardNumber'
  | 'insuranceValidFrom'
  | 'insuranceValidTo'
  | 'insuranceFacilityCode'
>;

const ETHNICITY_CODES = new Set<string>(ETHNICITIES.map((e) => e.code));

export function normalizedRegistration(r: RegisterPatientRequest): PatientFields {
  const text = (v: string | null | undefined) => (v?.replace(/\s+/g, ' ').trim() || null);
  const birthDate = r.birthDate || null;
  return {
    // Names are stored in Unicode NFC so that composed and decomposed input compare equal.
    fullName: (text(r.fullName) ?? '').normalize('NFC'),
    birthDate,
    birthYear: birthDate ? Number(birthDate.slice(0, 4)) : (r.birthYear ?? 0),
    sex: r.sex,
    identityStatus: r.identityStatus ?? 'verified',
    temporaryReason: (r.identityStatus ?? 'verified') === 'temporary' ? (r.temporaryReason ?? null) : null,
    citizenId: text(r.citizenId)?.replace(/\s/g, '') ?? null,
    ethnicityCode: text(r.ethnicityCode),
    nationality: text(r.nationality)?.toUpperCase() ?? 'VN',
    occupation: text(r.occupation),
    addressProvinceCode: text(r.address?.provinceCode),
    addressCommuneCode: text(r.address?.communeCode),
    addressStreet: text(r.address?.street),
    phone: r.phone?.trim() ? normalizePhone(r.phone) : null,
    guardianName: text(r.guardian?.name)?.normalize('NFC') ?? null,
    guardianRelationship: text(r.guardian?.relationship),
    guardianPhone: r.guardian?.phone?.trim() ? normalizePhone(r.guardian.phone) : null,
    insuranceCardNumber: r.insuranceCard?.number ? normalizeInsuranceCardNumber(r.insuranceCard.number) : null,
    insuranceValidFrom: r.insuranceCard?.validFrom ?? null,
    insuranceValidTo: r.insuranceCard?.validTo ?? null,
    insuranceFacilityCode: r.insuranceCard?.registeredFacilityCode ?? null,
  };
}

/** Every rule of a registration that is not a database lookup, with the field each problem belongs to. */
export function patientProblems(f: PatientFields): FieldError[] {
  const problems: FieldError[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const thisYear = new Date().getFullYear();

  if (f.fullName.length < 2) add('fullName', 'full name is required');
  if (!f.birthDate && !f.birthYear) add('birthDate', 'give the date of birth, or the year of birth when the date is unknown');
  if (f.birthDate && f.birthDate > new Date().toISOString().slice(0, 10)) add('birthDate', 'date of birth is in the future');
  if (f.birthYear && (f.birthYear < 1880 || f.birthYear > thisYear)) add('birthYear', `year of birth must be between 1880 and ${thisYear}`);
  if (f.identityStatus === 'temporary' && !f.temporaryReason) add('temporaryReason', 'a temporary identity needs its reason: newborn, unidentified or foreigner');
  if (f.identityStatus === 'verified' && f.fullName.length >= 2 && /^(không rõ|khong ro|unknown)/i.test(f.fullName)) {
    add('identityStatus', 'an unknown patient is registered with a temporary identity (unidentified)');
  }
  if (f.citizenId) {
    for (const p of validateCitizenId(f.citizenId, { birthDate: f.birthDate, birthYear: f.birthYear || null, sex: f.sex })) add(p.field, p.message);
  }
  if (f.ethnicityCode && !ETHNICITY_CODES.has(f.ethnicityCode)) add('ethnicityCode', 'ethnicity must be one of the 54 official codes (01–54); foreigners are recorded by nationality');
  if (f.addressCommuneCode && !f.addressProvinceCode) add('address.provinceCode', 'a commune needs its province');
  if (f.phone) for (const p of validatePhone(f.phone)) add(p.field, p.message);
  if (f.guardianPhone) for (const p of validatePhone(f.guardianPhone, { field: 'guardian.phone' })) add(p.field, p.message);
  if (f.insuranceCardNumber || f.insuranceValidFrom || f.insuranceValidTo) {
    const card = { number: f.insuranceCardNumber ?? '', validFrom: f.insuranceValidFrom ?? '', validTo: f.insuranceValidTo ?? '', registeredFacilityCode: f.insuranceFacilityCode };
    for (const p of validateInsuranceCard(card)) add(p.field, p.message);
  }
  return problems;
}
