import { grantsWrite } from './fhir-write.service';
import { resultStatus, toFhirLabObservation, type LabObservationRow } from './resources/orders.mappers';

describe(grantsWrite.name, () => {
  it('accepts SMART v1 .write, .* and v2 permissions containing the operation, per type or for all types', () => {
    expect(grantsWrite(['system/DiagnosticReport.write'], 'DiagnosticReport', 'c')).toBe(true);
    expect(grantsWrite(['system/*.write'], 'Observation', 'c')).toBe(true);
    expect(grantsWrite(['system/*.cruds'], 'Observation', 'c')).toBe(true);
    expect(grantsWrite(['system/Observation.c'], 'Observation', 'c')).toBe(true);
    expect(grantsWrite(['system/Observation.*'], 'Observation', 'u')).toBe(true);
  });

  it('refuses read scopes, other types, malformed permissions and user scopes', () => {
    expect(grantsWrite(['system/*.read', 'system/*.rs'], 'Observation', 'c')).toBe(false);
    expect(grantsWrite(['system/DiagnosticReport.write'], 'Observation', 'c')).toBe(false);
    expect(grantsWrite(['system/Observation.rc'], 'Observation', 'c')).toBe(false);
    expect(grantsWrite(['user/Observation.write', 'results.write'], 'Observation', 'c')).toBe(false);
    expect(grantsWrite(['system/Observation.r'], 'Observation', 'u')).toBe(false);
  });
});

describe(toFhirLabObservation.name, () => {
  const row: LabObservationRow = {
    id: 'o1',
    logical_id: 'o1',
    revision: 1,
    report_id: 'r1',
    order_id: 'x',
    patient_id: 'p1',
    encounter_id: 'e1',
    code: '2823-3',
    display: 'Kali',
    value_quantity: '2.3',
    unit: 'mmol/L',
    value_string: null,
    reference_low: '3.5',
    reference_high: '5.1',
    reference_text: null,
    interpretation: 'LL',
    lab_status: 'final',
    effective_at: new Date('2026-11-20T01:00:00Z'),
    issued: new Date('2026-11-20T02:00:00Z'),
    performer: null,
    supersedes_id: null,
    superseded_by_id: null,
    superseded_at: null,
    created_at: new Date('2026-11-20T02:00:01Z'),
    item_ids: ['i1', 'i2'],
    loinc_code: true,
  };

  it('maps a lab value: category laboratory, LOINC, UCUM quantity and range, interpretation, basedOn every item of the order', () => {
    expect(toFhirLabObservation(row)).toMatchObject({
      status: 'final',
      meta: { versionId: '1' },
      category: [{ coding: [{ code: 'laboratory' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '2823-3' }] },
      valueQuantity: { value: 2.3, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
      referenceRange: [{ low: { value: 3.5 }, high: { value: 5.1 } }],
      interpretation: [{ coding: [{ code: 'LL', display: 'Critical low' }] }],
      basedOn: [{ reference: 'ServiceRequest/i1' }, { reference: 'ServiceRequest/i2' }],
    });
  });

  it('shows a correction as the next version of the same Observation, status corrected', () => {
    expect(resultStatus('final', 'old')).toBe('corrected');
    expect(resultStatus('entered_in_error', null)).toBe('entered-in-error');
    const correction = toFhirLabObservation({ ...row, id: 'o2', supersedes_id: 'o1', revision: 2, created_at: new Date('2026-11-21T00:00:00Z') });
    expect(correction).toMatchObject({ id: 'o1', status: 'corrected', meta: { versionId: '2', lastUpdated: '2026-11-21T00:00:00.000Z' } });
  });
});
