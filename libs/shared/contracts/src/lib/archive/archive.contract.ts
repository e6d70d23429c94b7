import type { EncounterType } from '../encounters/encounter.contract';
import type { EncounterCompleteness } from '../documents/document.contract';

/**
 * The records office's archive (R16–R18, R21). A closed encounter is archived as one PDF/A-3 file: cover and
 * contents, every document's final version, version history, signature manifest, every version's canonical
 * JSON and .p7s attached, sealed with the facility's organisation certificate (PAdES, time-stamped). Each
 * archive is a generation: re-opening a record and archiving it again makes generation N+1; older ones stay.
 */

/** stored: the current generation; superseded: an older generation, kept; disposed: removed after retention. */
export type ArchiveStatus = 'stored' | 'superseded' | 'disposed';

/** Retention categories of the R21 table that a records officer may assert (the others are found from the record). */
export const RETENTION_CATEGORIES = ['medical_incident', 'occupational_accident', 'traffic_accident', 'transplant', 'cosmetic_surgery', 'mental_illness', 'death'] as const;
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number];

export interface RetentionDecision {
  /** null = keep permanently. */
  years: number | null;
  /** The rule that decided (the longest of those that matched), e.g. "death: 30 years". */
  rule: string;
  categories: RetentionCategory[];
  /** 31 December of the year the episode ended + years (ISO date); null when permanent. */
  retainUntil: string | null;
}

export interface LegalHold {
  reason: string;
  placedAt: string;
  placedByName: string;
}

export type FixityOutcome = 'ok' | 'missing' | 'changed';

export interface ArchiveSummary {
  id: string;
  encounterId: string;
  patientId: string;
  patientName: string;
  patientCode: string;
  recordNumber: string | null;
  encounterType: EncounterType;
  departmentName: string;
  startedAt: string;
  endedAt: string;
  /** Principal diagnosis at discharge, and all diagnosis codes (for search). */
  principalDiagnosis: { code: string; name: string } | null;
  diagnosisCodes: string[];
  generation: number;
  status: ArchiveStatus;
  sha256: string;
  sizeBytes: number;
  pageCount: number;
  documentCount: number;
  /** Where the file lives: the store's name ('fs' | 's3') and key. */
  store: string;
  storeKey: string;
  /** Printed in the footer of every page; resolves on the verification page. */
  lookupCode: string;
  archivedAt: string;
  archivedByName: string;
  retention: RetentionDecision;
  legalHold: LegalHold | null;
  lastFixity: { checkedAt: string; outcome: FixityOutcome } | null;
  disposedAt: string | null;
}

export interface ArchiveSearch {
  /** Patient name (accent-free words) or patient code. */
  q?: string;
  recordNumber?: string;
  /** ICD-10 code or prefix. */
  diagnosis?: string;
  /** Discharge date range, ISO dates (inclusive). */
  endedFrom?: string;
  endedTo?: string;
  status?: ArchiveStatus;
  limit?: number;
  offset?: number;
}

/** POST /api/encounters/{id}/archive */
export interface ArchiveRequest {
  /** Categories the records office asserts (e.g. a medical-incident file); found ones are added. */
  categories?: RetentionCategory[];
}

/** A discharged (or concluded) encounter waiting in the records office. */
export interface DischargeQueueItem {
  encounterId: string;
  patientId: string;
  patientName: string;
  patientCode: string;
  recordNumber: string | null;
  encounterType: EncounterType;
  departmentName: string;
  startedAt: string;
  endedAt: string;
  completeness: EncounterCompleteness;
  /** The current archive generation, if any; reopened = re-opened after archiving and not archived again yet. */
  archive: { id: string; generation: number; archivedAt: string } | null;
  reopened: boolean;
}

/** POST /api/archives/{id}/reopen: amendments after archiving (recorded; the next archive is a new generation). */
export interface ReopenRequest {
  reason: string;
}

/** PUT /api/archives/{id}/legal-hold */
export interface LegalHoldRequest {
  hold: boolean;
  reason: string;
}

export type ArchiveAccessKind = 'download' | 'verify' | 'loan' | 'return';

/** The access and loan log of one archive. */
export interface ArchiveAccessEntry {
  id: string;
  kind: ArchiveAccessKind;
  at: string;
  userName: string;
  role: string;
  purpose: string;
  /** For loans: to whom, until when, returned when. */
  borrower: string | null;
  dueAt: string | null;
}

/** POST /api/archives/{id}/loans: a record lent (e.g. to a court, an insurer, another department). */
export interface LoanRequest {
  borrower: string;
  purpose: string;
  dueAt: string;
}

export interface ArchiveLoan {
  id: string;
  archiveId: string;
  borrower: string;
  purpose: string;
  lentAt: string;
  lentByName: string;
  dueAt: string;
  returnedAt: string | null;
}

/** Disposal needs two people: the records officer proposes, the director approves; then the file is removed. */
export type DisposalStatus = 'proposed' | 'approved' | 'rejected';
export const DISPOSAL_LIST_FILTERS = ['proposed', 'approved', 'rejected', 'decided'] as const;
/** Which disposals a list reads: one status, or `decided` (approved or rejected). */
export type DisposalListFilter = (typeof DISPOSAL_LIST_FILTERS)[number];

export interface DisposalRecord {
  id: string;
  archiveId: string;
  patientName: string;
  recordNumber: string | null;
  generation: number;
  sha256: string;
  sizeBytes: number;
  retainUntil: string | null;
  reason: string;
  status: DisposalStatus;
  proposedAt: string;
  proposedByName: string;
  decidedAt: string | null;
  decidedByName: string | null;
  /** When the file left the store (approved disposals). The record itself is kept forever. */
  disposedAt: string | null;
}

/** POST /api/disposals */
export interface DisposalProposal {
  archiveId: string;
  reason: string;
}

/** POST /api/disposals/{id}/decision */
export interface DisposalDecision {
  approve: boolean;
  reason?: string;
}

export interface FixityProblem {
  archiveId: string;
  storeKey: string;
  outcome: Exclude<FixityOutcome, 'ok'>;
  detail: string;
}

export interface FixityRun {
  id: string;
  trigger: 'schedule' | 'manual' | 'command';
  startedAt: string;
  finishedAt: string | null;
  checked: number;
  ok: number;
  problems: FixityProblem[];
  bytesRead: number;
}

/** GET /api/verify/{code}: what the QR code on a printed page resolves to. Public: no patient data beyond initials. */
export interface VerificationResult {
  code: string;
  kind: 'version' | 'archive';
  facilityName: string;
  /** e.g. "39/BV2 Phiếu điều trị, phiên bản 2" or "Hồ sơ lưu trữ, thế hệ 1". */
  title: string;
  patientInitials: string;
  recordNumber: string | null;
  /** The version's content hash, or the archive file's SHA-256: compare with the paper. */
  sha256: string;
  at: string;
  signatures: { signerName: string; role: string; signedAt: string; indication: 'PASSED' | 'FAILED' | 'INDETERMINATE' }[];
  /** The newest state: a later version exists, the archive was superseded or disposed. */
  current: boolean;
  note: string | null;
}
