import type { FieldOptions, FieldProblem } from './field-problem';

export const PHONE_PROBLEM_CODES = {
  /** Not a Vietnamese mobile or landline number. */
  format: 'phone.format',
} as const;

export type PhoneProblemCode = (typeof PHONE_PROBLEM_CODES)[keyof typeof PHONE_PROBLEM_CODES];

/**
 * Mobile: 0 + 9 digits (`0912345678`). Landline: 0 + area code + subscriber number = 0 + 10 digits, area codes
 * starting with 2 since 2017 (`02431234567`, Hà Nội 024). Either may be written +84 instead of the leading 0.
 */
const NATIONAL = /^0(?:\d{9}|2\d{9})$/;

/**
 * Removes spaces, dots and dashes and writes `+84` as `0`: `'+84 912.345.678'` → `'0912345678'`.
 * Store this form once {@link validatePhone} finds no problem.
 */
export function normalizePhone(value: string): string {
  const compact = value.replace(/[\s.-]/g, '');
  return compact.startsWith('+84') ? `0${compact.slice(3)}` : compact;
}

/**
 * Checks a Vietnamese phone number after {@link normalizePhone}: a mobile (0 + 9 digits) or a landline
 * (02 + 9 digits), with `0` or `+84` in front.
 *
 * @param options.field reported path, `phone` by default (`guardian.phone` for the guardian's).
 */
export function validatePhone(value: string, options?: FieldOptions): FieldProblem[] {
  if (NATIONAL.test(normalizePhone(value))) return [];
  return [
    {
      field: options?.field ?? 'phone',
      code: PHONE_PROBLEM_CODES.format,
      message:
        'A phone number must be 0 followed by 9 digits (mobile, e.g. 0912 345 678) or 02 followed by 9 digits ' +
        '(landline, e.g. 024 3123 4567); +84 may replace the leading 0, and spaces, dots and dashes are ignored.',
    },
  ];
}
