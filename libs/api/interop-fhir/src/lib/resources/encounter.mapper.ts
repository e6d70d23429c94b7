import type { FhirResource } from '../fhir.types';
import { SID } from '../fhir.types';
import { ICD10, compact, concept, iso, meta, ref } from './common';

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const DIAGNOSIS_ROLE = 'http://terminology.hl7.org/CodeSystem/diagnosis-role';
const PARTICIPATION_TYPE = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';

export interface EncounterRow {
  id: string;
  patient_id: string;
  patient_name: string;
  type: 'inpatient' | 'outpatient';
  status: 'in_progress' | 'finished';
  department_id: string;
  department_name: string;
  record_number: string | null;
  attending_doctor_id: string | null;
  reason: string | null;
  started_at: Date;
  ended_at: Date | null;
  last_updated: Date;
  version: number;
}

export interface DiagnosisRow {
  encounter_id: string;
  role: 'admission' | 'principal' | 'secondary' | 'discharge';
  code: string;
  title: string;
  recorded_at: Date;
}

export interface MovementRow {
  encounter_id: string;
  bed_id: string | null;
  started_at: Date;
  ended_at: Date | null;
}

const USE: Record<DiagnosisRow['role'], { code: string; display: string }> = {
  admission: { code: 'AD', display: 'Admission diagnosis' },
  principal: { code: 'DD', display: 'Discharge diagnosis' },
  discharge: { code: 'DD', display: 'Discharge diagnosis' },
  secondary: { code: 'CM', display: 'Comorbidity diagnosis' },
};

/**
 * An outpatient visit (AMB) or inpatient stay (IMP). ICD-10 diagnoses are contained Conditions referenced from
 * `diagnosis` (no Condition endpoint yet); beds occupied are `location`, the current department `serviceProvider`.
 */
export function toFhirEncounter(e: EncounterRow, diagnoses: DiagnosisRow[], movements: MovementRow[]): FhirResource {
  const contained = diagnoses.map((d, i) => ({
    resourceType: 'Condition',
    id: `dx${i + 1}`,
    category: [concept({ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'encounter-diagnosis', display: 'Encounter Diagnosis' })],
    code: concept({ system: ICD10, code: d.code, display: d.title }, d.title),
    subject: ref('Patient', e.patient_id),
    recordedDate: iso(d.recorded_at),
  }));
  const principalRank = diagnoses.findIndex((d) => d.role === 'principal');
  return compact({
    resourceType: 'Encounter',
    id: e.id,
    meta: meta(e.version, e.last_updated),
    contained,
    identifier: e.record_number ? [{ use: 'official', system: SID.recordNumber, value: e.record_number }] : [],
    status: e.status === 'in_progress' ? 'in-progress' : 'finished',
    class: e.type === 'inpatient' ? { system: ACT_CODE, code: 'IMP', display: 'inpatient encounter' } : { system: ACT_CODE, code: 'AMB', display: 'ambulatory' },
    subject: ref('Patient', e.patient_id, e.patient_name),
    participant: e.attending_doctor_id
      ? [{ type: [concept({ system: PARTICIPATION_TYPE, code: 'ATND', display: 'attender' })], individual: ref('Practitioner', e.attending_doctor_id) }]
      : [],
    period: compact({ start: iso(e.started_at), end: e.ended_at ? iso(e.ended_at) : null }),
    reasonCode: e.reason ? [{ text: e.reason }] : [],
    diagnosis: diagnoses.map((d, i) =>
      compact({ condition: { reference: `#dx${i + 1}` }, use: concept({ system: DIAGNOSIS_ROLE, ...USE[d.role] }), rank: i === principalRank ? 1 : null }),
    ),
    location: movements
      .filter((m) => m.bed_id)
      .map((m) => ({
        location: ref('Location', m.bed_id as string),
        status: m.ended_at ? 'completed' : 'active',
        period: compact({ start: iso(m.started_at), end: m.ended_at ? iso(m.ended_at) : null }),
      })),
    serviceProvider: ref('Organization', e.department_id, e.department_name),
  });
}
