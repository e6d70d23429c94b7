import { VITAL_SIGN_KINDS, type FieldError, type VitalSignDefinition, type VitalSignFlag, type VitalSignKind, type VitalSignValues } from '@benhan/shared/contracts';

/**
 * The vital signs a nurse charts, LOINC-coded with UCUM units (what FHIR's vital-signs profile expects).
 * `plausible` bounds catch typing errors (a value outside is refused); `normal` is the adult reference
 * range used to flag a value low or high. Paediatric ranges differ: the flag is a hint, not a diagnosis.
 */
export const VITAL_SIGNS: readonly VitalSignDefinition[] = [
  {
    kind: 'pulse',
    loinc: '8867-4',
    loincDisplay: 'Heart rate',
    unit: '/min',
    plausible: { min: 20, max: 300 },
    normal: { min: 60, max: 100 },
    label: { vi: 'Mạch', en: 'Pulse' },
  },
  {
    kind: 'temperature',
    loinc: '8310-5',
    loincDisplay: 'Body temperature',
    unit: 'Cel',
    plausible: { min: 30, max: 45 },
    normal: { min: 36, max: 37.5 },
    label: { vi: 'Nhiệt độ', en: 'Temperature' },
  },
  {
    kind: 'systolic_bp',
    loinc: '8480-6',
    loincDisplay: 'Systolic blood pressure',
    unit: 'mm[Hg]',
    plausible: { min: 40, max: 300 },
    normal: { min: 90, max: 139 },
    label: { vi: 'Huyết áp tâm thu', en: 'Systolic blood pressure' },
  },
  {
    kind: 'diastolic_bp',
    loinc: '8462-4',
    loincDisplay: 'Diastolic blood pressure',
    unit: 'mm[Hg]',
    plausible: { min: 20, max: 200 },
    normal: { min: 60, max: 89 },
    label: { vi: 'Huyết áp tâm trương', en: 'Diastolic blood pressure' },
  },
  {
    kind: 'respiratory_rate',
    loinc: '9279-1',
    loincDisplay: 'Respiratory rate',
    unit: '/min',
    plausible: { min: 4, max: 80 },
    normal: { min: 12, max: 20 },
    label: { vi: 'Nhịp thở', en: 'Respiratory rate' },
  },
  {
    kind: 'spo2',
    loinc: '59408-5',
    loincDisplay: 'Oxygen saturation in Arterial blood by Pulse oximetry',
    unit: '%',
    plausible: { min: 50, max: 100 },
    normal: { min: 95, max: 100 },
    label: { vi: 'SpO2', en: 'SpO2' },
  },
  {
    kind: 'weight',
    loinc: '29463-7',
    loincDisplay: 'Body weight',
    unit: 'kg',
    plausible: { min: 0.3, max: 350 },
    // Weight and height have no "abnormal" of their own (BMI does): the whole plausible range is normal.
    normal: { min: 0.3, max: 350 },
    label: { vi: 'Cân nặng', en: 'Weight' },
  },
  {
    kind: 'height',
    loinc: '8302-2',
    loincDisplay: 'Body height',
    unit: 'cm',
    plausible: { min: 20, max: 250 },
    normal: { min: 20, max: 250 },
    label: { vi: 'Chiều cao', en: 'Height' },
  },
];

const BY_KIND = new Map(VITAL_SIGNS.map((d) => [d.kind, d]));

export function vitalSignDefinition(kind: VitalSignKind): VitalSignDefinition {
  const definition = BY_KIND.get(kind);
  if (!definition) throw new Error(`No vital sign definition for ${kind}`);
  return definition;
}

/** Low or high against the adult reference range (bounds included in normal). */
export function flagOf(kind: VitalSignKind, value: number): VitalSignFlag {
  const { normal } = vitalSignDefinition(kind);
  if (value < normal.min) return 'low';
  if (value > normal.max) return 'high';
  return 'normal';
}

/** The kinds present in a set of readings, in the definitions' order. */
export function kindsOf(values: VitalSignValues): VitalSignKind[] {
  return VITAL_SIGN_KINDS.filter((kind) => values[kind] !== undefined && values[kind] !== null);
}

/**
 * What is impossible in one set of readings taken together: no value at all, a value outside its
 * plausible range, a diastolic pressure not below the systolic one. `path` prefixes each field
 * (`values`, or `entries.2.values` in a round), so the 400 names the exact input.
 */
export function vitalSignProblems(values: VitalSignValues, path = 'values'): FieldError[] {
  const kinds = kindsOf(values);
  if (!kinds.length) return [{ field: path, message: 'needs at least one reading', code: 'required' }];
  const problems: FieldError[] = [];
  for (const kind of kinds) {
    const value = values[kind] as number;
    const { plausible, unit } = vitalSignDefinition(kind);
    if (!Number.isFinite(value) || value < plausible.min || value > plausible.max) {
      problems.push({ field: `${path}.${kind}`, message: `must be between ${plausible.min} and ${plausible.max} ${unit}`, code: 'plausible_range' });
    }
  }
  const { systolic_bp: systolic, diastolic_bp: diastolic } = values;
  if (systolic != null && diastolic != null && diastolic >= systolic && !problems.some((p) => p.field.endsWith('_bp'))) {
    problems.push({ field: `${path}.diastolic_bp`, message: 'must be lower than the systolic pressure', code: 'diastolic_not_below_systolic' });
  }
  return problems;
}
