import { PHONE_PROBLEM_CODES, normalizePhone, validatePhone } from './phone';

describe(normalizePhone.name, () => {
  it('removes spaces, dots and dashes and writes +84 as a leading 0', () => {
    expect(normalizePhone('0912 345 678')).toBe('0912345678');
    expect(normalizePhone('+84 912.345-678')).toBe('0912345678');
    expect(normalizePhone('024.3123.4567')).toBe('02431234567');
  });
});

describe(validatePhone.name, () => {
  it.each([
    ['0912345678', 'a mobile number'],
    ['0912 345 678', 'a mobile number with spaces'],
    ['091.234.5678', 'a mobile number with dots'],
    ['091-234-5678', 'a mobile number with dashes'],
    ['+84912345678', 'a mobile number with +84'],
    ['+84 91 234 5678', 'a mobile number with +84 and spaces'],
    ['024 3123 4567', 'a Hà Nội landline (024 + 8 digits)'],
    ['0203 3123 456', 'a provincial landline (0203 + 7 digits)'],
    ['+84 24 3123 4567', 'a landline with +84'],
  ])('accepts %s (%s)', (value) => {
    expect(validatePhone(value)).toEqual([]);
  });

  it.each([
    ['091234567', 'a leading 0 and only 8 digits'],
    ['09123456789', 'a mobile-looking number with 10 digits after the 0'],
    ['912345678', 'no leading 0 or +84'],
    ['84912345678', '84 without the plus sign'],
    ['+840912345678', '+84 followed by the national 0'],
    ['+85912345678', 'another country code'],
    ['(024) 3123 4567', 'parentheses'],
    ['0912345abc', 'letters'],
    ['', 'an empty value'],
  ])('rejects %s (%s)', (value) => {
    expect(validatePhone(value).map((p) => p.code)).toEqual([PHONE_PROBLEM_CODES.format]);
  });

  it('reports problems under phone by default and under the given field path', () => {
    expect(validatePhone('1')[0].field).toBe('phone');
    expect(validatePhone('1', { field: 'guardian.phone' })[0].field).toBe('guardian.phone');
  });
});
