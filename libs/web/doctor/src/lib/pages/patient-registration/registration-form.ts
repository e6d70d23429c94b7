import type { RegisterPatientRequest, Sex, TemporaryIdentityReason } from '@benhan/shared/contracts';
import {
  type FieldProblem,
  normalizeInsuranceCardNumber,
  normalizePhone,
  validateCitizenId,
  validateInsuranceCard,
  validateInsuranceCardNumber,
  validatePhone,
} from '@benhan/shared/validation';
import { toLocalIsoDate } from '@benhan/web/ui';
import { FORM_PROBLEM_CODES } from '../../components/field-problems/problem-messages';

/** The registration form's raw value. Groups and names follow RegisterPatientRequest, so problem paths match the API's. */
export interface RegistrationFormValue {
  fullName: string;
  /** Only the year of birth is known. */
  yearOnly: boolean;
  birthDate: Date | null;
  birthYear: number | null;
  sex: Sex | null;
  /** Newborn, unidentified or foreign patient: registered with a temporary identity to be linked later. */
  temporary: boolean;
  temporaryReason: TemporaryIdentityReason | null;
  citizenId: string;
  ethnicityCode: string | null;
  nationality: string;
  occupation: string;
  address: { provinceCode: string | null; communeCode: string | null; street: string };
  phone: string;
  guardian: { name: string; relationship: string; phone: string };
  insuranceCard: { number: string; validFrom: Date | null; validTo: Date | null; registeredFacilityCode: string };
}

/** The API's lower bound for a year of birth. */
export const FIRST_BIRTH_YEAR = 1880;

const required = (field: string): FieldProblem => ({ field, code: FORM_PROBLEM_CODES.required, message: 'required' });
const text = (value: string) => value.replace(/\s+/g, ' ').trim();
const compact = (value: string) => value.replace(/\s+/g, '');
const isoOrEmpty = (date: Date | null) => (date ? toLocalIsoDate(date) : '');

/**
 * Every problem of a registration that can be found without the server, with the API's field paths. The CCCD,
 * BHYT card and phone rules are the shared validators the API runs too.
 */
export function registrationProblems(v: RegistrationFormValue, today = new Date()): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!text(v.fullName)) problems.push(required('fullName'));

  if (v.yearOnly) {
    if (v.birthYear === null) problems.push(required('birthYear'));
    else if (!Number.isInteger(v.birthYear) || v.birthYear < FIRST_BIRTH_YEAR || v.birthYear > today.getFullYear()) {
      problems.push({ field: 'birthYear', code: FORM_PROBLEM_CODES.birthYearRange, message: 'out of range' });
    }
  } else if (v.birthDate === null) {
    problems.push(required('birthDate'));
  } else if (toLocalIsoDate(v.birthDate) > toLocalIsoDate(today)) {
    problems.push({ field: 'birthDate', code: FORM_PROBLEM_CODES.birthDateFuture, message: 'in the future' });
  }

  if (v.sex === null) problems.push(required('sex'));
  if (v.temporary && v.temporaryReason === null) problems.push(required('temporaryReason'));

  const citizenId = compact(v.citizenId);
  if (citizenId) {
    problems.push(
      ...validateCitizenId(citizenId, {
        birthDate: v.yearOnly ? null : isoOrEmpty(v.birthDate) || null,
        birthYear: v.yearOnly ? v.birthYear : null,
        sex: v.sex,
      }),
    );
  }

  if (!/^[A-Za-z]{2}$/.test(v.nationality.trim())) {
    problems.push({ field: 'nationality', code: FORM_PROBLEM_CODES.nationalityFormat, message: 'ISO 3166-1 alpha-2' });
  }
  if (v.phone.trim()) problems.push(...validatePhone(v.phone));

  const guardian = v.guardian;
  if (text(guardian.name) || text(guardian.relationship) || guardian.phone.trim()) {
    if (!text(guardian.name)) problems.push(required('guardian.name'));
    if (!text(guardian.relationship)) problems.push(required('guardian.relationship'));
    if (guardian.phone.trim()) problems.push(...validatePhone(guardian.phone, { field: 'guardian.phone' }));
  }

  const card = v.insuranceCard;
  const cardNumber = compact(card.number);
  const facilityCode = card.registeredFacilityCode.trim();
  if (cardNumber || card.validFrom || card.validTo || facilityCode) {
    if (cardNumber && card.validFrom && card.validTo) {
      problems.push(
        ...validateInsuranceCard({
          number: cardNumber,
          validFrom: toLocalIsoDate(card.validFrom),
          validTo: toLocalIsoDate(card.validTo),
          registeredFacilityCode: facilityCode || null,
        }),
      );
    } else {
      if (cardNumber) problems.push(...validateInsuranceCardNumber(cardNumber));
      else problems.push(required('insuranceCard.number'));
      if (!card.validFrom) problems.push(required('insuranceCard.validFrom'));
      if (!card.validTo) problems.push(required('insuranceCard.validTo'));
    }
  }
  return problems;
}

/** The request for a form that has no problems: trimmed, normalised, empty parts left out. */
export function toRegisterRequest(v: RegistrationFormValue, confirmDuplicate = false): RegisterPatientRequest {
  const orNull = (value: string) => text(value) || null;
  const address = v.address;
  const hasAddress = Boolean(address.provinceCode || address.communeCode || text(address.street));
  const card = v.insuranceCard;
  const request: RegisterPatientRequest = {
    fullName: text(v.fullName).normalize('NFC'),
    birthDate: v.yearOnly || !v.birthDate ? null : toLocalIsoDate(v.birthDate),
    birthYear: v.yearOnly ? v.birthYear : null,
    sex: v.sex ?? 'unknown',
    identityStatus: v.temporary ? 'temporary' : 'verified',
    temporaryReason: v.temporary ? v.temporaryReason : null,
    citizenId: compact(v.citizenId) || null,
    ethnicityCode: v.ethnicityCode,
    nationality: v.nationality.trim().toUpperCase(),
    occupation: orNull(v.occupation),
    address: hasAddress
      ? { provinceCode: address.provinceCode, communeCode: address.communeCode, street: orNull(address.street) }
      : null,
    phone: v.phone.trim() ? normalizePhone(v.phone) : null,
    guardian: text(v.guardian.name)
      ? {
          name: text(v.guardian.name).normalize('NFC'),
          relationship: text(v.guardian.relationship),
          phone: v.guardian.phone.trim() ? normalizePhone(v.guardian.phone) : null,
        }
      : null,
    insuranceCard:
      compact(card.number) && card.validFrom && card.validTo
        ? {
            number: normalizeInsuranceCardNumber(card.number),
            validFrom: toLocalIsoDate(card.validFrom),
            validTo: toLocalIsoDate(card.validTo),
            registeredFacilityCode: card.registeredFacilityCode.trim() || null,
          }
        : null,
  };
  return confirmDuplicate ? { ...request, confirmDuplicate: true } : request;
}

/** Problem paths the form has no control for, and the control that shows them instead. */
const PATH_ALIASES: Record<string, string> = { identityStatus: 'temporaryReason' };

/** Where a server field error goes: its own path, or the control that stands for it. */
export function formPathOf(field: string): string {
  return PATH_ALIASES[field] ?? field;
}
