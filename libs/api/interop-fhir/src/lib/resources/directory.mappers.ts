import type { FhirResource } from '../fhir.types';
import { SID } from '../fhir.types';
import { compact, concept, meta, ref } from './common';
import { vietnameseName } from './patient.mapper';

const ORGANIZATION_TYPE = 'http://terminology.hl7.org/CodeSystem/organization-type';
const PHYSICAL_TYPE = 'http://terminology.hl7.org/CodeSystem/location-physical-type';

export interface PractitionerRow {
  id: string;
  username: string;
  full_name: string;
  roles: string[];
  practising_certificate_no: string | null;
  active: boolean;
  updated_at: Date;
}

/** A user with a clinical role (doctor, nurse). Users have no version column: versionId is always 1. */
export function toFhirPractitioner(u: PractitionerRow): FhirResource {
  return compact({
    resourceType: 'Practitioner',
    id: u.id,
    meta: meta(1, u.updated_at),
    identifier: [
      ...(u.practising_certificate_no ? [{ use: 'official', system: SID.practisingCertificate, value: u.practising_certificate_no }] : []),
      { use: 'secondary', system: SID.username, value: u.username },
    ],
    active: u.active,
    name: [{ use: 'official', ...vietnameseName(u.full_name) }],
  });
}

export interface OrganizationRow {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  part_of: string | null;
  active: boolean;
  kind: 'facility' | 'department';
  created_at: Date;
}

/** The facility (a healthcare provider) and its departments (khoa), each department partOf the facility. */
export function toFhirOrganization(o: OrganizationRow): FhirResource {
  const facility = o.kind === 'facility';
  return compact({
    resourceType: 'Organization',
    id: o.id,
    meta: meta(1, o.created_at),
    identifier: [{ system: facility ? SID.facilityCode : SID.departmentCode, value: o.code }],
    active: o.active,
    type: [facility ? concept({ system: ORGANIZATION_TYPE, code: 'prov', display: 'Healthcare Provider' }) : concept({ system: ORGANIZATION_TYPE, code: 'dept', display: 'Hospital Department' })],
    name: o.name,
    alias: o.name_en ? [o.name_en] : [],
    partOf: o.part_of ? ref('Organization', o.part_of) : null,
  });
}

export interface LocationRow {
  id: string;
  code: string;
  name: string;
  kind: 'ward' | 'bed';
  department_id: string;
  part_of: string | null;
  active: boolean;
}

/** Wards (buồng) and their beds; a bed is partOf its ward, both managed by the department. */
export function toFhirLocation(l: LocationRow): FhirResource {
  const ward = l.kind === 'ward';
  return compact({
    resourceType: 'Location',
    id: l.id,
    meta: { versionId: '1' },
    identifier: [{ system: ward ? SID.wardCode : SID.bedCode, value: l.code }],
    status: l.active ? 'active' : 'inactive',
    name: l.name,
    mode: 'instance',
    physicalType: ward ? concept({ system: PHYSICAL_TYPE, code: 'wa', display: 'Ward' }) : concept({ system: PHYSICAL_TYPE, code: 'bd', display: 'Bed' }),
    managingOrganization: ref('Organization', l.department_id),
    partOf: l.part_of ? ref('Location', l.part_of) : null,
  });
}
