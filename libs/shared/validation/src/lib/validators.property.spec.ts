import fc from 'fast-check';
import { CITIZEN_ID_PROBLEM_CODES, parseCitizenId, validateCitizenId } from './citizen-id';
import { CCCD_PROVINCES } from './data/cccd-province-codes';
import { BHYT_OBJECT_CODES } from './data/bhyt-object-codes';
import { foldVietnamese } from './fold-vietnamese';
import { INSURANCE_CARD_PROBLEM_CODES, normalizeInsuranceCardNumber, parseInsuranceCardNumber, validateInsuranceCard, validateInsuranceCardNumber } from './insurance-card';
import { isIsoDate } from './iso-date';
import { PHONE_PROBLEM_CODES, normalizePhone, validatePhone } from './phone';

// Property-based tests (fast-check): a failure prints its seed and path; rerun it with FC_SEED=<seed> (see README "Tests").
const seed = process.env['FC_SEED'] === undefined ? {} : { seed: Number(process.env['FC_SEED']) };

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
/** What a person types into an identifier field: anything, or digits, letters and separators in about the right number. */
const typed = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.constantFrom(...'0123456789 .-+DNHTdnhtđĐ\t\u00a0\uFF10'.split('')), { maxLength: 20 }).map((c) => c.join('')),
);
const person = fc.record(
  { birthDate: fc.option(fc.oneof(fc.string(), fc.constantFrom('2003-02-29', '2004-02-29', '1899-12-31', '0000-01-01', '2025-13-01'))), birthYear: fc.option(fc.oneof(fc.integer(), fc.double())), sex: fc.constantFrom('male', 'female', 'other', 'unknown', null, undefined) },
  { requiredKeys: [] },
);
const codesOf = (table: Record<string, string>) => Object.values(table);

describe('identifier validators (property-based)', () => {
  it('answer any typed text with problems of their own codes, never a throw; parse agrees with validate', () => {
    fc.assert(
      fc.property(typed, person, (value, who) => {
        const cccd = validateCitizenId(value, who as never);
        expect(cccd.every((p) => codesOf(CITIZEN_ID_PROBLEM_CODES).includes(p.code) && p.field === 'citizenId' && p.message.length > 0)).toBe(true);
        const parsed = parseCitizenId(value);
        expect(parsed === null).toBe(validateCitizenId(value).length > 0);
        expect(validateInsuranceCardNumber(value).every((p) => codesOf(INSURANCE_CARD_PROBLEM_CODES).includes(p.code))).toBe(true);
        expect(parseInsuranceCardNumber(value) === null).toBe(validateInsuranceCardNumber(value).length > 0);
        expect(normalizeInsuranceCardNumber(normalizeInsuranceCardNumber(value))).toBe(normalizeInsuranceCardNumber(value));
        const phone = validatePhone(value, { field: 'guardian.phone' });
        expect(phone.every((p) => p.code === PHONE_PROBLEM_CODES.format && p.field === 'guardian.phone')).toBe(true);
        expect(validatePhone(normalizePhone(value))).toEqual(validatePhone(value));
        expect(foldVietnamese(foldVietnamese(value))).toBe(foldVietnamese(value));
        expect(validateInsuranceCard({ number: value, validFrom: value, validTo: value, registeredFacilityCode: value }).every((p) => codesOf(INSURANCE_CARD_PROBLEM_CODES).includes(p.code))).toBe(true);
      }),
      { numRuns: 1000, ...seed },
    );
  });

  it('read back a CCCD written for a person: province, century and sex, birth year', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CCCD_PROVINCES), fc.integer({ min: 1900, max: 2399 }), fc.constantFrom('male' as const, 'female' as const), digits(6), (province, year, sex, rest) => {
        const digit = ((Math.floor(year / 100) - 19) * 2 + (sex === 'female' ? 1 : 0)).toString();
        const number = `${province.code}${digit}${String(year % 100).padStart(2, '0')}${rest}`;
        expect(validateCitizenId(number, { birthYear: year, sex })).toEqual([]);
        expect(parseCitizenId(number)).toEqual({ provinceCode: province.code, provinceName: province.name, century: Math.floor(year / 100) * 100, sex, birthYearTwoDigits: number.slice(4, 6), birthYear: year });
      }),
      { numRuns: 500, ...seed },
    );
  });

  it('read back a BHYT card number however it is spaced and cased', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BHYT_OBJECT_CODES.map((c) => c.code)), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 99 }), digits(10), fc.array(fc.nat(16), { maxLength: 4 }), fc.boolean(), (group, level, province, insured, spaces, lower) => {
        const number = `${group}${level}${String(province).padStart(2, '0')}${insured}`;
        let typedNumber = lower ? number.toLowerCase() : number;
        for (const at of spaces) typedNumber = `${typedNumber.slice(0, at)} ${typedNumber.slice(at)}`;
        expect(validateInsuranceCardNumber(typedNumber)).toEqual([]);
        expect(normalizeInsuranceCardNumber(typedNumber)).toBe(number);
        expect(parseInsuranceCardNumber(typedNumber)).toEqual({ objectCode: group, benefitLevel: level, provinceCode: number.slice(3, 5), socialInsuranceNumber: insured });
      }),
      { numRuns: 500, ...seed },
    );
  });

  it('accept a Vietnamese phone number written with +84, spaces, dots or dashes', () => {
    fc.assert(
      fc.property(fc.oneof(digits(9), digits(9).map((d) => `2${d}`)), fc.boolean(), fc.array(fc.tuple(fc.nat(12), fc.constantFrom(' ', '.', '-')), { maxLength: 4 }), (national, international, separators) => {
        let written = international ? `+84${national}` : `0${national}`;
        for (const [at, sep] of separators) written = `${written.slice(0, at + 3)}${sep}${written.slice(at + 3)}`;
        expect(validatePhone(written)).toEqual([]);
        expect(normalizePhone(written)).toBe(`0${national}`);
      }),
      { numRuns: 500, ...seed },
    );
  });

  it('agree with the calendar on YYYY-MM-DD dates', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const date = new Date(0);
        date.setUTCFullYear(y, m - 1, d);
        const exists = m >= 1 && m <= 12 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
        expect(isIsoDate(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`)).toBe(exists);
      }),
      { numRuns: 1000, ...seed },
    );
  });

  it('fold Vietnamese text to lower-case ASCII letters for search, the same with or without its diacritics', () => {
    const VIETNAMESE = 'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵdđ';
    const BASE = 'aaaaaaaaaaaaaaaaaaeeeeeeeeeeeeiiiiiioooooooooooooooooouuuuuuuuuuuuyyyyyydd';
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat(VIETNAMESE.length - 1), fc.constantFrom(-1, -2, -3)), { maxLength: 30 }), fc.boolean(), fc.boolean(), (picks, upper, nfd) => {
        const pick = (table: string) => picks.map((i) => (i >= 0 ? table[i] : [' ', '\t\n', '\u00a0 '][-i - 1])).join('');
        let text = upper ? pick(VIETNAMESE).toUpperCase() : pick(VIETNAMESE);
        if (nfd) text = text.normalize('NFD');
        const folded = foldVietnamese(text);
        expect(folded).toBe(foldVietnamese(pick(BASE)));
        expect(folded).toMatch(/^(?:[a-z]+(?: [a-z]+)*)?$/);
        expect(foldVietnamese(folded)).toBe(folded);
      }),
      { numRuns: 1000, ...seed },
    );
  });
});
