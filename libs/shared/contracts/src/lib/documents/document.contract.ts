import type { EncounterType } from '../encounters/encounter.contract';
import type { UserRole } from '../identity/roles';

/**
 * Clinical documents on the Ministry's record forms. A form is data: a JSON Schema for its content plus who
 * may author it and who must sign it. A document belongs to one encounter and one form; each saved state of
 * it is a numbered version. Version N is a draft its author may edit until it is signed; once signed it is
 * immutable and a change is version N+1 with a reason.
 */

export type FormCategory =
  | 'medical_record'
  | 'treatment'
  | 'nursing'
  | 'medication'
  | 'consultation'
  | 'procedure'
  | 'request_result'
  | 'discharge'
  | 'transfer'
  | 'summary';

/** Who signs a step: the author, the head of the encounter's department, or any holder of a role. */
export type SignerRole = 'author' | 'head_of_department' | UserRole;

/** One row of the signer matrix: step N of a form's signatures is given by `role`. */
export interface SignerStep {
  step: number;
  role: SignerRole;
  /** Vietnamese label of the signature box on the paper form, e.g. "Bác sĩ làm bệnh án". */
  label: string;
}

/** The Vietnamese and English names of a thing; Vietnamese is the legal one. */
export interface BilingualText {
  vi: string;
  en: string;
}

/** A form is required for encounters of a type (with its requirement group, any form of the group will do). */
export interface FormRequirement {
  encounterType: EncounterType;
  /** Only once the encounter is finished (e.g. the discharge paper). */
  whenFinished: boolean;
}

export interface FormSummary {
  code: string;
  /** Schema version: a new upload of the same code is version + 1; documents keep the version they were written on. */
  version: number;
  title: BilingualText;
  category: FormCategory;
  /** The regulation and annex the field list follows. */
  source: string;
  encounterTypes: EncounterType[];
  authorRoles: UserRole[];
  /** Many documents of this form per encounter (treatment sheets, care sheets), or one. */
  repeatable: boolean;
  /** This facility's signer matrix for the form (R20). */
  signers: SignerStep[];
  /** This facility's completeness rule for the form; empty when the form is optional. */
  requiredFor: FormRequirement[];
  /** Forms of one alternatives group satisfy one requirement together (e.g. any specialty's inpatient record). */
  requirementGroup: string | null;
  active: boolean;
}

export interface FormDefinition extends FormSummary {
  /** JSON Schema (draft 2020-12) of the content, with `x-` hints for the form generator (see docs/forms.md). */
  schema: JsonSchema;
  /** Where the field list is uncertain and why. */
  uncertainties: string[];
}

/** The JSON Schema subset forms use. `x-unit`, `x-multiline`, `x-order` and `x-columns` are hints for the UI. */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  enum?: (string | number)[];
  oneOf?: JsonSchema[];
  const?: string | number | boolean;
  format?: 'date' | 'date-time' | 'time';
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  'x-unit'?: string;
  'x-multiline'?: boolean;
  'x-title-en'?: string;
  [keyword: string]: unknown;
}

/** `POST /api/forms` (admin): upload a form definition; an existing code gets a new schema version. */
export interface UploadFormRequest {
  code: string;
  title: BilingualText;
  category: FormCategory;
  source: string;
  encounterTypes: EncounterType[];
  authorRoles: UserRole[];
  repeatable: boolean;
  signers: SignerStep[];
  requiredFor?: FormRequirement[];
  requirementGroup?: string | null;
  schema: JsonSchema;
  uncertainties?: string[];
}

/** `PUT /api/forms/{code}/settings` (admin): this facility's signer matrix and completeness rule for a form. */
export interface FormSettingsRequest {
  signers: SignerStep[];
  requiredFor: FormRequirement[];
  active: boolean;
}

export type VersionStatus = 'draft' | 'signed';

export interface SignoffSummary {
  step: number;
  role: SignerRole;
  signerId: string;
  signerName: string;
  signedAt: string;
}

export interface DocumentVersionSummary {
  id: string;
  number: number;
  status: VersionStatus;
  /** Why this version replaces the previous one (required from version 2). */
  reason: string | null;
  authorId: string;
  authorName: string;
  authorRole: UserRole;
  departmentId: string;
  departmentName: string;
  /** Server time the version was created / last saved as a draft. */
  createdAt: string;
  savedAt: string;
  /** The clinical time the entry is about (defaults to the save time); the timeliness report counts from it. */
  effectiveAt: string;
  schemaVersion: number;
  /** SHA-256 (hex) of the RFC 8785 canonical form of the content. */
  contentHash: string;
  signoffs: SignoffSummary[];
  /** Signer-matrix steps still missing for this version. */
  awaiting: SignerStep[];
}

export interface DocumentVersion extends DocumentVersionSummary {
  documentId: string;
  content: Record<string, unknown>;
  /** Optimistic lock for draft edits. */
  revision: number;
}

export interface DocumentSummary {
  id: string;
  encounterId: string;
  patientId: string;
  formCode: string;
  formTitle: BilingualText;
  title: string | null;
  createdAt: string;
  latest: DocumentVersionSummary;
  versionCount: number;
}

/** `POST /api/encounters/{encounterId}/documents`: a new document, saved as version 1 (draft). */
export interface CreateDocumentRequest {
  formCode: string;
  /** Free label to tell repeatable documents apart, e.g. "Tờ điều trị 27/11". */
  title?: string | null;
  effectiveAt?: string | null;
  content: Record<string, unknown>;
}

/** `PUT /api/documents/{id}/versions/{number}`: save the author's draft again. */
export interface SaveDraftRequest {
  revision: number;
  effectiveAt?: string | null;
  content: Record<string, unknown>;
}

/** `POST /api/documents/{id}/versions`: amend the signed latest version as a new draft version. */
export interface AmendDocumentRequest {
  reason: string;
  effectiveAt?: string | null;
  content: Record<string, unknown>;
}

export type DiffChange = 'added' | 'removed' | 'changed';

/** One leaf that differs between two versions; `path` is a JSON Pointer (RFC 6901) into the content. */
export interface FieldDiff {
  path: string;
  change: DiffChange;
  before?: unknown;
  after?: unknown;
}

export interface DocumentDiff {
  documentId: string;
  from: number;
  to: number;
  changes: FieldDiff[];
}

export interface MissingRequirement {
  /** The requirement group or form code that nothing satisfies yet. */
  requirement: string;
  formCodes: string[];
  title: BilingualText;
}

export interface AwaitingSignature {
  documentId: string;
  formCode: string;
  versionNumber: number;
  step: SignerStep;
}

/** `GET /api/encounters/{id}/completeness`. */
export interface EncounterCompleteness {
  encounterId: string;
  complete: boolean;
  missing: MissingRequirement[];
  awaitingSignature: AwaitingSignature[];
  /** Drafts whose content still lacks what the form requires to sign. */
  incompleteDrafts: { documentId: string; formCode: string; versionNumber: number }[];
  /** When the records office closed the record for archiving; null while open. */
  recordClosedAt: string | null;
}

export type TimelinessBand = 'within_12h' | 'late_12h' | 'late_24h';

/** One entry of the R9 timeliness report: signed late or still unsigned past 12 h / 24 h of its time. */
export interface TimelinessEntry {
  documentId: string;
  encounterId: string;
  patientName: string;
  formCode: string;
  versionNumber: number;
  authorName: string;
  departmentName: string;
  effectiveAt: string;
  signedAt: string | null;
  hoursLate: number;
  band: Exclude<TimelinessBand, 'within_12h'>;
}
