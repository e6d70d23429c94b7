import { CITIZEN_ID_PROBLEM_CODES, parseCitizenId, validateCitizenId, type CitizenIdPerson } from './citizen-id';

const codes = (value: string, person?: CitizenIdPerson) => validateCitizenId(value, person).map((p) => p.code);

/** Copied from apps/api/src/demo/demo-hospital.ts (DEMO_PATIENTS with a CCCD); the lib imports nothing outside itself. */
const DEMO_SEED_CITIZENS = [
  { citizenId: '001158004321', birthDate: '1958-03-14', sex: 'female' },
  { citizenId: '001047001122', birthDate: '1947-11-02', sex: 'male' },
  { citizenId: '001065009876', birthDate: '1965-07-21', sex: 'male' },
  { citizenId: '001172005555', birthDate: '1972-01-30', sex: 'female' },
  { citizenId: '001080002468', birthDate: '1980-09-09', sex: 'male' },
  { citizenId: '001190007777', birthDate: '1990-12-25', sex: 'female' },
  { citizenId: '001075003333', birthDate: '1975-04-18', sex: 'male' },
  { citizenId: '001185006543', birthDate: '1985-06-06', sex: 'female' },
  { citizenId: '001195008888', birthDate: '1995-10-10', sex: 'female' },
  { citizenId: '001052001010', birthDate: '1952-05-05', sex: 'male' },
] as const;

describe(validateCitizenId.name, () => {
  describe('accepts', () => {
    it("accepts the data README's example: 079303… is a girl born in 2003 and registered in TP Hồ Chí Minh", () => {
      expect(validateCitizenId('079303004321', { birthDate: '2003-08-19', sex: 'female' })).toEqual([]);
    });

    it.each(DEMO_SEED_CITIZENS)('accepts demo-seed CCCD $citizenId with its birth date and sex', (c) => {
      expect(validateCitizenId(c.citizenId, { birthDate: c.birthDate, sex: c.sex })).toEqual([]);
    });

    it('accepts a Hà Nội (001) number of a man born in 1990 (digit 4 = 0, digits 5–6 = 90)', () => {
      expect(validateCitizenId('001090012345', { birthYear: 1990, sex: 'male' })).toEqual([]);
    });

    it('accepts a boy born in 2019 (digit 4 = 2 for a male born 2000–2099)', () => {
      expect(validateCitizenId('036219000017', { birthDate: '2019-02-11', sex: 'male' })).toEqual([]);
    });

    it('checks only the number itself when nothing is known about the person', () => {
      expect(validateCitizenId('001090012345')).toEqual([]);
      expect(validateCitizenId('096399000001', {})).toEqual([]);
    });

    it('does not compare the sex digit when the sex is other or unknown', () => {
      expect(validateCitizenId('001190012345', { birthYear: 1990, sex: 'other' })).toEqual([]);
      expect(validateCitizenId('001090012345', { birthYear: 1990, sex: 'unknown' })).toEqual([]);
    });
  });

  describe('rejects the format (exactly 12 digits)', () => {
    it.each([
      ['11 digits', '00109001234'],
      ['13 digits', '0010900123456'],
      ['a letter', '00109001234A'],
      ['spaces between the groups', '001 090 012 345'],
      ['a leading space', ' 001090012345'],
      ['an empty string', ''],
    ])('rejects a CCCD with %s', (_, value) => {
      expect(codes(value)).toEqual([CITIZEN_ID_PROBLEM_CODES.format]);
    });

    it('says how many digits an all-digit value has', () => {
      expect(validateCitizenId('00109001234')[0].message).toContain('has 11');
    });
  });

  describe('rejects an unknown birth-registration province (digits 1–3)', () => {
    it.each(['000', '097', '003', '099'])('rejects province code %s, which is not one of the 63', (province) => {
      expect(codes(`${province}090012345`)).toEqual([CITIZEN_ID_PROBLEM_CODES.province]);
    });

    it('explains that births registered abroad carry a country code Benhan cannot accept yet', () => {
      const [problem] = validateCitizenId('097090012345');
      expect(problem.message).toContain('097');
      expect(problem.message).toMatch(/abroad/);
      expect(problem.message).toMatch(/country code/);
    });
  });

  describe('compares digits 4–6 with the person', () => {
    it('rejects a CCCD whose century digit says 2000–2099 for a patient born in 1990', () => {
      expect(codes('001290012345', { birthYear: 1990, sex: 'male' })).toEqual([CITIZEN_ID_PROBLEM_CODES.centurySex]);
    });

    it('rejects a CCCD whose century digit says 1900–1999 for a patient born in 2003', () => {
      expect(codes('079103004321', { birthDate: '2003-08-19', sex: 'female' })).toEqual([
        CITIZEN_ID_PROBLEM_CODES.centurySex,
      ]);
    });

    it('names the digits that would fit the birth year in the century message', () => {
      const [problem] = validateCitizenId('001290012345', { birthYear: 1990 });
      expect(problem.message).toContain('0 (male) or 1 (female)');
    });

    it('rejects a CCCD whose century digit says female for a male patient', () => {
      expect(codes('001190012345', { birthYear: 1990, sex: 'male' })).toEqual([CITIZEN_ID_PROBLEM_CODES.sex]);
    });

    it('rejects a CCCD whose century digit says male for a female patient', () => {
      expect(codes('079203004321', { birthDate: '2003-08-19', sex: 'female' })).toEqual([CITIZEN_ID_PROBLEM_CODES.sex]);
    });

    it('rejects a CCCD whose birth-year digits (5–6) disagree with the birth date', () => {
      const problems = validateCitizenId('001091012345', { birthDate: '1990-06-01', sex: 'male' });
      expect(problems.map((p) => p.code)).toEqual([CITIZEN_ID_PROBLEM_CODES.birthYear]);
      expect(problems[0].message).toContain('(90)');
    });

    it('compares with the year of the birth date rather than birthYear when both are given', () => {
      expect(codes('001090012345', { birthDate: '1990-01-01', birthYear: 1991 })).toEqual([]);
    });

    it('falls back to birthYear when the birth date is not a valid YYYY-MM-DD date', () => {
      expect(codes('001090012345', { birthDate: '1991-02-30', birthYear: 1990 })).toEqual([]);
    });

    it('reports every problem at once: province, century, birth year and sex', () => {
      expect(codes('000391012345', { birthYear: 1990, sex: 'male' })).toEqual([
        CITIZEN_ID_PROBLEM_CODES.province,
        CITIZEN_ID_PROBLEM_CODES.centurySex,
        CITIZEN_ID_PROBLEM_CODES.birthYear,
        CITIZEN_ID_PROBLEM_CODES.sex,
      ]);
    });
  });

  it('reports problems under citizenId by default and under the given field path', () => {
    expect(validateCitizenId('1')[0].field).toBe('citizenId');
    expect(validateCitizenId('1', undefined, { field: 'guardian.citizenId' })[0].field).toBe('guardian.citizenId');
  });

  it('never repeats the whole number in a message (it is personal data and may reach logs)', () => {
    const problems = validateCitizenId('097391012345', { birthYear: 1990, sex: 'male' });
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p.message).not.toContain('097391012345');
  });
});

describe(parseCitizenId.name, () => {
  it('reads 079303004321 as TP Hồ Chí Minh, female, born 2003', () => {
    expect(parseCitizenId('079303004321')).toEqual({
      provinceCode: '079',
      provinceName: 'Hồ Chí Minh',
      century: 2000,
      sex: 'female',
      birthYearTwoDigits: '03',
      birthYear: 2003,
    });
  });

  it.each([
    [0, 1900, 'male'],
    [1, 1900, 'female'],
    [2, 2000, 'male'],
    [3, 2000, 'female'],
    [4, 2100, 'male'],
    [5, 2100, 'female'],
    [6, 2200, 'male'],
    [7, 2200, 'female'],
    [8, 2300, 'male'],
    [9, 2300, 'female'],
  ])('decodes century-and-sex digit %i as born from %i, %s', (digit, century, sex) => {
    expect(parseCitizenId(`001${digit}05000001`)).toMatchObject({ century, sex, birthYear: century + 5 });
  });

  it('returns null for a value that is not 12 digits or has an unknown province code', () => {
    expect(parseCitizenId('00109001234')).toBeNull();
    expect(parseCitizenId('00109001234X')).toBeNull();
    expect(parseCitizenId('097090012345')).toBeNull();
  });
});
