import { VITAL_SIGN_KINDS, type VitalSignKind } from '@benhan/shared/contracts';
import { VITAL_SIGNS, flagOf, kindsOf, vitalSignDefinition, vitalSignProblems } from './vital-signs';

describe('vital sign definitions', () => {
  it('define every kind once, LOINC-coded with a UCUM unit', () => {
    expect(VITAL_SIGNS.map((d) => d.kind)).toEqual([...VITAL_SIGN_KINDS]);
    expect(Object.fromEntries(VITAL_SIGNS.map((d) => [d.kind, `${d.loinc} ${d.unit}`]))).toEqual({
      pulse: '8867-4 /min',
      temperature: '8310-5 Cel',
      systolic_bp: '8480-6 mm[Hg]',
      diastolic_bp: '8462-4 mm[Hg]',
      respiratory_rate: '9279-1 /min',
      spo2: '59408-5 %',
      weight: '29463-7 kg',
      height: '8302-2 cm',
    });
  });

  it('keep every normal range inside the plausible one', () => {
    for (const d of VITAL_SIGNS) {
      expect(d.plausible.min).toBeLessThanOrEqual(d.normal.min);
      expect(d.normal.max).toBeLessThanOrEqual(d.plausible.max);
    }
  });
});

describe(flagOf.name, () => {
  const cases: [VitalSignKind, number, 'low' | 'normal' | 'high'][] = [
    ['temperature', 35.9, 'low'],
    ['temperature', 36.0, 'normal'],
    ['temperature', 37.5, 'normal'],
    ['temperature', 37.6, 'high'],
    ['temperature', 39.2, 'high'],
    ['pulse', 59, 'low'],
    ['pulse', 60, 'normal'],
    ['pulse', 100, 'normal'],
    ['pulse', 101, 'high'],
    ['systolic_bp', 89, 'low'],
    ['systolic_bp', 139, 'normal'],
    ['systolic_bp', 140, 'high'],
    ['diastolic_bp', 59, 'low'],
    ['diastolic_bp', 89, 'normal'],
    ['diastolic_bp', 90, 'high'],
    ['respiratory_rate', 11, 'low'],
    ['respiratory_rate', 12, 'normal'],
    ['respiratory_rate', 20, 'normal'],
    ['respiratory_rate', 21, 'high'],
    ['spo2', 94, 'low'],
    ['spo2', 95, 'normal'],
    ['spo2', 100, 'normal'],
    ['weight', 0.3, 'normal'],
    ['weight', 120, 'normal'],
    ['height', 165, 'normal'],
  ];
  it.each(cases)('flags %s %p as %s against the adult reference range (bounds are normal)', (kind, value, flag) => {
    expect(flagOf(kind, value)).toBe(flag);
  });
});

describe(vitalSignProblems.name, () => {
  const impossible: [VitalSignKind, number][] = [
    ['temperature', 29.9],
    ['temperature', 45.1],
    ['temperature', 375],
    ['pulse', 19],
    ['pulse', 301],
    ['systolic_bp', 39],
    ['systolic_bp', 301],
    ['diastolic_bp', 19],
    ['diastolic_bp', 201],
    ['respiratory_rate', 3],
    ['respiratory_rate', 81],
    ['spo2', 49],
    ['spo2', 101],
    ['weight', 0.2],
    ['weight', 351],
    ['height', 19],
    ['height', 251],
  ];
  it.each(impossible)('refuses %s %p as physiologically impossible, naming the field', (kind, value) => {
    const { plausible } = vitalSignDefinition(kind);
    expect(vitalSignProblems({ [kind]: value })).toEqual([{ field: `values.${kind}`, message: expect.stringContaining(`between ${plausible.min} and ${plausible.max}`), code: 'plausible_range' }]);
  });

  it('accepts the plausible bounds themselves', () => {
    for (const d of VITAL_SIGNS) {
      expect(vitalSignProblems({ [d.kind]: d.plausible.min })).toEqual([]);
      expect(vitalSignProblems({ [d.kind]: d.plausible.max })).toEqual([]);
    }
  });

  it('needs at least one reading', () => {
    expect(vitalSignProblems({})).toEqual([{ field: 'values', message: 'needs at least one reading', code: 'required' }]);
    expect(vitalSignProblems({ pulse: null as unknown as number })).toHaveLength(1);
  });

  it('refuses a diastolic pressure not below the systolic one', () => {
    expect(vitalSignProblems({ systolic_bp: 120, diastolic_bp: 80 })).toEqual([]);
    expect(vitalSignProblems({ systolic_bp: 80, diastolic_bp: 80 })).toEqual([{ field: 'values.diastolic_bp', message: 'must be lower than the systolic pressure', code: 'diastolic_not_below_systolic' }]);
  });

  it('prefixes fields with the entry of a round', () => {
    expect(vitalSignProblems({ pulse: 400, temperature: 37 }, 'entries.2.values').map((p) => p.field)).toEqual(['entries.2.values.pulse']);
  });

  it('lists the kinds present in the definitions’ order', () => {
    expect(kindsOf({ spo2: 97, pulse: 80, temperature: 37 })).toEqual(['pulse', 'temperature', 'spo2']);
  });
});
