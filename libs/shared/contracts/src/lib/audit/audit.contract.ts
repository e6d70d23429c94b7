import type { SignerRole } from '../documents/document.contract';
import type { SignatureIndication } from '../signatures/signature.contract';

/**
 * The audit trail (R8, R11): every read, write, signature, print, export, archive action, login and
 * configuration change is one event in an append-only, hash-chained log, one chain per facility.
 *
 * Chain format v1 (also implemented, independently, by tools/verify-audit):
 *   body  = RFC 8785 canonical JSON of {
 *             v: 1, facilityId, occurredAt (ISO-8601 UTC with milliseconds), action, outcome,
 *             actor: { userId, username, roles, departmentId },
 *             resource: { type, id, version },
 *             patientId, client: { address, userAgent, requestId }, reason, detail }
 *   hash  = SHA-256( previousHash (32 bytes) ‖ seq (8-byte big-endian) ‖ UTF-8(body) )
 * The first event of a chain has seq 1 and previousHash = 32 zero bytes. Hashes are lower-case hex.
 *
 * A checkpoint signs the chain head: the facility's organisation seal makes a detached CMS (SHA-256,
 * RFC 3161 time-stamped) over the UTF-8 bytes of the canonical JSON of
 *   { v: 1, type: 'benhan-audit-checkpoint', facilityId, seq, head, at }.
 */
export const AUDIT_ACTIONS = [
  // sign-in and sessions
  'login',
  'login_failed',
  'account_locked',
  'logout',
  'refresh_reuse',
  'password_reset',
  'client_token',
  'client_token_failed',
  // administration and configuration
  'user_created',
  'user_updated',
  'role_change',
  'config_change',
  // access control
  'break_glass',
  'access_denied',
  // patients and stays
  'patient_read',
  'patient_register',
  'patient_update',
  'patient_merge',
  'encounter_read',
  'encounter_admit',
  'encounter_transfer',
  'encounter_discharge',
  'encounter_update',
  // documents and the care chart
  'document_read',
  'document_create',
  'document_update',
  'document_sign',
  'document_countersign',
  'document_print',
  'document_export',
  'chart_record',
  // orders and results
  'order_create',
  'order_activate',
  'order_revoke',
  'order_entered_in_error',
  'order_read',
  /** The performing department (LIS, PACS) moved the order on: in progress, or cancelled by the filler. */
  'order_status_change',
  'specimen_record',
  'imaging_study_record',
  'result_record',
  'result_read',
  'result_acknowledge',
  // the LIS and PACS interfaces (HL7 v2 message log)
  /** An administrator read a logged message's raw text (it carries patient data). */
  'interface_message_read',
  /** An administrator replayed a quarantined message, as received or edited. */
  'interface_message_replay',
  // signing credentials
  'signing_enrol',
  'signing_pin_failed',
  'signing_locked',
  'signing_unlocked',
  'certificate_revoked',
  'certificate_imported',
  'trust_anchor_added',
  // the records office
  'archive_create',
  'archive_read',
  'archive_download',
  'archive_reopen',
  'archive_loan',
  'archive_return',
  'archive_export',
  'legal_hold',
  'disposal_propose',
  'disposal_decide',
  'access_request_create',
  'access_request_release',
  'access_request_refuse',
  // the audit trail itself
  'audit_read',
  'audit_export',
  'audit_integrity_check',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Actions that disclose a patient's data: "who accessed this record" lists these. */
export const PATIENT_ACCESS_ACTIONS: readonly AuditAction[] = [
  'patient_read',
  'encounter_read',
  'document_read',
  'document_print',
  'document_export',
  'order_read',
  'result_read',
  'interface_message_read',
  'archive_read',
  'archive_download',
  'archive_export',
  'break_glass',
  'access_denied',
  'access_request_release',
  'audit_read',
];

/** Actions whose reason is mandatory (R10, issue 7): break-glass and every export. */
export const REASON_REQUIRED_ACTIONS: readonly AuditAction[] = ['break_glass', 'document_export', 'archive_export', 'audit_export'];

export const AUDIT_RESOURCE_TYPES = [
  'patient',
  'encounter',
  'document',
  'version',
  'signature',
  'archive',
  'user',
  'certificate',
  'configuration',
  'access_request',
  'audit',
  'chart_entry',
  'order',
  'report',
  'specimen',
  'imaging_study',
  'interface_message',
] as const;
export type AuditResourceType = (typeof AUDIT_RESOURCE_TYPES)[number];

export type AuditOutcome = 'success' | 'failure';

export interface AuditEvent {
  seq: number;
  facilityId: string;
  occurredAt: string;
  action: AuditAction;
  outcome: AuditOutcome;
  actorUserId: string | null;
  actorUsername: string | null;
  /** The actor's display name now (not part of the hashed event). */
  actorName: string | null;
  actorRoles: string[];
  actorDepartmentId: string | null;
  resourceType: AuditResourceType | null;
  resourceId: string | null;
  resourceVersion: number | null;
  patientId: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  requestId: string | null;
  reason: string | null;
  detail: Record<string, unknown>;
  previousHash: string;
  hash: string;
}

export interface AuditEventQuery {
  patient?: string;
  actor?: string;
  action?: AuditAction | AuditAction[];
  resourceType?: AuditResourceType;
  resourceId?: string;
  outcome?: AuditOutcome;
  /** ISO-8601 instants, inclusive / exclusive. */
  from?: string;
  to?: string;
  sort?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

/** One row of "who accessed this record": a read, print or export of a patient's data. */
export interface AccessLogEntry {
  seq: number;
  occurredAt: string;
  action: AuditAction;
  outcome: AuditOutcome;
  actorUserId: string | null;
  actorUsername: string | null;
  actorName: string | null;
  actorRoles: string[];
  resourceType: AuditResourceType | null;
  resourceId: string | null;
  reason: string | null;
  clientAddress: string | null;
  /** The read was made under a break-glass grant, or is the break-glass itself: highlight it. */
  breakGlass: boolean;
}

export interface AuditCheckpoint {
  id: string;
  facilityId: string;
  seq: number;
  head: string;
  at: string;
  /** The organisation seal's detached CMS over the checkpoint statement, base64 DER. */
  cms: string;
  timestampedAt: string | null;
}

export type IntegrityProblem =
  | 'sequence_gap'
  | 'previous_hash_mismatch'
  | 'hash_mismatch'
  | 'checkpoint_head_mismatch'
  | 'checkpoint_signature_invalid'
  | 'checkpoint_missing_event';

export interface IntegrityFailure {
  /** The first event (or checkpoint's event) found wrong. */
  seq: number;
  problem: IntegrityProblem;
  /** In one line, what is wrong (e.g. "stored hash 3fa… but the event hashes to 91c…"). */
  detail: string;
  checkpointId?: string;
}

export interface IntegrityReport {
  id: string;
  facilityId: string;
  status: 'OK' | 'BROKEN';
  trigger: 'on_demand' | 'scheduled';
  /** genesis: every event from seq 1; checkpoint: from the last checkpoint whose signature verifies. */
  mode: 'genesis' | 'checkpoint';
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  fromSeq: number;
  toSeq: number;
  eventsChecked: number;
  checkpointsChecked: number;
  lastCheckpointSeq: number | null;
  /** Events after the last checkpoint: chained, not yet sealed by a signature. */
  unsealedEvents: number;
  failure: IntegrityFailure | null;
  /** The name of who ran it; null for a scheduled run. */
  requestedBy: string | null;
}

/** What GET /api/audit/bundle returns (a JSON download), and what tools/verify-audit checks offline. */
export interface AuditBundle {
  format: 'benhan-audit-bundle';
  version: 1;
  facility: { id: string; name: string; code: string | null };
  exportedAt: string;
  exportedBy: string;
  reason: string;
  range: { from: string | null; to: string | null };
  /** The hash before the first event (32 zero bytes' hex when the bundle starts at genesis). */
  anchor: { seq: number; hash: string };
  events: AuditEvent[];
  checkpoints: AuditCheckpoint[];
  /** PEM: the facility's roots (trust anchors) and the seal's chain (seal certificate, issuing CAs). */
  certificates: { roots: string[]; chain: string[] };
}

/** The signature trail: every signature over every version in scope, with its validation now. */
export interface SignatureTrailEntry {
  signatureId: string;
  documentId: string;
  documentTitle: string;
  formCode: string;
  versionId: string;
  versionNumber: number;
  /** Why this version was written when it amends an earlier one. */
  amendmentReason: string | null;
  versionAuthorName: string | null;
  versionCreatedAt: string;
  encounterId: string;
  patientId: string;
  patientName: string;
  step: number;
  role: SignerRole;
  signerId: string;
  signerName: string;
  signedAt: string;
  timestampedAt: string | null;
  certificateSerial: string;
  indication: SignatureIndication;
  indicationReason: string | null;
}

export interface SignatureTrailQuery {
  patient?: string;
  encounter?: string;
  document?: string;
  signer?: string;
  from?: string;
  to?: string;
  sort?: 'signedAt' | '-signedAt';
  limit?: number;
  offset?: number;
}

/** R12: a patient, or a representative, asks in writing to read, copy or get a summary of the record. */
export const ACCESS_REQUESTER_RELATIONSHIPS = ['self', 'legal_representative', 'family_representative'] as const;
export type AccessRequesterRelationship = (typeof ACCESS_REQUESTER_RELATIONSHIPS)[number];
export const ACCESS_REQUEST_SCOPES = ['summary', 'read', 'copy'] as const;
export type AccessRequestScope = (typeof ACCESS_REQUEST_SCOPES)[number];
/** A family representative who is not the legal representative gets the summary only (Law 15/2023 Art 69(4)). */
export const SCOPES_BY_RELATIONSHIP: Record<AccessRequesterRelationship, readonly AccessRequestScope[]> = {
  self: ['summary', 'read', 'copy'],
  legal_representative: ['summary', 'read', 'copy'],
  family_representative: ['summary'],
};

export type AccessRequestStatus = 'received' | 'released' | 'refused';

export interface CreateAccessRequest {
  patientId: string;
  encounterId?: string | null;
  requesterName: string;
  relationship: AccessRequesterRelationship;
  /** CCCD / passport number of the requester, as on the written request. */
  requesterIdNumber: string;
  scope: AccessRequestScope;
  /** When the written request reached the facility (defaults to now). */
  receivedAt?: string;
  note?: string | null;
}

export interface AccessRequest {
  id: string;
  patientId: string;
  patientName: string;
  encounterId: string | null;
  requesterName: string;
  relationship: AccessRequesterRelationship;
  requesterIdNumber: string;
  scope: AccessRequestScope;
  receivedAt: string;
  recordedBy: string;
  status: AccessRequestStatus;
  decidedAt: string | null;
  decidedBy: string | null;
  refusalReason: string | null;
  /** SHA-256 of the released, facility-sealed summary PDF. */
  releasedSha256: string | null;
}

export interface AuditReportRequest {
  patient?: string;
  encounter?: string;
  document?: string;
  signer?: string;
  from?: string;
  to?: string;
  reason: string;
}
