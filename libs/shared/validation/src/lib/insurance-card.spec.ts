import {
  INSURANCE_CARD_PROBLEM_CODES as CODES,
  normalizeInsuranceCardNumber,
  parseInsuranceCardNumber,
  validateInsuranceCard,
  validateInsuranceCardNumber,
} from './insurance-card';

const codes = (value: string) => validateInsuranceCardNumber(value).map((p) => p.code);

describe(normalizeInsuranceCardNumber.name, () => {
  it('trims, drops inner spaces and upper-cases letters', () => {
    expect(normalizeInsuranceCardNumber('  dn4 01 0123456789 ')).toBe('DN4010123456789');
    expect(normalizeInsuranceCardNumber('ht3\t790123456789')).toBe('HT3790123456789');
  });
});

describe(validateInsuranceCardNumber.name, () => {
  describe('accepts', () => {
    it.each([
      ['DN4010123456789', 'an enterprise employee (DN, level 4) issued in Hà Nội (01)'],
      ['HT3790123456789', 'a pensioner (HT, level 3) issued in TP Hồ Chí Minh (79)'],
      ['TE1010123456789', 'a child under 6 (TE, level 1)'],
      ['CC1480123456789', 'a person with meritorious service (CC, level 1)'],
      ['QN5990123456789', 'an active-duty soldier (QN, level 5) with province 99'],
      ['BA4010123456789', 'a code added in 2024 (BA)'],
    ])('accepts %s: %s', (value) => {
      expect(validateInsuranceCardNumber(value)).toEqual([]);
    });

    it('accepts lower-case input with spaces, since it normalises it first', () => {
      expect(validateInsuranceCardNumber(' dn 4 01 0123456789')).toEqual([]);
    });

    it("does not require the benefit level to be the group's usual level (most favourable group wins)", () => {
      expect(validateInsuranceCardNumber('DN2010123456789')).toEqual([]);
    });
  });

  describe('rejects', () => {
    it('rejects an unknown group code (ZZ)', () => {
      const problems = validateInsuranceCardNumber('ZZ4010123456789');
      expect(problems.map((p) => p.code)).toEqual([CODES.objectCode]);
      expect(problems[0].message).toContain('"ZZ"');
    });

    it('rejects a number that does not start with two letters', () => {
      expect(codes('1N4010123456789')).toEqual([CODES.objectCode]);
    });

    it.each(['0', '6', 'A'])('rejects benefit level %s (must be 1 to 5)', (level) => {
      expect(codes(`DN${level}010123456789`)).toEqual([CODES.benefitLevel]);
    });

    it.each(['00', 'A1', '7X'])('rejects issuing province %s (must be 01 to 99)', (province) => {
      expect(codes(`DN4${province}0123456789`)).toEqual([CODES.province]);
    });

    it('rejects letters in the 10-digit social-insurance number', () => {
      expect(codes('DN401012345678O')).toEqual([CODES.socialInsuranceNumber]);
    });

    it.each([
      ['14 characters', 'DN401012345678'],
      ['16 characters', 'DN40101234567890'],
      ['an empty value', ''],
    ])('rejects %s (a card number has 15)', (_, value) => {
      expect(codes(value)).toEqual([CODES.length]);
    });

    it('says the length it found', () => {
      expect(validateInsuranceCardNumber('DN401012345678')[0].message).toContain('has 14');
    });

    it('recognises the 10-digit social-insurance number printed on post-2021 cards and asks for the full number', () => {
      expect(codes('0123456789')).toEqual([CODES.socialInsuranceNumberOnly]);
    });

    it('reports every part that is wrong', () => {
      expect(codes('ZZ000ABCDEFGHIJ')).toEqual([
        CODES.objectCode,
        CODES.benefitLevel,
        CODES.province,
        CODES.socialInsuranceNumber,
      ]);
    });

    it('never repeats the social-insurance number in a message', () => {
      for (const p of validateInsuranceCardNumber('ZZ0000123456789')) expect(p.message).not.toContain('0123456789');
    });
  });

  it('reports problems under insuranceCard.number by default and under the given field path', () => {
    expect(validateInsuranceCardNumber('X')[0].field).toBe('insuranceCard.number');
    expect(validateInsuranceCardNumber('X', { field: 'cardNumber' })[0].field).toBe('cardNumber');
  });
});

describe(parseInsuranceCardNumber.name, () => {
  it('splits a normalised number into group, benefit level, province and social-insurance number', () => {
    expect(parseInsuranceCardNumber('ht3 790123456789')).toEqual({
      objectCode: 'HT',
      benefitLevel: 3,
      provinceCode: '79',
      socialInsuranceNumber: '0123456789',
    });
  });

  it('returns null for a number the validator rejects', () => {
    expect(parseInsuranceCardNumber('ZZ4010123456789')).toBeNull();
    expect(parseInsuranceCardNumber('DN6010123456789')).toBeNull();
  });
});

describe(validateInsuranceCard.name, () => {
  const card = {
    number: 'DN4010123456789',
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    registeredFacilityCode: '01001',
  };

  it('accepts a well-formed card', () => {
    expect(validateInsuranceCard(card)).toEqual([]);
  });

  it('accepts a card valid for a single day and a card without a registered facility', () => {
    expect(validateInsuranceCard({ ...card, validTo: card.validFrom, registeredFacilityCode: null })).toEqual([]);
    expect(validateInsuranceCard({ number: card.number, validFrom: card.validFrom, validTo: card.validTo })).toEqual(
      [],
    );
  });

  it('rejects a card whose valid-to date is before its valid-from date', () => {
    expect(validateInsuranceCard({ ...card, validFrom: '2026-12-31', validTo: '2026-01-01' })).toEqual([
      expect.objectContaining({ field: 'insuranceCard.validTo', code: CODES.validityRange }),
    ]);
  });

  it.each(['2026-02-30', '31/12/2026', '2026-12-31T00:00:00Z', ''])(
    'rejects a validity date that is not a YYYY-MM-DD calendar date (%s)',
    (date) => {
      expect(validateInsuranceCard({ ...card, validTo: date })).toEqual([
        expect.objectContaining({ field: 'insuranceCard.validTo', code: CODES.dateFormat }),
      ]);
    },
  );

  it('accepts 29 February in a leap year only', () => {
    expect(validateInsuranceCard({ ...card, validFrom: '2024-02-29' })).toEqual([]);
    expect(validateInsuranceCard({ ...card, validFrom: '2025-02-29' }).map((p) => p.code)).toEqual([CODES.dateFormat]);
  });

  it.each(['0100', '010011', 'AB001', ''])(
    'rejects a registered facility code (MA_CSKCB) %p that is not 5 digits',
    (code) => {
      expect(validateInsuranceCard({ ...card, registeredFacilityCode: code })).toEqual([
        expect.objectContaining({ field: 'insuranceCard.registeredFacilityCode', code: CODES.facilityCode }),
      ]);
    },
  );

  it('reports the number, dates and facility under the given card path', () => {
    const problems = validateInsuranceCard(
      { number: 'ZZ4010123456789', validFrom: '2026-13-01', validTo: '2026-12-31', registeredFacilityCode: '1' },
      { field: 'guardian.insuranceCard' },
    );
    expect(problems.map((p) => p.field)).toEqual([
      'guardian.insuranceCard.number',
      'guardian.insuranceCard.validFrom',
      'guardian.insuranceCard.registeredFacilityCode',
    ]);
  });
});
