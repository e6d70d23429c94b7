import type { FhirResource } from '../fhir.types';
import { SID } from '../fhir.types';
import { V2_0203, compact, concept, meta, ref } from './common';

/** The patients columns the mapper reads (raw row). */
export interface PatientRow {
  id: string;
  patient_code: string;
  full_name: string;
  birth_date: string | null;
  birth_year: number;
  sex: 'male' | 'female' | 'other' | 'unknown';
  citizen_id: string | null;
  nationality: string;
  address_province_code: string | null;
  address_commune_code: string | null;
  address_street: string | null;
  phone: string | null;
  guardian_name: string | null;
  guardian_relationship: string | null;
  guardian_phone: string | null;
  insurance_card_number: string | null;
  insurance_valid_from: string | null;
  insurance_valid_to: string | null;
  merged_into_id: string | null;
  version: number;
  updated_at: Date;
}

/** Vietnamese names are written family name first: "Nguyễn Thị Hường" → family Nguyễn, given Thị Hường. */
export function vietnameseName(fullName: string): { text: string; family?: string; given?: string[] } {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return { text: fullName };
  return { text: fullName, family: words[0], given: words.slice(1) };
}

function dateOnly(value: string | Date | null): string | null {
  if (value == null) return null;
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

export function toFhirPatient(p: PatientRow): FhirResource {
  const validFrom = dateOnly(p.insurance_valid_from);
  const validTo = dateOnly(p.insurance_valid_to);
  return compact({
    resourceType: 'Patient',
    id: p.id,
    meta: meta(p.version, p.updated_at),
    identifier: [
      { use: 'usual', type: concept({ system: V2_0203, code: 'MR', display: 'Medical record number' }, 'Mã bệnh nhân'), system: SID.patientCode, value: p.patient_code },
      ...(p.citizen_id
        ? [{ use: 'official', type: concept({ system: V2_0203, code: 'NI', display: 'National unique individual identifier' }, 'CCCD'), system: SID.citizenId, value: p.citizen_id }]
        : []),
      ...(p.insurance_card_number
        ? [
            compact({
              use: 'secondary',
              type: concept({ system: V2_0203, code: 'SB', display: 'Social Beneficiary Identifier' }, 'Thẻ BHYT'),
              system: SID.insuranceCard,
              value: p.insurance_card_number.trim(),
              period: validFrom || validTo ? compact({ start: validFrom, end: validTo }) : null,
            }),
          ]
        : []),
    ],
    active: p.merged_into_id == null,
    name: [{ use: 'official', ...vietnameseName(p.full_name) }],
    telecom: p.phone ? [{ system: 'phone', value: p.phone, use: 'mobile' }] : [],
    gender: p.sex,
    birthDate: dateOnly(p.birth_date) ?? String(p.birth_year),
    address:
      p.address_street || p.address_province_code || p.address_commune_code
        ? [
            compact({
              use: 'home',
              line: p.address_street ? [p.address_street] : [],
              // Administrative codes of the 2025 reform: commune (xã/phường) as city, province as state.
              city: p.address_commune_code,
              state: p.address_province_code,
              country: p.nationality === 'VN' ? 'VN' : null,
            }),
          ]
        : [],
    contact: p.guardian_name
      ? [
          compact({
            relationship: p.guardian_relationship ? [{ text: p.guardian_relationship }] : [],
            name: { text: p.guardian_name },
            telecom: p.guardian_phone ? [{ system: 'phone', value: p.guardian_phone }] : [],
          }),
        ]
      : [],
    link: p.merged_into_id ? [{ other: ref('Patient', p.merged_into_id), type: 'replaced-by' }] : [],
  });
}
