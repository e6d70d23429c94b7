import { registrationProblems, type RegistrationFormValue, toRegisterRequest } from './registration-form';

function aForm(overrides: Partial<RegistrationFormValue> = {}): RegistrationFormValue {
  return {
    fullName: ' Trịnh  Thị Ngọc Ánh ',
    yearOnly: false,
    birthDate: new Date(1990, 4, 1),
    birthYear: null,
    sex: 'female',
    temporary: false,
    temporaryReason: null,
    citizenId: '001 190 012345',
    ethnicityCode: '01',
    nationality: 'vn',
    occupation: '',
    address: { provinceCode: null, communeCode: null, street: '' },
    phone: '',
    guardian: { name: '', relationship: '', phone: '' },
    insuranceCard: { number: '', validFrom: null, validTo: null, registeredFacilityCode: '' },
    ...overrides,
  };
}

const TODAY = new Date(2026, 10, 27);
const codes = (form: RegistrationFormValue) => registrationProblems(form, TODAY).map((p) => `${p.field} ${p.code}`);

describe('registrationProblems', () => {
  it('accepts a complete registration', () => {
    expect(codes(aForm())).toEqual([]);
  });

  it('checks the CCCD against the birth year and sex (the shared validator)', () => {
    expect(codes(aForm({ sex: 'male', birthDate: new Date(1985, 0, 1) }))).toEqual([
      'citizenId citizen_id.birth_year',
      'citizenId citizen_id.sex',
    ]);
  });

  it('uses the year alone when only the year of birth is known', () => {
    expect(codes(aForm({ yearOnly: true, birthDate: null, birthYear: 1990 }))).toEqual([]);
    expect(codes(aForm({ yearOnly: true, birthYear: null }))).toEqual(['birthYear required']);
    expect(codes(aForm({ yearOnly: true, birthYear: 2027, citizenId: '' }))).toEqual(['birthYear birth_year.range']);
  });

  it('refuses a birth date after today', () => {
    expect(codes(aForm({ birthDate: new Date(2026, 10, 28), citizenId: '' }))).toEqual(['birthDate birth_date.future']);
  });

  it('asks for the reason of a temporary identity', () => {
    expect(codes(aForm({ temporary: true }))).toEqual(['temporaryReason required']);
  });

  it('wants a guardian with a name and a relationship once any guardian field is filled', () => {
    expect(codes(aForm({ guardian: { name: '', relationship: '', phone: '0912 345 678' } }))).toEqual([
      'guardian.name required',
      'guardian.relationship required',
    ]);
  });

  it('wants the whole BHYT card once any card field is filled, then checks it', () => {
    const card = { number: 'DN4010123456789', validFrom: null, validTo: null, registeredFacilityCode: '' };
    expect(codes(aForm({ insuranceCard: card }))).toEqual(['insuranceCard.validFrom required', 'insuranceCard.validTo required']);
    expect(
      codes(aForm({ insuranceCard: { ...card, validFrom: new Date(2026, 11, 31), validTo: new Date(2026, 0, 1), registeredFacilityCode: '1' } })),
    ).toEqual(['insuranceCard.validTo insurance_card.validity_range', 'insuranceCard.registeredFacilityCode insurance_card.facility_code']);
  });
});

describe('toRegisterRequest', () => {
  it('trims, normalises and leaves empty parts out', () => {
    expect(
      toRegisterRequest(
        aForm({
          phone: '+84 912.345.678',
          address: { provinceCode: '01', communeCode: '00004', street: ' 12  Phố Huế ' },
          guardian: { name: 'Trịnh Văn Bình', relationship: 'Chồng', phone: '' },
          insuranceCard: { number: 'dn4 01 0123456789', validFrom: new Date(2026, 0, 1), validTo: new Date(2026, 11, 31), registeredFacilityCode: '' },
        }),
      ),
    ).toEqual({
      fullName: 'Trịnh Thị Ngọc Ánh',
      birthDate: '1990-05-01',
      birthYear: null,
      sex: 'female',
      identityStatus: 'verified',
      temporaryReason: null,
      citizenId: '001190012345',
      ethnicityCode: '01',
      nationality: 'VN',
      occupation: null,
      address: { provinceCode: '01', communeCode: '00004', street: '12 Phố Huế' },
      phone: '0912345678',
      guardian: { name: 'Trịnh Văn Bình', relationship: 'Chồng', phone: null },
      insuranceCard: { number: 'DN4010123456789', validFrom: '2026-01-01', validTo: '2026-12-31', registeredFacilityCode: null },
    });
  });

  it('registers a temporary identity with its reason and only a year of birth', () => {
    const request = toRegisterRequest(
      aForm({ temporary: true, temporaryReason: 'unidentified', yearOnly: true, birthYear: 1960, citizenId: '' }),
      true,
    );
    expect(request).toMatchObject({
      identityStatus: 'temporary',
      temporaryReason: 'unidentified',
      birthDate: null,
      birthYear: 1960,
      citizenId: null,
      confirmDuplicate: true,
    });
  });
});
