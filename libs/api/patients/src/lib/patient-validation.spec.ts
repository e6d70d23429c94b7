import type { RegisterPatientRequest } from '@benhan/shared/contracts';
import { normalizedRegistration, patientProblems } from './patient-validation';

const valid: RegisterPatientRequest = {
  fullName: '  Trịnh   Thị Ngọc Ánh ',
  birthDate: '1990-05-17',
  sex: 'female',
  citizenId: '001190012345',
  phone: '+84 912.345.678',
  insuranceCard: { number: 'dn4 010 123 456 789', validFrom: '2026-01-01', validTo: '2026-12-31', registeredFacilityCode: '01001' },
  guardian: { name: 'Trịnh Văn Nam', relationship: 'Chồng', phone: '0987 654 321' },
};

const problemFields = (r: RegisterPatientRequest) => patientProblems(normalizedRegistration(r)).map((p) => p.field);

describe('patient registration rules', () => {
  it('accepts a complete, consistent registration and normalises it', () => {
    const fields = normalizedRegistration(valid);
    expect(patientProblems(fields)).toEqual([]);
    expect(fields).toEqual(
      expect.objectContaining({ fullName: 'Trịnh Thị Ngọc Ánh', birthYear: 1990, phone: '0912345678', guardianPhone: '0987654321', insuranceCardNumber: 'DN4010123456789', nationality: 'VN' }),
    );
  });

  it('rejects a CCCD whose century-and-sex digit says male for a female patient', () => {
    expect(problemFields({ ...valid, citizenId: '001090012345' })).toEqual(['citizenId']);
  });

  it('needs a date or a year of birth, and accepts the year alone', () => {
    expect(problemFields({ ...valid, birthDate: null, citizenId: null })).toEqual(['birthDate']);
    expect(problemFields({ ...valid, birthDate: null, birthYear: 1990, citizenId: null })).toEqual([]);
  });

  it('names the card field for a malformed BHYT number and a bad validity range', () => {
    const fields = problemFields({ ...valid, insuranceCard: { number: 'ZZ4010123456789', validFrom: '2026-12-31', validTo: '2026-01-01', registeredFacilityCode: null } });
    expect(fields).toEqual(expect.arrayContaining(['insuranceCard.number', 'insuranceCard.validTo']));
  });

  it('checks the guardian phone under its own field', () => {
    expect(problemFields({ ...valid, guardian: { name: 'A B', relationship: 'Mẹ', phone: '12345' } })).toEqual(['guardian.phone']);
  });

  it('asks a temporary identity for its reason, and an unknown patient to be temporary', () => {
    expect(problemFields({ fullName: 'Không rõ tên', birthYear: 1970, sex: 'male' })).toEqual(['identityStatus']);
    expect(problemFields({ fullName: 'Không rõ tên', birthYear: 1970, sex: 'male', identityStatus: 'temporary' })).toEqual(['temporaryReason']);
    expect(problemFields({ fullName: 'Không rõ tên', birthYear: 1970, sex: 'male', identityStatus: 'temporary', temporaryReason: 'unidentified' })).toEqual([]);
  });

  it('rejects an ethnicity code outside the official 54', () => {
    expect(problemFields({ ...valid, ethnicityCode: '55' })).toEqual(['ethnicityCode']);
  });
});
