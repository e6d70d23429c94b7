import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditLog } from '@benhan/api/audit';
import { Clock, canonicalSha256, type AuthenticatedPrincipal, type UserPrincipal } from '@benhan/api/core';
import { EncountersService, type EncounterEntity } from '@benhan/api/encounters';
import { DepartmentsService, PatientAccessService, UsersService } from '@benhan/api/identity';
import { PatientsService } from '@benhan/api/patients';
import { TerminologyError, TerminologyService } from '@benhan/api/terminology';
import type {
  AmendDocumentRequest,
  CreateDocumentRequest,
  DocumentDiff,
  DocumentSummary,
  DocumentVersion,
  DocumentVersionSummary,
  SaveDraftRequest,
  SignerStep,
  SignoffSummary,
  FieldError,
  UserRole,
  VersionStatus,
} from '@benhan/shared/contracts';
import { diffContent } from './content-diff';
import { DocumentError } from './documents.errors';
import { DocumentSignoffEntity } from './entities/document-signoff.entity';
import { DocumentVersionEntity } from './entities/document-version.entity';
import { DocumentEntity } from './entities/document.entity';
import { codedValues } from './forms/coded-fields';
import { FormsService } from './forms/forms.service';

/** At most this many changed fields are named in an audit event (the count is always there). */
const MAX_AUDITED_FIELDS = 100;

/** Clock skew tolerated between a client's "effective at" and the server's now. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** What another module (the signatures module) states when a signer-matrix step is given. */
export interface SignoffInput {
  facilityId: string;
  versionId: string;
  step: number;
  signer: UserPrincipal;
  at: Date;
}

/** What a signature binds: the version's identity and its content; signers sign its RFC 8785 canonical bytes. */
export interface SignedVersionPayload {
  documentId: string;
  versionId: string;
  versionNumber: number;
  formCode: string;
  schemaVersion: number;
  encounterId: string;
  patientId: string;
  authorId: string;
  effectiveAt: string;
  content: Record<string, unknown>;
}

/** A version as the signatures module sees it. */
export interface SigningView {
  payload: SignedVersionPayload;
  status: VersionStatus;
  /** Only the latest version of a document is signed. */
  latest: boolean;
  departmentId: string;
  /** The next signer-matrix step still missing, if any. */
  nextStep: SignerStep | null;
  signers: SignerStep[];
}

/**
 * Documents and their versions. Every change is one transaction that locks the document (or the
 * encounter, for a new document) first, so two saves never interleave; the database's trigger keeps
 * signed versions immutable whatever a caller does.
 */
@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly forms: FormsService,
    private readonly encounters: EncountersService,
    private readonly access: PatientAccessService,
    private readonly users: UsersService,
    private readonly departments: DepartmentsService,
    private readonly patients: PatientsService,
    private readonly terminology: TerminologyService,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /**
   * The version a printed lookup code names (the first hex digits of its content hash), without a principal:
   * the public verification page. Several versions sharing a 40-bit prefix is treated as not found.
   */
  async findByHashPrefix(prefix: string): Promise<{
    facilityId: string;
    versionId: string;
    formCode: string;
    formTitle: string;
    versionNumber: number;
    contentHash: string;
    savedAt: Date;
    latest: boolean;
    patientName: string;
    recordNumber: string | null;
  } | null> {
    if (!/^[0-9a-f]{10,64}$/.test(prefix)) return null;
    const rows = await this.dataSource.getRepository(DocumentVersionEntity).createQueryBuilder('v').where('v.content_hash LIKE :prefix', { prefix: `${prefix}%` }).take(2).getMany();
    if (rows.length !== 1) return null;
    const [version] = rows;
    const document = await this.dataSource.getRepository(DocumentEntity).findOneByOrFail({ id: version.documentId, facilityId: version.facilityId });
    const [{ latest }] = (await this.dataSource.query(`SELECT max(number)::int AS latest FROM document_versions WHERE facility_id = $1 AND document_id = $2`, [
      version.facilityId,
      version.documentId,
    ])) as { latest: number }[];
    const form = await this.forms.get(version.facilityId, version.formCode, version.schemaVersion);
    const encounter = await this.encounters.require(version.facilityId, document.encounterId);
    const patient = (await this.patients.summariesByIds(version.facilityId, [document.patientId])).get(document.patientId);
    return {
      facilityId: version.facilityId,
      versionId: version.id,
      formCode: version.formCode,
      formTitle: form.title.vi,
      versionNumber: version.number,
      contentHash: version.contentHash,
      savedAt: version.savedAt,
      latest: latest === version.number,
      patientName: patient?.fullName ?? '',
      recordNumber: encounter.recordNumber,
    };
  }

  async listForEncounter(principal: AuthenticatedPrincipal, encounterId: string): Promise<DocumentSummary[]> {
    const encounter = await this.encounters.require(principal.facilityId, encounterId);
    await this.access.requirePatientAccess(principal, encounter.patientId);
    const documents = await this.dataSource.getRepository(DocumentEntity).find({
      where: { facilityId: principal.facilityId, encounterId },
      order: { createdAt: 'ASC' },
    });
    return this.summaries(principal.facilityId, documents);
  }

  async getDocument(principal: AuthenticatedPrincipal, id: string): Promise<DocumentSummary> {
    const document = await this.readable(principal, id);
    const [summary] = await this.summaries(principal.facilityId, [document]);
    await this.recordRead(principal, document, { type: 'document', id: document.id, version: summary.latest?.number ?? null }, { view: 'summary' });
    return summary;
  }

  /** The access check of a document's readers, without reading it (e.g. its signatures' report): no read event. */
  async requireReadable(principal: AuthenticatedPrincipal, id: string): Promise<void> {
    await this.readable(principal, id);
  }

  async history(principal: AuthenticatedPrincipal, id: string): Promise<DocumentVersionSummary[]> {
    const document = await this.readable(principal, id);
    const versions = await this.dataSource.getRepository(DocumentVersionEntity).find({ where: { documentId: document.id }, order: { number: 'ASC' } });
    const summaries = await this.versionSummaries(principal.facilityId, versions);
    await this.recordRead(principal, document, { type: 'document', id: document.id, version: versions.at(-1)?.number ?? null }, { view: 'history', versions: versions.length });
    return summaries;
  }

  async version(principal: AuthenticatedPrincipal, id: string, number: number): Promise<DocumentVersion> {
    const document = await this.readable(principal, id);
    const version = await this.dataSource.getRepository(DocumentVersionEntity).findOneBy({ documentId: document.id, number });
    if (!version) throw new DocumentError('version_not_found', `Document has no version ${number}`);
    const full = await this.full(principal.facilityId, version);
    await this.recordRead(principal, document, { type: 'version', id: version.id, version: version.number }, { view: 'version' });
    return full;
  }

  async diff(principal: AuthenticatedPrincipal, id: string, from: number, to: number): Promise<DocumentDiff> {
    const document = await this.readable(principal, id);
    const versions = await this.dataSource.getRepository(DocumentVersionEntity).findBy({ documentId: document.id, number: In([from, to]) });
    const before = versions.find((v) => v.number === from);
    const after = versions.find((v) => v.number === to);
    if (!before || !after) throw new DocumentError('version_not_found', `Document has no version ${!before ? from : to}`);
    const changes = diffContent(before.content, after.content);
    await this.recordRead(principal, document, { type: 'document', id: document.id, version: to }, { view: 'diff', from, to, changes: changes.length });
    return { documentId: id, from, to, changes };
  }

  /** A new document on a form for an encounter, saved as version 1 (draft). */
  async create(principal: UserPrincipal, encounterId: string, request: CreateDocumentRequest): Promise<DocumentVersion> {
    const { versionId } = await this.dataSource.transaction((em) => this.createIn(em, principal, encounterId, request));
    return this.full(principal.facilityId, await this.dataSource.getRepository(DocumentVersionEntity).findOneByOrFail({ id: versionId, facilityId: principal.facilityId }));
  }

  /**
   * Create a document and its first version inside the caller's transaction: for a domain whose own rows and the
   * document that records them must commit together (an order and its order sheet). Its audit event is appended
   * here, so the caller's transaction holds the chain head from then on: keep what follows short.
   */
  async createIn(em: EntityManager, principal: UserPrincipal, encounterId: string, request: CreateDocumentRequest): Promise<{ documentId: string; versionId: string }> {
    const now = this.clock.now();
    const effectiveAt = this.effectiveAt(request.effectiveAt, now);
    const encounter = await this.encounters.require(principal.facilityId, encounterId, { em, lock: true });
    await this.access.requirePatientAccess(principal, encounter.patientId);
    if (encounter.recordClosedAt) throw new DocumentError('record_closed', 'This record is closed for archiving');
    const { form, active } = await this.forms.effective(principal.facilityId, request.formCode, undefined, em);
    if (!active) throw new DocumentError('form_not_for_encounter', `Form ${form.code} is not in use at this facility`, {}, [{ field: 'formCode', message: 'is not in use' }]);
    if (!form.encounterTypes.includes(encounter.type)) {
      throw new DocumentError('form_not_for_encounter', `Form ${form.code} is not used for ${encounter.type} encounters`, {}, [{ field: 'formCode', message: `is not for ${encounter.type} encounters` }]);
    }
    const role = authorRole(principal, form.authorRoles);
    if (!form.repeatable) {
      const existing = await em.getRepository(DocumentEntity).findOneBy({ encounterId, formCode: form.code });
      if (existing) throw new DocumentError('one_per_encounter', `This encounter already has a ${form.code} document: amend it instead`, { documentId: existing.id });
    }
    await this.requireValid(form, request.content, encounter);
    const document = await em.getRepository(DocumentEntity).save(
      em.getRepository(DocumentEntity).create({
        facilityId: principal.facilityId,
        encounterId,
        patientId: encounter.patientId,
        formCode: form.code,
        title: request.title?.trim() || null,
        createdAt: now,
        createdBy: principal.userId,
      }),
    );
    const created = await this.insertVersion(em, { document, number: 1, reason: null, principal, role, encounter, schemaVersion: form.version, content: request.content, effectiveAt, now });
    await this.audit.record(em, {
      action: 'document_create',
      actor: principal,
      resource: { type: 'version', id: created, version: 1 },
      patientId: document.patientId,
      detail: { documentId: document.id, encounterId, formCode: form.code, schemaVersion: form.version },
    });
    return { documentId: document.id, versionId: created };
  }

  /** Save the author's draft again; a stale revision gets 409, so two tabs never overwrite each other. */
  async saveDraft(principal: UserPrincipal, id: string, number: number, request: SaveDraftRequest): Promise<DocumentVersion> {
    const now = this.clock.now();
    const versionId = await this.dataSource.transaction(async (em) => {
      const document = await this.lockDocument(em, principal, id);
      const version = await em.getRepository(DocumentVersionEntity).findOne({ where: { documentId: id, number }, lock: { mode: 'pessimistic_write' } });
      if (!version) throw new DocumentError('version_not_found', `Document has no version ${number}`);
      if (version.status !== 'draft') throw new DocumentError('version_signed', `Version ${number} is signed: amend it as a new version with a reason`);
      if (version.authorId !== principal.userId) throw new DocumentError('not_the_author', 'Only the author edits a draft');
      if (version.revision !== request.revision) {
        throw new DocumentError('stale_revision', 'This draft was saved elsewhere after you opened it: reload it and apply your changes again', { currentRevision: version.revision });
      }
      const encounter = await this.requireOpenRecord(em, principal.facilityId, document.encounterId);
      const { form } = await this.forms.effective(principal.facilityId, version.formCode, version.schemaVersion, em);
      await this.requireValid(form, request.content, encounter);
      const changed = [...new Set(diffContent(version.content, request.content).map((c) => c.path))];
      await em.getRepository(DocumentVersionEntity).update(
        { id: version.id },
        {
          // TypeORM's deep-partial type cannot express a JSON object column.
          content: request.content as never,
          contentHash: canonicalSha256(request.content),
          effectiveAt: request.effectiveAt ? this.effectiveAt(request.effectiveAt, now) : version.effectiveAt,
          savedAt: now,
          revision: version.revision + 1,
        },
      );
      await this.audit.record(em, {
        action: 'document_update',
        actor: principal,
        resource: { type: 'version', id: version.id, version: version.number },
        patientId: document.patientId,
        // Which fields changed (JSON Pointers), never their values.
        detail: { documentId: document.id, revision: version.revision + 1, changes: changed.length, fields: changed.slice(0, MAX_AUDITED_FIELDS) },
      });
      return version.id;
    });
    return this.full(principal.facilityId, await this.dataSource.getRepository(DocumentVersionEntity).findOneByOrFail({ id: versionId, facilityId: principal.facilityId }));
  }

  /** Change a signed document: version N+1 as a draft, with the reason, on the form's current schema. */
  async amend(principal: UserPrincipal, id: string, request: AmendDocumentRequest): Promise<DocumentVersion> {
    const now = this.clock.now();
    const effectiveAt = this.effectiveAt(request.effectiveAt, now);
    const versionId = await this.dataSource.transaction(async (em) => {
      const document = await this.lockDocument(em, principal, id);
      const encounter = await this.requireOpenRecord(em, principal.facilityId, document.encounterId);
      const latest = await em.getRepository(DocumentVersionEntity).findOneOrFail({ where: { documentId: id }, order: { number: 'DESC' } });
      if (latest.status !== 'signed') throw new DocumentError('latest_not_signed', `Version ${latest.number} is still a draft: edit it, or sign it first`);
      const { form } = await this.forms.effective(principal.facilityId, document.formCode, undefined, em);
      const role = authorRole(principal, form.authorRoles);
      await this.requireValid(form, request.content, encounter);
      const number = latest.number + 1;
      const reason = request.reason.trim();
      const created = await this.insertVersion(em, { document, number, reason, principal, role, encounter, schemaVersion: form.version, content: request.content, effectiveAt, now });
      const changed = [...new Set(diffContent(latest.content, request.content).map((c) => c.path))];
      await this.audit.record(em, {
        action: 'document_create',
        actor: principal,
        resource: { type: 'version', id: created, version: number },
        patientId: document.patientId,
        reason,
        detail: { documentId: document.id, amends: latest.number, formCode: document.formCode, schemaVersion: form.version, changes: changed.length, fields: changed.slice(0, MAX_AUDITED_FIELDS) },
      });
      return created;
    });
    return this.full(principal.facilityId, await this.dataSource.getRepository(DocumentVersionEntity).findOneByOrFail({ id: versionId, facilityId: principal.facilityId }));
  }

  /** The latest version's content of each document of a form in an encounter (e.g. the treatment sheets' orders). */
  async latestContents(facilityId: string, encounterId: string, formCode: string): Promise<{ documentId: string; versionNumber: number; content: Record<string, unknown> }[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT ON (v.document_id) v.document_id, v.number, v.content
         FROM document_versions v JOIN documents d ON d.id = v.document_id
        WHERE d.facility_id = $1 AND d.encounter_id = $2 AND d.form_code = $3
        ORDER BY v.document_id, v.number DESC`,
      [facilityId, encounterId, formCode],
    )) as { document_id: string; number: number; content: Record<string, unknown> }[];
    return rows.map((r) => ({ documentId: r.document_id, versionNumber: r.number, content: r.content }));
  }

  /**
   * Record that a signer gave a step of a version's signer matrix. Steps go in order; the first (the
   * author's) makes the version signed and immutable. The signatures module calls this in the transaction
   * that stores the CMS signature, so a sign-off never exists without its signature.
   */
  async recordSignoff(em: EntityManager, input: SignoffInput): Promise<DocumentSignoffEntity> {
    const version = await em.getRepository(DocumentVersionEntity).findOne({ where: { id: input.versionId, facilityId: input.facilityId }, lock: { mode: 'pessimistic_write' } });
    if (!version) throw new DocumentError('version_not_found', 'No such document version');
    const { signers } = await this.forms.effective(input.facilityId, version.formCode, version.schemaVersion, em);
    const step = signers.find((s) => s.step === input.step);
    if (!step) throw new DocumentError('signoff_not_allowed', `Form ${version.formCode} has no signature step ${input.step}`);
    const done = await em.getRepository(DocumentSignoffEntity).findBy({ versionId: version.id, facilityId: input.facilityId });
    if (done.some((s) => s.step === input.step)) throw new DocumentError('signoff_not_allowed', `Step ${input.step} is already signed`);
    const missingBefore = signers.filter((s) => s.step < input.step && !done.some((d) => d.step === s.step));
    if (missingBefore.length) throw new DocumentError('signoff_not_allowed', `Step ${missingBefore[0].step} (${missingBefore[0].label}) signs first`);
    await this.requireEligible(em, input.signer, step, version);
    if (input.step === 1) {
      const { form } = await this.forms.effective(input.facilityId, version.formCode, version.schemaVersion, em);
      const problems = this.forms.validateContent(form, version.content, 'complete');
      if (problems.length) throw new DocumentError('invalid_content', 'The form is not complete enough to sign', {}, problems);
      await em.getRepository(DocumentVersionEntity).update({ id: version.id, facilityId: input.facilityId }, { status: 'signed', signedAt: input.at });
    }
    return em.getRepository(DocumentSignoffEntity).save(
      em.getRepository(DocumentSignoffEntity).create({ facilityId: input.facilityId, versionId: version.id, step: input.step, signerRole: step.role, signerId: input.signer.userId, signedAt: input.at }),
    );
  }

  /** A version's signed payload, whether it is the latest, and the next step its signer matrix awaits. */
  async signingView(facilityId: string, versionId: string, em: EntityManager = this.dataSource.manager): Promise<SigningView | null> {
    const version = await em.getRepository(DocumentVersionEntity).findOneBy({ id: versionId, facilityId });
    if (!version) return null;
    const document = await em.getRepository(DocumentEntity).findOneByOrFail({ id: version.documentId, facilityId });
    const [{ latest }] = (await em.query(`SELECT max(number)::int AS latest FROM document_versions WHERE facility_id = $1 AND document_id = $2`, [facilityId, version.documentId])) as {
      latest: number;
    }[];
    const { signers } = await this.forms.effective(facilityId, version.formCode, version.schemaVersion, em);
    const done = await em.getRepository(DocumentSignoffEntity).findBy({ versionId, facilityId });
    return {
      payload: {
        documentId: document.id,
        versionId: version.id,
        versionNumber: version.number,
        formCode: version.formCode,
        schemaVersion: version.schemaVersion,
        encounterId: document.encounterId,
        patientId: document.patientId,
        authorId: version.authorId,
        effectiveAt: version.effectiveAt.toISOString(),
        content: version.content,
      },
      status: version.status,
      latest: latest === version.number,
      departmentId: version.departmentId,
      nextStep: this.awaiting(signers, done)[0] ?? null,
      signers,
    };
  }

  /** The signer-matrix steps a version still lacks. */
  awaiting(signers: SignerStep[], signoffs: { step: number }[]): SignerStep[] {
    return signers.filter((s) => !signoffs.some((o) => o.step === s.step));
  }

  private async requireEligible(em: EntityManager, signer: UserPrincipal, step: SignerStep, version: DocumentVersionEntity): Promise<void> {
    switch (step.role) {
      case 'author':
        if (signer.userId !== version.authorId) throw new DocumentError('signoff_not_allowed', 'The author signs this step');
        return;
      case 'head_of_department': {
        const user = await this.users.currentUser(signer.userId, em);
        if (!user.departments.some((d) => d.id === version.departmentId && d.isHead)) throw new DocumentError('signoff_not_allowed', 'The head of the department signs this step');
        return;
      }
      default:
        if (!signer.roles.includes(step.role)) throw new DocumentError('signoff_not_allowed', `A ${step.role} signs this step`);
    }
  }

  /** The content fits the form's schema (draft rules), and its coded fields hold codes valid for this patient and date (R15). */
  private async requireValid(form: Parameters<FormsService['validateContent']>[0], content: unknown, encounter: EncounterEntity): Promise<void> {
    if (typeof content !== 'object' || content === null || Array.isArray(content)) {
      throw new DocumentError('invalid_content', 'Content must be a JSON object', {}, [{ field: '/', message: 'must be an object', code: 'type' }]);
    }
    const problems = this.forms.validateContent(form, content, 'draft');
    if (!problems.length) problems.push(...(await this.codeProblems(form.schema, content, encounter)));
    if (problems.length) throw new DocumentError('invalid_content', `The content does not fit form ${form.code}: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, {}, problems);
  }

  private async codeProblems(schema: Parameters<typeof codedValues>[0], content: unknown, encounter: EncounterEntity): Promise<FieldError[]> {
    const coded = codedValues(schema, content).filter((c) => c.system === 'icd10');
    if (!coded.length) return [];
    const patient = await this.patients.require(encounter.facilityId, encounter.patientId);
    const problems: FieldError[] = [];
    for (const value of coded) {
      try {
        // Form fields do not say whether a code is the main diagnosis, so only existence and sex are checked here.
        await this.terminology.requireDiagnosisCode(value.code, { role: 'secondary', patientSex: patient.sex, at: encounter.endedAt ?? this.clock.now(), field: value.pointer });
      } catch (error) {
        if (!(error instanceof TerminologyError)) throw error;
        problems.push(...error.fieldErrors.map((f) => ({ ...f, code: error.code })));
      }
    }
    return problems;
  }

  private effectiveAt(value: string | null | undefined, now: Date): Date {
    if (!value) return now;
    const at = new Date(value);
    if (Number.isNaN(at.getTime())) throw new DocumentError('invalid_document', 'effectiveAt is not a date-time', {}, [{ field: 'effectiveAt', message: 'must be an ISO 8601 date-time' }]);
    if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw new DocumentError('invalid_document', 'effectiveAt is in the future', {}, [{ field: 'effectiveAt', message: 'must not be in the future' }]);
    return at;
  }

  private async insertVersion(
    em: EntityManager,
    input: { document: DocumentEntity; number: number; reason: string | null; principal: UserPrincipal; role: UserRole; encounter: EncounterEntity; schemaVersion: number; content: Record<string, unknown>; effectiveAt: Date; now: Date },
  ): Promise<string> {
    const { principal, encounter } = input;
    const departmentId = principal.departmentIds.includes(encounter.departmentId) ? encounter.departmentId : (principal.departmentIds[0] ?? encounter.departmentId);
    const saved = await em.getRepository(DocumentVersionEntity).save(
      em.getRepository(DocumentVersionEntity).create({
        facilityId: principal.facilityId,
        documentId: input.document.id,
        number: input.number,
        status: 'draft',
        reason: input.reason,
        authorId: principal.userId,
        authorRole: input.role,
        departmentId,
        formCode: input.document.formCode,
        schemaVersion: input.schemaVersion,
        content: input.content,
        contentHash: canonicalSha256(input.content),
        effectiveAt: input.effectiveAt,
        createdAt: input.now,
        savedAt: input.now,
        revision: 1,
        signedAt: null,
      }),
    );
    return saved.id;
  }

  private async readable(principal: AuthenticatedPrincipal, id: string): Promise<DocumentEntity> {
    const document = await this.dataSource.getRepository(DocumentEntity).findOneBy({ id, facilityId: principal.facilityId });
    if (!document) throw new DocumentError('document_not_found', 'Document not found');
    await this.access.requirePatientAccess(principal, document.patientId);
    return document;
  }

  /** A read of a document or a version: recorded once the access check passed and the data was loaded. */
  private async recordRead(principal: AuthenticatedPrincipal, document: DocumentEntity, resource: { type: 'document' | 'version'; id: string; version: number | null }, detail: Record<string, unknown>): Promise<void> {
    await this.audit.recordNow({
      action: 'document_read',
      actor: principal,
      resource,
      patientId: document.patientId,
      detail: { ...(resource.type === 'version' ? { documentId: document.id } : {}), formCode: document.formCode, ...detail },
    });
  }

  private async lockDocument(em: EntityManager, principal: UserPrincipal, id: string): Promise<DocumentEntity> {
    const document = await em.getRepository(DocumentEntity).findOne({ where: { id, facilityId: principal.facilityId }, lock: { mode: 'pessimistic_write' } });
    if (!document) throw new DocumentError('document_not_found', 'Document not found');
    await this.access.requirePatientAccess(principal, document.patientId);
    return document;
  }

  private async requireOpenRecord(em: EntityManager, facilityId: string, encounterId: string): Promise<EncounterEntity> {
    const encounter = await this.encounters.require(facilityId, encounterId, { em });
    if (encounter.recordClosedAt) throw new DocumentError('record_closed', 'This record is closed for archiving');
    return encounter;
  }

  private async summaries(facilityId: string, documents: DocumentEntity[]): Promise<DocumentSummary[]> {
    if (!documents.length) return [];
    const latest = (await this.dataSource.query(
      `SELECT DISTINCT ON (document_id) id FROM document_versions WHERE facility_id = $1 AND document_id = ANY($2) ORDER BY document_id, number DESC`,
      [facilityId, documents.map((d) => d.id)],
    )) as { id: string }[];
    const counts = (await this.dataSource.query(`SELECT document_id, count(*)::int AS n FROM document_versions WHERE facility_id = $1 AND document_id = ANY($2) GROUP BY document_id`, [
      facilityId,
      documents.map((d) => d.id),
    ])) as { document_id: string; n: number }[];
    const versions = await this.dataSource.getRepository(DocumentVersionEntity).findBy({ facilityId, id: In(latest.map((l) => l.id)) });
    const summaries = new Map((await this.versionSummaries(facilityId, versions)).map((s, i) => [versions[i].documentId, s]));
    const titles = new Map<string, { vi: string; en: string }>();
    for (const code of new Set(documents.map((d) => d.formCode))) {
      const { form } = await this.forms.effective(facilityId, code);
      titles.set(code, { vi: form.titleVi, en: form.titleEn });
    }
    return documents.map((d) => ({
      id: d.id,
      encounterId: d.encounterId,
      patientId: d.patientId,
      formCode: d.formCode,
      formTitle: titles.get(d.formCode) ?? { vi: d.formCode, en: d.formCode },
      title: d.title,
      createdAt: d.createdAt.toISOString(),
      latest: summaries.get(d.id) as DocumentVersionSummary,
      versionCount: counts.find((c) => c.document_id === d.id)?.n ?? 0,
    }));
  }

  private async versionSummaries(facilityId: string, versions: DocumentVersionEntity[]): Promise<DocumentVersionSummary[]> {
    if (!versions.length) return [];
    const signoffs = await this.dataSource.getRepository(DocumentSignoffEntity).find({ where: { facilityId, versionId: In(versions.map((v) => v.id)) }, order: { step: 'ASC' } });
    const names = await this.users.displayNames([...new Set([...versions.map((v) => v.authorId), ...signoffs.map((s) => s.signerId)])]);
    const departmentNames = new Map((await this.departments.list(facilityId)).map((d) => [d.id, d.name]));
    const matrices = new Map<string, SignerStep[]>();
    const result: DocumentVersionSummary[] = [];
    for (const v of versions) {
      const key = `${v.formCode}@${v.schemaVersion}`;
      if (!matrices.has(key)) matrices.set(key, (await this.forms.effective(facilityId, v.formCode, v.schemaVersion)).signers);
      const own: SignoffSummary[] = signoffs
        .filter((s) => s.versionId === v.id)
        .map((s) => ({ step: s.step, role: s.signerRole, signerId: s.signerId, signerName: names.get(s.signerId) ?? '', signedAt: s.signedAt.toISOString() }));
      result.push({
        id: v.id,
        number: v.number,
        status: v.status,
        reason: v.reason,
        authorId: v.authorId,
        authorName: names.get(v.authorId) ?? '',
        authorRole: v.authorRole,
        departmentId: v.departmentId,
        departmentName: departmentNames.get(v.departmentId) ?? '',
        createdAt: v.createdAt.toISOString(),
        savedAt: v.savedAt.toISOString(),
        effectiveAt: v.effectiveAt.toISOString(),
        schemaVersion: v.schemaVersion,
        contentHash: v.contentHash,
        signoffs: own,
        awaiting: this.awaiting(matrices.get(key) ?? [], own),
      });
    }
    return result;
  }

  private async full(facilityId: string, version: DocumentVersionEntity): Promise<DocumentVersion> {
    const [summary] = await this.versionSummaries(facilityId, [version]);
    return { ...summary, documentId: version.documentId, content: version.content, revision: version.revision };
  }
}

function authorRole(principal: UserPrincipal, allowed: UserRole[]): UserRole {
  const role = principal.roles.find((r) => allowed.includes(r));
  if (!role) throw new DocumentError('not_an_author_role', `This form is written by: ${allowed.join(', ')}`);
  return role;
}
