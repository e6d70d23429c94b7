import { CCCD_PROVINCES, type CccdProvinceCode } from './data/cccd-province-codes';
import type { FieldOptions, FieldProblem } from './field-problem';
import { isIsoDate } from './iso-date';

/**
 * CCCD: the 12-digit personal identification number (số định danh cá nhân, printed on the căn cước card),
 * NĐ 137/2015/NĐ-CP Art 13 and TT 07/2016/TT-BCA Art 7:
 *
 * | Digits | Meaning |
 * |---|---|
 * | 1–3 | birth-registration province ({@link CCCD_PROVINCES}, the 63 pre-2025 provinces); a country code for births registered abroad |
 * | 4 | century and sex: 1900s male 0 / female 1, 2000s 2 / 3, 2100s 4 / 5, 2200s 6 / 7, 2300s 8 / 9 |
 * | 5–6 | last two digits of the birth year |
 * | 7–12 | random |
 */
export const CITIZEN_ID_PROBLEM_CODES = {
  /** Not exactly 12 digits. */
  format: 'citizen_id.format',
  /** Digits 1–3 are not a known province code (births abroad carry a country code, which Benhan does not accept). */
  province: 'citizen_id.province',
  /** Digit 4 encodes a century other than the person's birth year's. */
  centurySex: 'citizen_id.century_sex',
  /** Digits 5–6 are not the last two digits of the person's birth year. */
  birthYear: 'citizen_id.birth_year',
  /** Digit 4 encodes the other sex than the person's (checked for male and female only). */
  sex: 'citizen_id.sex',
} as const;

export type CitizenIdProblemCode = (typeof CITIZEN_ID_PROBLEM_CODES)[keyof typeof CITIZEN_ID_PROBLEM_CODES];

/** What is known about the person the number belongs to; each check runs only when its data is given. */
export interface CitizenIdPerson {
  /** `YYYY-MM-DD`; when valid it wins over `birthYear`. */
  birthDate?: string | null;
  birthYear?: number | null;
  /** Only `male` and `female` are compared with digit 4. */
  sex?: 'male' | 'female' | 'other' | 'unknown' | null;
}

export interface ParsedCitizenId {
  /** Digits 1–3: a pre-2025 province code. Never look it up in the 2025 province list. */
  provinceCode: CccdProvinceCode;
  /** The pre-2025 province's name as printed in TT 07/2016/TT-BCA. */
  provinceName: string;
  /** First year of the birth century from digit 4: 1900, 2000, 2100, 2200 or 2300. */
  century: number;
  /** Sex from digit 4. */
  sex: 'male' | 'female';
  /** Digits 5–6, e.g. `'03'`. */
  birthYearTwoDigits: string;
  /** `century` + digits 5–6, e.g. 2003. */
  birthYear: number;
}

const PROVINCE_NAMES: ReadonlyMap<string, string> = new Map(CCCD_PROVINCES.map((p) => [p.code, p.name]));

/**
 * Reads a CCCD number. Returns null unless it is exactly 12 digits with a known province code; it does not
 * compare the number with a person (use {@link validateCitizenId} for that).
 */
export function parseCitizenId(value: string): ParsedCitizenId | null {
  if (!/^\d{12}$/.test(value)) return null;
  const provinceCode = value.slice(0, 3);
  const provinceName = PROVINCE_NAMES.get(provinceCode);
  if (provinceName === undefined) return null;
  const { century, sex } = decodeCenturySexDigit(Number(value[3]));
  const birthYearTwoDigits = value.slice(4, 6);
  return {
    provinceCode: provinceCode as CccdProvinceCode,
    provinceName,
    century,
    sex,
    birthYearTwoDigits,
    birthYear: century + Number(birthYearTwoDigits),
  };
}

/**
 * Checks a CCCD number on its own and, when `person` gives a birth date or year and a sex, against them.
 * Returns every problem found (an empty array when valid). Call it only for a value that is present: whether a
 * CCCD is required (it is not for newborns, unidentified or foreign patients) is the caller's rule.
 * The value is checked as given: no trimming. Messages never repeat the whole number.
 *
 * @param options.field reported path, `citizenId` by default.
 */
export function validateCitizenId(value: string, person?: CitizenIdPerson, options?: FieldOptions): FieldProblem[] {
  const field = options?.field ?? 'citizenId';
  if (!/^\d{12}$/.test(value)) {
    const digitsOnly = /^\d*$/.test(value);
    return [
      {
        field,
        code: CITIZEN_ID_PROBLEM_CODES.format,
        message: `A CCCD (personal identification number) must be exactly 12 digits; ${
          digitsOnly ? `this one has ${value.length}` : 'this one contains characters other than digits'
        }.`,
      },
    ];
  }

  const problems: FieldProblem[] = [];
  const provinceCode = value.slice(0, 3);
  if (!PROVINCE_NAMES.has(provinceCode)) {
    problems.push({
      field,
      code: CITIZEN_ID_PROBLEM_CODES.province,
      message:
        `Digits 1–3 of the CCCD (${provinceCode}) are not one of the 63 province codes for a birth registered in ` +
        'Viet Nam. A birth registered abroad has a country code there, and Benhan does not have that list, ' +
        'so such numbers cannot be accepted yet.',
    });
  }

  const digit = Number(value[3]);
  const encoded = decodeCenturySexDigit(digit);
  const yearDigits = value.slice(4, 6);
  const birthYear = birthYearOf(person);
  if (birthYear !== undefined) {
    const century = Math.floor(birthYear / 100) * 100;
    if (century !== encoded.century) {
      problems.push({
        field,
        code: CITIZEN_ID_PROBLEM_CODES.centurySex,
        message:
          `Digit 4 of the CCCD (${digit}) means born in ${encoded.century}–${encoded.century + 99}, ` +
          `but the birth year is ${birthYear}. ${expectedDigitText(century)}`,
      });
    }
    const expectedYearDigits = String(birthYear % 100).padStart(2, '0');
    if (yearDigits !== expectedYearDigits) {
      problems.push({
        field,
        code: CITIZEN_ID_PROBLEM_CODES.birthYear,
        message:
          `Digits 5–6 of the CCCD (${yearDigits}) must be the last two digits of the birth year ` +
          `${birthYear} (${expectedYearDigits}).`,
      });
    }
  }
  if ((person?.sex === 'male' || person?.sex === 'female') && person.sex !== encoded.sex) {
    problems.push({
      field,
      code: CITIZEN_ID_PROBLEM_CODES.sex,
      message: `Digit 4 of the CCCD (${digit}) means ${encoded.sex}, but the person's sex is recorded as ${person.sex}.`,
    });
  }
  return problems;
}

function decodeCenturySexDigit(digit: number): { century: number; sex: 'male' | 'female' } {
  return { century: 1900 + Math.floor(digit / 2) * 100, sex: digit % 2 === 0 ? 'male' : 'female' };
}

function expectedDigitText(century: number): string {
  if (century < 1900 || century > 2300) return `Births in ${century}–${century + 99} cannot be encoded in a CCCD.`;
  const male = ((century - 1900) / 100) * 2;
  return `For births in ${century}–${century + 99} digit 4 is ${male} (male) or ${male + 1} (female).`;
}

function birthYearOf(person: CitizenIdPerson | undefined): number | undefined {
  if (person?.birthDate && isIsoDate(person.birthDate)) return Number(person.birthDate.slice(0, 4));
  if (typeof person?.birthYear === 'number' && Number.isInteger(person.birthYear)) return person.birthYear;
  return undefined;
}
