import { toFhirVitalSign, type VitalSignRow } from './observation.mapper';

const row: VitalSignRow = {
  id: 'o1',
  kind: 'systolic_bp',
  value: '128.00',
  unit: 'mm[Hg]',
  flag: 'normal',
  dia_value: '95.00',
  dia_unit: 'mm[Hg]',
  dia_flag: 'high',
  taken_at: new Date('2026-11-28T01:00:00Z'),
  recorded_at: new Date('2026-11-28T01:02:00Z'),
  recorded_by: 'u1',
  encounter_id: 'e1',
  patient_id: 'p1',
  in_error_at: null,
};

describe(toFhirVitalSign.name, () => {
  it('maps a systolic/diastolic pair to a blood pressure panel (85354-9) with two components and no value of its own', () => {
    const o = toFhirVitalSign(row) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- reading loose JSON
    expect(o['code'].coding[0].code).toBe('85354-9');
    expect(o['valueQuantity']).toBeUndefined();
    expect(o['component'].map((c: any) => [c.code.coding[0].code, c.valueQuantity.value, c.interpretation[0].coding[0].code])).toEqual([ // eslint-disable-line @typescript-eslint/no-explicit-any
      ['8480-6', 128, 'N'],
      ['8462-4', 95, 'H'],
    ]);
  });

  it('marks an entry in error as entered-in-error, as a second version', () => {
    const o = toFhirVitalSign({ ...row, kind: 'pulse', unit: '/min', value: 80, in_error_at: new Date('2026-11-28T02:00:00Z') });
    expect([o['status'], o.meta?.versionId, o.meta?.lastUpdated]).toEqual(['entered-in-error', '2', '2026-11-28T02:00:00.000Z']);
    expect(o['valueQuantity']).toEqual({ value: 80, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' });
  });
});
