import { BHYT_OBJECT_CODES, type BenefitLevel, type BhytObjectCodeValue } from './data/bhyt-object-codes';
import type { FieldOptions, FieldProblem } from './field-problem';
import { isIsoDate } from './iso-date';

/**
 * BHYT card number (mã thẻ BHYT, XML field MA_THE_BHYT), QĐ 1351/QĐ-BHXH: 15 characters =
 * 2-letter object (group) code + 1-digit benefit level (1–5) + 2-digit province code of the issuing
 * social-insurance office (old GSO numbering, 01–99; not the 2025 province list) + 10-digit social-insurance
 * number (mã số BHXH), e.g. `DN4790123456789`.
 *
 * The benefit level is not checked against the group's usual level: a person in several groups carries the
 * first group in QĐ 1351's order with the most favourable level, and levels have changed over time.
 */
export const INSURANCE_CARD_PROBLEM_CODES = {
  /** Not 15 characters after normalising. */
  length: 'insurance_card.length',
  /** 10 digits only: the social-insurance number printed on cards since 2021, not the 15-character card number. */
  socialInsuranceNumberOnly: 'insurance_card.social_insurance_number_only',
  /** Characters 1–2 are not a known object (group) code. */
  objectCode: 'insurance_card.object_code',
  /** Character 3 is not 1–5. */
  benefitLevel: 'insurance_card.benefit_level',
  /** Characters 4–5 are not 01–99. */
  province: 'insurance_card.province',
  /** Characters 6–15 are not 10 digits. */
  socialInsuranceNumber: 'insurance_card.social_insurance_number',
  /** `validFrom` or `validTo` is not a `YYYY-MM-DD` calendar date. */
  dateFormat: 'insurance_card.date_format',
  /** `validFrom` is after `validTo`. */
  validityRange: 'insurance_card.validity_range',
  /** `registeredFacilityCode` (MA_CSKCB) is not 5 digits. */
  facilityCode: 'insurance_card.facility_code',
} as const;

export type InsuranceCardProblemCode = (typeof INSURANCE_CARD_PROBLEM_CODES)[keyof typeof INSURANCE_CARD_PROBLEM_CODES];

export interface ParsedInsuranceCardNumber {
  objectCode: BhytObjectCodeValue;
  benefitLevel: BenefitLevel;
  /** Province of the issuing social-insurance office, old two-digit numbering: never join to the 2025 list. */
  provinceCode: string;
  /** Mã số BHXH, 10 digits. */
  socialInsuranceNumber: string;
}

/** The card as the patient contract holds it. */
export interface InsuranceCardInput {
  number: string;
  /** `YYYY-MM-DD`. */
  validFrom: string;
  /** `YYYY-MM-DD`, on or after `validFrom`. */
  validTo: string;
  /** MA_CSKCB of the registered primary-care facility (nơi đăng ký KCB ban đầu): 5 digits, or absent. */
  registeredFacilityCode?: string | null;
}

const OBJECT_CODES: ReadonlySet<string> = new Set(BHYT_OBJECT_CODES.map((c) => c.code));

/** Trims, drops spaces anywhere and upper-cases letters: `' dn4 79 0123456789'` → `'DN4790123456789'`. */
export function normalizeInsuranceCardNumber(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** Reads a card number after normalising it; null unless {@link validateInsuranceCardNumber} finds no problem. */
export function parseInsuranceCardNumber(value: string): ParsedInsuranceCardNumber | null {
  const number = normalizeInsuranceCardNumber(value);
  if (numberProblems(number, '').length > 0) return null;
  return {
    objectCode: number.slice(0, 2) as BhytObjectCodeValue,
    benefitLevel: Number(number[2]) as BenefitLevel,
    provinceCode: number.slice(3, 5),
    socialInsuranceNumber: number.slice(5),
  };
}

/**
 * Checks a BHYT card number after normalising it ({@link normalizeInsuranceCardNumber}); store the normalised form.
 *
 * @param options.field reported path, `insuranceCard.number` by default.
 */
export function validateInsuranceCardNumber(value: string, options?: FieldOptions): FieldProblem[] {
  return numberProblems(normalizeInsuranceCardNumber(value), options?.field ?? 'insuranceCard.number');
}

/**
 * Checks a whole card: the number, both dates (`YYYY-MM-DD`, `validFrom` ≤ `validTo`) and, when present, the
 * registered facility code. Whether the card is valid on a given day is the encounter's rule, not checked here.
 *
 * @param options.field path of the card object, `insuranceCard` by default; problems name its fields under it
 *   (`insuranceCard.number`, `insuranceCard.validTo`, …).
 */
export function validateInsuranceCard(card: InsuranceCardInput, options?: FieldOptions): FieldProblem[] {
  const prefix = options?.field ?? 'insuranceCard';
  const problems = validateInsuranceCardNumber(card.number, { field: `${prefix}.number` });

  const datesValid = (['validFrom', 'validTo'] as const).map((name) => {
    if (isIsoDate(card[name])) return true;
    problems.push({
      field: `${prefix}.${name}`,
      code: INSURANCE_CARD_PROBLEM_CODES.dateFormat,
      message: `The card's ${name === 'validFrom' ? 'valid-from' : 'valid-to'} date must be a calendar date written YYYY-MM-DD.`,
    });
    return false;
  });
  if (datesValid.every(Boolean) && card.validFrom > card.validTo) {
    problems.push({
      field: `${prefix}.validTo`,
      code: INSURANCE_CARD_PROBLEM_CODES.validityRange,
      message: `The card's valid-to date (${card.validTo}) is before its valid-from date (${card.validFrom}).`,
    });
  }

  const facility = card.registeredFacilityCode;
  if (facility !== null && facility !== undefined && !/^\d{5}$/.test(facility)) {
    problems.push({
      field: `${prefix}.registeredFacilityCode`,
      code: INSURANCE_CARD_PROBLEM_CODES.facilityCode,
      message: 'The registered primary-care facility code (MA_CSKCB) must be exactly 5 digits.',
    });
  }
  return problems;
}

/** `number` is already normalised. Messages never repeat the social-insurance number. */
function numberProblems(number: string, field: string): FieldProblem[] {
  if (/^\d{10}$/.test(number)) {
    return [
      {
        field,
        code: INSURANCE_CARD_PROBLEM_CODES.socialInsuranceNumberOnly,
        message:
          'This is a 10-digit social-insurance number (the only number printed on cards since 2021), not the ' +
          '15-character card number: a 2-letter group code, the benefit level and a 2-digit province code come ' +
          'before these 10 digits.',
      },
    ];
  }
  if (number.length !== 15) {
    return [
      {
        field,
        code: INSURANCE_CARD_PROBLEM_CODES.length,
        message:
          'A BHYT card number has 15 characters: a 2-letter group code, the benefit level, a 2-digit province ' +
          `code and the 10-digit social-insurance number; this one has ${number.length}.`,
      },
    ];
  }

  const problems: FieldProblem[] = [];
  const objectCode = number.slice(0, 2);
  if (!OBJECT_CODES.has(objectCode)) {
    problems.push({
      field,
      code: INSURANCE_CARD_PROBLEM_CODES.objectCode,
      message: /^[A-Z]{2}$/.test(objectCode)
        ? `The card starts with "${objectCode}", which is not a known BHYT group (object) code.`
        : `A BHYT card number starts with a 2-letter group (object) code such as DN or HT, not "${objectCode}".`,
    });
  }
  const level = number[2];
  if (!/^[1-5]$/.test(level)) {
    problems.push({
      field,
      code: INSURANCE_CARD_PROBLEM_CODES.benefitLevel,
      message: `The 3rd character of a BHYT card number is the benefit level, 1 to 5, not "${level}".`,
    });
  }
  const province = number.slice(3, 5);
  if (!/^\d{2}$/.test(province) || province === '00') {
    problems.push({
      field,
      code: INSURANCE_CARD_PROBLEM_CODES.province,
      message: `Characters 4–5 of a BHYT card number are the issuing province code, 01 to 99, not "${province}".`,
    });
  }
  if (!/^\d{10}$/.test(number.slice(5))) {
    problems.push({
      field,
      code: INSURANCE_CARD_PROBLEM_CODES.socialInsuranceNumber,
      message: 'The last 10 characters of a BHYT card number are the social-insurance number and must all be digits.',
    });
  }
  return problems;
}
