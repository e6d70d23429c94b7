import type { FhirResource } from '../fhir.types';
import { LOINC, UCUM, compact, concept, iso, meta, ref } from './common';

export const VITAL_SIGNS_PROFILE = 'http://hl7.org/fhir/StructureDefinition/vitalsigns';
export const BP_PANEL = { code: '85354-9', display: 'Blood pressure panel with all children optional' };
/** The panel's components: a search by either finds the panel (FHIR code search matches component codes too). */
export const BP_COMPONENT_CODES = ['8480-6', '8462-4'];
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

/** LOINC codes and the FHIR vital-signs profile of each charted kind (the blood pressure pair becomes one panel). */
export const VITAL_SIGN_CODES: Record<string, { code: string; display: string; alsoCode?: { code: string; display: string }; profile: string }> = {
  pulse: { code: '8867-4', display: 'Heart rate', profile: 'heartrate' },
  temperature: { code: '8310-5', display: 'Body temperature', profile: 'bodytemp' },
  systolic_bp: { ...BP_PANEL, profile: 'bp' },
  respiratory_rate: { code: '9279-1', display: 'Respiratory rate', profile: 'resprate' },
  // The R4 oxygensat profile wants 2708-6; the care chart records the more specific pulse-oximetry code too.
  spo2: { code: '2708-6', display: 'Oxygen saturation in Arterial blood', alsoCode: { code: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry' }, profile: 'oxygensat' },
  weight: { code: '29463-7', display: 'Body weight', profile: 'bodyweight' },
  height: { code: '8302-2', display: 'Body height', profile: 'bodyheight' },
};

export interface VitalSignRow {
  id: string;
  kind: string;
  value: string | number;
  unit: string;
  flag: 'low' | 'normal' | 'high';
  dia_value: string | number | null;
  dia_unit: string | null;
  dia_flag: 'low' | 'normal' | 'high' | null;
  taken_at: Date;
  recorded_at: Date;
  recorded_by: string;
  encounter_id: string;
  patient_id: string;
  in_error_at: Date | null;
}

function quantity(value: string | number, unit: string) {
  return { value: Number(value), unit, system: UCUM, code: unit };
}

function interpretation(flag: VitalSignRow['flag'] | null) {
  if (!flag) return [];
  const code = flag === 'low' ? { code: 'L', display: 'Low' } : flag === 'high' ? { code: 'H', display: 'High' } : { code: 'N', display: 'Normal' };
  return [concept({ system: INTERPRETATION, ...code })];
}

/** A charted vital sign as an Observation of the FHIR vital-signs profile; systolic + diastolic as one BP panel. */
export function toFhirVitalSign(o: VitalSignRow): FhirResource {
  const def = VITAL_SIGN_CODES[o.kind];
  const bp = o.kind === 'systolic_bp';
  return compact({
    resourceType: 'Observation',
    id: o.id,
    meta: meta(o.in_error_at ? 2 : 1, o.in_error_at ?? o.recorded_at, [VITAL_SIGNS_PROFILE, `http://hl7.org/fhir/StructureDefinition/${def.profile}`]),
    status: o.in_error_at ? 'entered-in-error' : 'final',
    category: [{ ...concept({ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs', display: 'Vital Signs' }), text: 'Vital Signs' }],
    code: { coding: [{ system: LOINC, code: def.code, display: def.display }, ...(def.alsoCode ? [{ system: LOINC, ...def.alsoCode }] : [])], text: def.display },
    subject: ref('Patient', o.patient_id),
    encounter: ref('Encounter', o.encounter_id),
    effectiveDateTime: iso(o.taken_at),
    issued: iso(o.recorded_at),
    performer: [ref('Practitioner', o.recorded_by)],
    valueQuantity: bp ? null : quantity(o.value, o.unit),
    interpretation: bp ? [] : interpretation(o.flag),
    component: bp
      ? [
          { code: concept({ system: LOINC, code: BP_COMPONENT_CODES[0], display: 'Systolic blood pressure' }), valueQuantity: quantity(o.value, o.unit), interpretation: interpretation(o.flag) },
          ...(o.dia_value != null
            ? [
                {
                  code: concept({ system: LOINC, code: BP_COMPONENT_CODES[1], display: 'Diastolic blood pressure' }),
                  valueQuantity: quantity(o.dia_value, o.dia_unit ?? o.unit),
                  interpretation: interpretation(o.dia_flag),
                },
              ]
            : []),
        ].map((c) => compact(c))
      : [],
  });
}
