import type { FhirResource } from '../fhir.types';
import { BENHAN_SID } from '../fhir.types';
import { ICD10, LOINC, UCUM, compact, concept, iso, meta, ref } from './common';

export const SERVICE_CODE_SYSTEM = `${BENHAN_SID}/service-code`;
/** The order (requisition) an order item belongs to: ServiceRequest.requisition. */
export const REQUISITION_SID = `${BENHAN_SID}/order`;
/** A sender's report id, per sender (the system client id): `https://benhan.dev/fhir/sid/report/lis`. */
export const REPORT_SID = `${BENHAN_SID}/report`;
export const DICOM_UID = 'urn:dicom:uid';
export const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const V2_0074 = 'http://terminology.hl7.org/CodeSystem/v2-0074';
const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const SNOMED = 'http://snomed.info/sct';

/** orders.status → ServiceRequest.status (request-status); in_progress is still active for FHIR. */
export const SERVICE_REQUEST_STATUS: Record<string, string> = {
  draft: 'draft',
  active: 'active',
  in_progress: 'active',
  completed: 'completed',
  revoked: 'revoked',
  entered_in_error: 'entered-in-error',
};

export interface ServiceRequestRow {
  id: string;
  order_id: string;
  position: number;
  service_code: string;
  loinc: string | null;
  display: string;
  modality: string | null;
  body_site_code: string | null;
  body_site_display: string | null;
  patient_id: string;
  encounter_id: string;
  category: 'laboratory' | 'imaging';
  status: string;
  priority: string;
  reason_code: string | null;
  reason_title: string | null;
  reason_text: string | null;
  clinical_note: string | null;
  requester_id: string;
  department_id: string;
  document_id: string | null;
  authored_at: Date | null;
  status_reason: string | null;
  last_updated: Date;
  version: number;
}

/** One ServiceRequest per order item; the order (one signed requisition) is the `requisition` they share. */
export function toFhirServiceRequest(r: ServiceRequestRow): FhirResource {
  const lab = r.category === 'laboratory';
  return compact({
    resourceType: 'ServiceRequest',
    id: r.id,
    meta: meta(r.version, r.last_updated),
    identifier: [{ system: `${REQUISITION_SID}-item`, value: `${r.order_id}/${r.position}` }],
    requisition: { system: REQUISITION_SID, value: r.order_id },
    status: SERVICE_REQUEST_STATUS[r.status] ?? 'unknown',
    intent: 'order',
    category: [
      lab
        ? concept({ system: SNOMED, code: '108252007', display: 'Laboratory procedure' }, 'laboratory')
        : concept({ system: SNOMED, code: '363679005', display: 'Imaging' }, 'imaging'),
    ],
    priority: r.priority,
    code: {
      coding: [...(r.loinc ? [{ system: LOINC, code: r.loinc, display: r.display }] : []), { system: SERVICE_CODE_SYSTEM, code: r.service_code, display: r.display }],
      text: r.display,
    },
    orderDetail: r.modality ? [concept({ system: DCM, code: r.modality })] : [],
    subject: ref('Patient', r.patient_id),
    encounter: ref('Encounter', r.encounter_id),
    authoredOn: r.authored_at ? iso(r.authored_at) : null,
    requester: ref('Practitioner', r.requester_id),
    reasonCode: r.reason_code ? [concept({ system: ICD10, code: r.reason_code, ...(r.reason_title ? { display: r.reason_title } : {}) }, r.reason_text ?? undefined)] : [],
    bodySite: r.body_site_code ? [concept({ system: SNOMED, code: r.body_site_code, ...(r.body_site_display ? { display: r.body_site_display } : {}) })] : [],
    supportingInfo: r.document_id ? [ref('DocumentReference', r.document_id, 'Phiếu chỉ định (signed order sheet)')] : [],
    note: [r.clinical_note, r.status_reason].filter((t): t is string => !!t).map((text) => ({ text })),
  });
}

export interface LabObservationRow {
  id: string;
  /** The first row of its chain of corrections: the FHIR id. */
  logical_id: string;
  /** 1 for the first row, 2 for its correction…: the FHIR versionId. */
  revision: number;
  report_id: string;
  order_id: string;
  patient_id: string;
  encounter_id: string;
  code: string;
  display: string;
  value_quantity: string | number | null;
  unit: string | null;
  value_string: string | null;
  reference_low: string | number | null;
  reference_high: string | number | null;
  reference_text: string | null;
  interpretation: string | null;
  lab_status: string;
  effective_at: Date | null;
  issued: Date;
  performer: string | null;
  supersedes_id: string | null;
  superseded_by_id: string | null;
  superseded_at: Date | null;
  created_at: Date;
  /** The order's items, for basedOn. */
  item_ids: string[];
  loinc_code: boolean;
}

const INTERPRETATION_DISPLAY: Record<string, string> = { N: 'Normal', L: 'Low', H: 'High', LL: 'Critical low', HH: 'Critical high', A: 'Abnormal' };

/** A stored result status → FHIR (observation-status / diagnostic-report-status): a correction is `corrected`. */
export function resultStatus(status: string, supersedes: string | null): string {
  if (status === 'entered_in_error') return 'entered-in-error';
  if (supersedes && status === 'final') return 'corrected';
  return status;
}

function quantity(value: string | number, unit: string | null) {
  return compact({ value: Number(value), unit: unit ?? undefined, system: unit ? UCUM : undefined, code: unit ?? undefined });
}

/** A lab result value as an Observation of category laboratory; its corrections are its later versions (the earlier ones stay readable by vread). */
export function toFhirLabObservation(o: LabObservationRow): FhirResource {
  const low = o.reference_low != null ? quantity(o.reference_low, o.unit) : null;
  const high = o.reference_high != null ? quantity(o.reference_high, o.unit) : null;
  return compact({
    resourceType: 'Observation',
    id: o.logical_id,
    meta: meta(o.revision, o.created_at),
    basedOn: o.item_ids.map((id) => ref('ServiceRequest', id)),
    status: resultStatus(o.lab_status, o.supersedes_id),
    category: [{ ...concept({ system: OBSERVATION_CATEGORY, code: 'laboratory', display: 'Laboratory' }), text: 'Laboratory' }],
    code: { coding: [{ system: o.loinc_code ? LOINC : SERVICE_CODE_SYSTEM, code: o.code, display: o.display }], text: o.display },
    subject: ref('Patient', o.patient_id),
    encounter: ref('Encounter', o.encounter_id),
    effectiveDateTime: o.effective_at ? iso(o.effective_at) : null,
    issued: iso(o.issued),
    performer: o.performer ? [{ display: o.performer }] : [],
    valueQuantity: o.value_quantity != null ? quantity(o.value_quantity, o.unit) : null,
    valueString: o.value_quantity == null ? o.value_string : null,
    interpretation: o.interpretation ? [concept({ system: INTERPRETATION, code: o.interpretation, display: INTERPRETATION_DISPLAY[o.interpretation] })] : [],
    referenceRange: low || high || o.reference_text ? [compact({ low, high, text: o.reference_text })] : [],
  });
}

export interface ReportRow {
  id: string;
  logical_id: string;
  revision: number;
  order_id: string;
  patient_id: string;
  encounter_id: string;
  category: 'laboratory' | 'imaging';
  status: string;
  source_system: string;
  external_id: string;
  issued: Date;
  effective_at: Date | null;
  performer: string | null;
  conclusion: string | null;
  findings: string | null;
  imaging_study_id: string | null;
  supersedes_id: string | null;
  superseded_by_id: string | null;
  superseded_at: Date | null;
  created_at: Date;
  item_ids: string[];
  item_displays: string[];
  item_loincs: (string | null)[];
  /** The FHIR (logical) ids of its Observations. */
  observation_ids: string[];
  /** The order's specimens (not entered in error): what a lab report was measured on. */
  specimen_ids: string[];
}

/** A report (lab or imaging) as a DiagnosticReport: category LAB/RAD, basedOn the order's ServiceRequests, result its Observations. */
export function toFhirDiagnosticReport(r: ReportRow): FhirResource {
  const lab = r.category === 'laboratory';
  const single = r.item_ids.length === 1 && r.item_loincs[0];
  return compact({
    resourceType: 'DiagnosticReport',
    id: r.logical_id,
    meta: meta(r.revision, r.created_at),
    identifier: [{ system: `${REPORT_SID}/${r.source_system}`, value: r.external_id }],
    basedOn: r.item_ids.map((id) => ref('ServiceRequest', id)),
    status: resultStatus(r.status, r.supersedes_id),
    category: [lab ? concept({ system: V2_0074, code: 'LAB', display: 'Laboratory' }) : concept({ system: V2_0074, code: 'RAD', display: 'Radiology' })],
    code: { ...(single ? { coding: [{ system: LOINC, code: r.item_loincs[0] as string, display: r.item_displays[0] }] } : {}), text: r.item_displays.join('; ') },
    subject: ref('Patient', r.patient_id),
    encounter: ref('Encounter', r.encounter_id),
    effectiveDateTime: r.effective_at ? iso(r.effective_at) : null,
    issued: iso(r.issued),
    performer: r.performer ? [{ display: r.performer }] : [{ display: r.source_system }],
    specimen: (r.specimen_ids ?? []).map((id) => ref('Specimen', id)),
    result: r.observation_ids.map((id) => ref('Observation', id)),
    imagingStudy: r.imaging_study_id ? [ref('ImagingStudy', r.imaging_study_id)] : [],
    conclusion: r.conclusion,
    presentedForm: r.findings ? [{ contentType: 'text/plain; charset=utf-8', language: 'vi', data: Buffer.from(r.findings, 'utf8').toString('base64'), title: 'Findings' }] : [],
  });
}

export interface ImagingStudyRow {
  id: string;
  order_id: string;
  patient_id: string;
  encounter_id: string;
  study_instance_uid: string;
  modality: string;
  status: string;
  series_count: number;
  instance_count: number | null;
  started_at: Date | string | null;
  endpoint_url: string;
  updated_at: Date | string;
  version: number;
  item_ids: string[];
  item_displays: string[];
}

/** Stored status (snake case) → the FHIR code (kebab case): entered_in_error → entered-in-error. */
function fhirCode(status: string): string {
  return status.replace(/_/g, '-');
}

/** A PACS study: its DICOM Study Instance UID (urn:oid: form), modality, counts, and the viewer as a contained Endpoint. */
export function toFhirImagingStudy(s: ImagingStudyRow): FhirResource {
  return compact({
    resourceType: 'ImagingStudy',
    id: s.id,
    meta: meta(s.version, s.updated_at),
    contained: [
      {
        resourceType: 'Endpoint',
        id: 'viewer',
        status: 'active',
        connectionType: { system: `${BENHAN_SID}/endpoint-connection-type`, code: 'web-viewer', display: 'Web viewer of the PACS' },
        payloadType: [{ text: 'DICOM study' }],
        address: s.endpoint_url,
      },
    ],
    identifier: [{ system: DICOM_UID, value: `urn:oid:${s.study_instance_uid}` }],
    status: fhirCode(s.status),
    modality: [{ system: DCM, code: s.modality }],
    subject: ref('Patient', s.patient_id),
    encounter: ref('Encounter', s.encounter_id),
    started: s.started_at ? iso(s.started_at) : null,
    basedOn: s.item_ids.map((id) => ref('ServiceRequest', id)),
    endpoint: [{ reference: '#viewer' }],
    numberOfSeries: s.series_count,
    numberOfInstances: s.instance_count ?? null,
    procedureCode: s.item_displays.length ? [{ text: s.item_displays.join('; ') }] : [],
  });
}

/** The lab's specimen ids, per sender (the system client id): `https://benhan.dev/fhir/sid/specimen/lis`. */
export const SPECIMEN_SID = `${BENHAN_SID}/specimen`;
export const V2_0487 = 'http://terminology.hl7.org/CodeSystem/v2-0487';

export interface SpecimenRow {
  id: string;
  order_id: string;
  patient_id: string;
  source_system: string;
  accession: string;
  status: string;
  type_code: string;
  type_display: string | null;
  collected_at: Date | string | null;
  received_at: Date | string | null;
  collector: string | null;
  note: string | null;
  updated_at: Date | string;
  version: number;
  item_ids: string[];
}

/** A specimen of a lab order: the lab's accession, HL7 table 0487 type, collection and receipt, requested by the order's ServiceRequests. */
export function toFhirSpecimen(s: SpecimenRow): FhirResource {
  const identifier = { system: `${SPECIMEN_SID}/${s.source_system}`, value: s.accession };
  return compact({
    resourceType: 'Specimen',
    id: s.id,
    meta: meta(s.version, s.updated_at),
    identifier: [identifier],
    accessionIdentifier: identifier,
    status: fhirCode(s.status),
    type: { coding: [compact({ system: V2_0487, code: s.type_code, display: s.type_display ?? undefined })], ...(s.type_display ? { text: s.type_display } : {}) },
    subject: ref('Patient', s.patient_id),
    receivedTime: s.received_at ? iso(s.received_at) : null,
    request: s.item_ids.map((id) => ref('ServiceRequest', id)),
    collection: s.collected_at || s.collector ? compact({ collectedDateTime: s.collected_at ? iso(s.collected_at) : null, collector: s.collector ? { display: s.collector } : null }) : null,
    note: s.note ? [{ text: s.note }] : [],
  });
}
