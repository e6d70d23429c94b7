/**
 * Orders and results (issue 8), shaped after FHIR R4 so the FHIR facade maps them one to one:
 * an order is a requisition of `ServiceRequest`s (one per ordered test or procedure), a report is a
 * `DiagnosticReport`, a result value is an `Observation`, an imaging study is an `ImagingStudy`.
 * Status codes are FHIR's, with `_` for `-`.
 */

export type OrderCategory = 'laboratory' | 'imaging';
/** FHIR request-status. */
export type OrderStatus = 'draft' | 'active' | 'in_progress' | 'completed' | 'revoked' | 'entered_in_error';
/** FHIR request-priority (asap is not used here). */
export type OrderPriority = 'routine' | 'urgent' | 'stat';
/** FHIR diagnostic-report-status / observation-status subset. */
export type ResultStatus = 'preliminary' | 'final' | 'corrected' | 'entered_in_error';
/** HL7 v2 table 0078 / FHIR ObservationInterpretation subset: normal, low, high, critical low, critical high, abnormal. */
export type Interpretation = 'N' | 'L' | 'H' | 'LL' | 'HH' | 'A';
/** DICOM modalities Benhan orders. */
export type ImagingModality = 'CR' | 'DX' | 'CT' | 'MR' | 'US' | 'MG' | 'XA' | 'NM';

export const ORDER_STATUSES: readonly OrderStatus[] = ['draft', 'active', 'in_progress', 'completed', 'revoked', 'entered_in_error'];
export const ORDER_PRIORITIES: readonly OrderPriority[] = ['routine', 'urgent', 'stat'];
export const RESULT_STATUSES: readonly ResultStatus[] = ['preliminary', 'final', 'corrected', 'entered_in_error'];
export const INTERPRETATIONS: readonly Interpretation[] = ['N', 'L', 'H', 'LL', 'HH', 'A'];
export const IMAGING_MODALITIES: readonly ImagingModality[] = ['CR', 'DX', 'CT', 'MR', 'US', 'MG', 'XA', 'NM'];
export const CRITICAL_INTERPRETATIONS: readonly Interpretation[] = ['LL', 'HH'];

// ---- catalogue -------------------------------------------------------------------------------------------

export interface ReferenceRange {
  low: number | null;
  high: number | null;
  /** Outside these, a value is critical (LL/HH). */
  criticalLow: number | null;
  criticalHigh: number | null;
  text: string | null;
}

export interface LabTestDefinition {
  /** The facility's own service code (mã dịch vụ). */
  serviceCode: string;
  /** LOINC code, or null where none fits. */
  loinc: string | null;
  name: { vi: string; en: string };
  /** UCUM unit of the value, null for a text result. */
  unit: string | null;
  specimen: string;
  referenceRange: ReferenceRange | null;
}

export interface LabPanelDefinition {
  serviceCode: string;
  loinc: string | null;
  name: { vi: string; en: string };
  /** Service codes of the member tests. */
  members: string[];
}

export interface ImagingProcedureDefinition {
  serviceCode: string;
  /** LOINC/RSNA playbook code where one exists. */
  loinc: string | null;
  name: { vi: string; en: string };
  modality: ImagingModality;
  bodySite: { code: string; display: string };
}

export interface LabCatalogue {
  tests: LabTestDefinition[];
  panels: LabPanelDefinition[];
}

// ---- orders ----------------------------------------------------------------------------------------------

export interface CodedReason {
  code: string | null;
  text: string | null;
}

export interface PlaceOrderRequest {
  category: OrderCategory;
  priority?: OrderPriority;
  /** Service codes of the catalogue: lab tests or panels for a lab order, procedures for an imaging order. */
  items: string[];
  /** ICD-10 code (checked against the catalogue) and/or free text. */
  reason?: { code?: string | null; text?: string | null } | null;
  clinicalNote?: string | null;
}

export interface ActivateOrderRequest {
  pin: string;
}

export interface StatusReasonRequest {
  reason: string;
}

export interface OrderItem {
  id: string;
  serviceCode: string;
  /** LOINC for lab items (panel or test) and imaging procedures where one exists. */
  loinc: string | null;
  display: string;
  /** For a panel: the member tests' service codes. */
  members: string[];
  modality: ImagingModality | null;
  bodySite: { code: string; display: string } | null;
}

export interface Order {
  id: string;
  patientId: string;
  encounterId: string;
  category: OrderCategory;
  status: OrderStatus;
  priority: OrderPriority;
  items: OrderItem[];
  reason: { code: string | null; title: string | null; text: string | null };
  clinicalNote: string | null;
  requesterId: string;
  requesterName: string;
  departmentId: string;
  createdAt: string;
  /** When it was signed and became active. */
  authoredAt: string | null;
  /** The signed order sheet (a document of form CĐ/CLS) and its signature. */
  documentId: string | null;
  documentVersionId: string | null;
  signatureId: string | null;
  statusReason: string | null;
  statusChangedAt: string | null;
  version: number;
}

export interface OrderDetail extends Order {
  reports: DiagnosticReport[];
  specimens: Specimen[];
}

// ---- results ---------------------------------------------------------------------------------------------

export interface ObservationInput {
  /** LOINC code, or the facility's service code when the test has none. */
  code: string;
  display?: string | null;
  valueQuantity?: number | null;
  /** UCUM unit of valueQuantity. */
  unit?: string | null;
  valueString?: string | null;
  referenceRange?: { low?: number | null; high?: number | null; text?: string | null } | null;
  /** When absent, computed from the catalogue's ranges. */
  interpretation?: Interpretation | null;
  status?: ResultStatus;
  performer?: string | null;
}

export interface ImagingStudyInput {
  studyInstanceUid: string;
  modality: ImagingModality;
  seriesCount: number;
  instanceCount?: number | null;
  startedAt?: string | null;
  /** The PACS viewer's URL for this study (WADO-RS / viewer link). */
  endpointUrl: string;
}

export interface RecordResultRequest {
  /** The sending system's report id (LIS/RIS): the same message posted twice records once. */
  externalId: string;
  status: ResultStatus;
  /** Identity the sender believes the order belongs to: refused when it does not match. */
  patientId?: string | null;
  encounterId?: string | null;
  issued?: string | null;
  /** Specimen collection time (lab) or study time (imaging). */
  effectiveAt?: string | null;
  performer?: string | null;
  conclusion?: string | null;
  /** Lab: the observations. */
  observations?: ObservationInput[];
  /** Imaging: findings text and the study. */
  findings?: string | null;
  study?: ImagingStudyInput | null;
}

export interface Observation {
  id: string;
  reportId: string;
  orderId: string;
  patientId: string;
  code: string;
  display: string;
  valueQuantity: number | null;
  unit: string | null;
  valueString: string | null;
  referenceRange: { low: number | null; high: number | null; text: string | null } | null;
  interpretation: Interpretation | null;
  critical: boolean;
  status: ResultStatus;
  effectiveAt: string | null;
  issued: string;
  performer: string | null;
  supersedesId: string | null;
  supersededById: string | null;
}

export interface ImagingStudy {
  id: string;
  studyInstanceUid: string;
  modality: ImagingModality;
  status: ImagingStudyStatus;
  seriesCount: number;
  instanceCount: number | null;
  startedAt: string | null;
  endpointUrl: string;
  version: number;
}

/** FHIR imagingstudy-status: registered (scheduled or being acquired), available, cancelled, entered-in-error. */
export type ImagingStudyStatus = 'registered' | 'available' | 'cancelled' | 'entered_in_error';
export const IMAGING_STUDY_STATUSES: readonly ImagingStudyStatus[] = ['registered', 'available', 'cancelled', 'entered_in_error'];

/** A study the PACS announces or updates on its own, before or after the report (FHIR ImagingStudy create/update). */
export interface RecordImagingStudyRequest extends ImagingStudyInput {
  status: ImagingStudyStatus;
}

// ---- specimens -------------------------------------------------------------------------------------------

/** FHIR specimen-status: the lab has it (available), lost or used up (unavailable), unusable (unsatisfactory). */
export type SpecimenStatus = 'available' | 'unavailable' | 'unsatisfactory' | 'entered_in_error';
export const SPECIMEN_STATUSES: readonly SpecimenStatus[] = ['available', 'unavailable', 'unsatisfactory', 'entered_in_error'];

/** What the lab tells about a specimen of an order; the same accession from the same sender updates it. */
export interface RecordSpecimenRequest {
  /** The lab's specimen id (accession number), unique per sender. */
  accession: string;
  status: SpecimenStatus;
  /** HL7 v2 table 0487 specimen type (BLD, SER, PLAS, UR, CSF…). */
  typeCode: string;
  typeDisplay?: string | null;
  collectedAt?: string | null;
  /** When the lab received it: an order with a received specimen is in progress. */
  receivedAt?: string | null;
  collector?: string | null;
  note?: string | null;
}

export interface Specimen {
  id: string;
  orderId: string;
  patientId: string;
  encounterId: string;
  sourceSystem: string;
  accession: string;
  status: SpecimenStatus;
  typeCode: string;
  typeDisplay: string | null;
  collectedAt: string | null;
  receivedAt: string | null;
  collector: string | null;
  note: string | null;
  version: number;
  updatedAt: string;
}

/** The performing department's word on an order: it started (in progress) or cannot do it (revoked, with the reason). */
export interface FillerStatusRequest {
  status: 'in_progress' | 'revoked';
  reason?: string | null;
}

export interface DiagnosticReport {
  id: string;
  orderId: string;
  patientId: string;
  encounterId: string;
  category: OrderCategory;
  status: ResultStatus;
  externalId: string;
  sourceSystem: string;
  issued: string;
  effectiveAt: string | null;
  performer: string | null;
  conclusion: string | null;
  findings: string | null;
  observations: Observation[];
  study: ImagingStudy | null;
  supersedesId: string | null;
  supersededById: string | null;
  abnormal: boolean;
  critical: boolean;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

export interface RecordResultResponse {
  report: DiagnosticReport;
  /** false when this exact message was already recorded (idempotent repost). */
  created: boolean;
}

export interface InboxEntry {
  reportId: string;
  orderId: string;
  patientId: string;
  patientName: string;
  encounterId: string;
  category: OrderCategory;
  status: ResultStatus;
  issued: string;
  conclusion: string | null;
  items: string[];
  abnormal: boolean;
  critical: boolean;
  /** Observations outside the reference range, critical first. */
  flagged: { code: string; display: string; valueQuantity: number | null; unit: string | null; valueString: string | null; interpretation: Interpretation | null }[];
  /** A correction of an earlier report. */
  corrected: boolean;
}
