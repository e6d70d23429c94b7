import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditLog } from '@benhan/api/audit';
import { Clock, canonicalJsonBytes, type UserPrincipal } from '@benhan/api/core';
import { DocumentError, DocumentsService, RecordCompletenessService } from '@benhan/api/documents';
import { EncountersService } from '@benhan/api/encounters';
import { PatientAccessService, UsersService } from '@benhan/api/identity';
import { PatientsService } from '@benhan/api/patients';
import { PkiService, ValidationService } from '@benhan/api/signatures';
import { foldVietnamese } from '@benhan/shared/validation';
import type {
  ArchiveAccessEntry,
  ArchiveLoan,
  ArchiveRequest,
  ArchiveSearch,
  ArchiveSummary,
  DischargeQueueItem,
  EncounterDetail,
  LegalHoldRequest,
  LoanRequest,
  Page,
  ReopenRequest,
} from '@benhan/shared/contracts';
import { ArchiveError, requireText } from './archive.errors';
import { ARCHIVE_OPTIONS, type ArchiveOptions } from './archive.options';
import { renderEncounterArchive, type ArchivedDocument, type PrintableArchive } from './encounter-archive-pdf';
import { ArchiveEntity, ArchiveEventEntity, ArchiveLoanEntity, type ArchiveEventKind } from './entities';
import { sealPdf } from './pdf/seal';
import { decideRetention, loadRetentionRules, type RetentionRules } from './retention/retention-rules';
import { ARCHIVE_STORE, type ArchiveStore } from './store';
import { printContext, VersionPrintService } from './version-print.service';

const TYPE_LABEL = { inpatient: 'Bệnh án nội trú', outpatient: 'Bệnh án ngoại trú' } as const;
const OUTCOME_LABEL = { recovered: 'Khỏi', improved: 'Đỡ, giảm', unchanged: 'Không thay đổi', worse: 'Nặng hơn', died: 'Tử vong' } as const;
const DIAGNOSIS_ROLE_LABEL = { admission: 'Chẩn đoán vào viện', principal: 'Bệnh chính', secondary: 'Bệnh kèm theo', discharge: 'Chẩn đoán ra viện' } as const;

/**
 * The records office's archive: a closed, complete encounter becomes one sealed PDF/A-3 in the write-once
 * store (R16–R18, R21), recorded with its SHA-256, size and retention; the record is locked against new
 * versions until the records office re-opens it (recorded), and archiving again makes a new generation.
 * Downloads need a purpose and are recorded; loans are logged.
 */
@Injectable()
export class ArchiveService {
  private readonly logger = new Logger(ArchiveService.name);
  readonly rules: RetentionRules;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ARCHIVE_OPTIONS) private readonly options: ArchiveOptions,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    private readonly documents: DocumentsService,
    private readonly completeness: RecordCompletenessService,
    private readonly encounters: EncountersService,
    private readonly patients: PatientsService,
    private readonly access: PatientAccessService,
    private readonly users: UsersService,
    private readonly validation: ValidationService,
    private readonly pki: PkiService,
    private readonly printing: VersionPrintService,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {
    this.rules = loadRetentionRules(options.retentionRulesFile);
  }

  // ------------------------------------------------------------------ archiving

  /** Archive a discharged, complete encounter (closing its record first); 409 with what is missing otherwise. */
  async archive(user: UserPrincipal, encounterId: string, request: ArchiveRequest = {}): Promise<ArchiveSummary> {
    const encounter = await this.encounters.require(user.facilityId, encounterId);
    await this.access.requirePatientAccess(user, encounter.patientId);
    if (encounter.status !== 'finished') throw new ArchiveError('encounter_in_progress', 'The patient has not been discharged (or the visit concluded) yet');
    const current = await this.current(encounterId);
    if (current && !current.reopenedAt) throw new ArchiveError('already_archived', `This record is archived (generation ${current.generation})`, { archiveId: current.id });
    if (!encounter.recordClosedAt) {
      try {
        await this.completeness.closeRecord(user, encounterId);
      } catch (error) {
        // Closed meanwhile by another request: the generation check below settles who archives.
        if (!(error instanceof DocumentError && error.code === 'record_closed')) throw error;
      }
    }

    const generation = (current?.generation ?? 0) + 1;
    const id = randomUUID();
    const archivedAt = this.clock.now();
    const me = await this.users.currentUser(user.userId);
    const detail = await this.encounters.get(user, encounterId);
    const t0 = performance.now();
    const printable = await this.printableArchive(user, detail, { id, generation, archivedAt, archivedBy: me.fullName, facilityName: me.facility.name, categories: request.categories ?? [] });
    const t1 = performance.now();
    const rendered = await renderEncounterArchive(printable.archive);
    const t2 = performance.now();
    const sealed = await sealPdf(rendered.pdf, (bytes) => this.pki.sealDetached(user.facilityId, bytes, archivedAt));
    const t3 = performance.now();
    const sha256 = createHash('sha256').update(sealed).digest('hex');
    const key = `${me.facility.code}/${detail.endedAt?.slice(0, 4) ?? archivedAt.getUTCFullYear()}/${encounterId}/g${generation}-${sha256.slice(0, 16)}.pdf`;
    const stored = await this.store.put(key, sealed);
    this.logger.log(
      `Archived encounter ${encounterId} generation ${generation}: ${printable.archive.documents.length} documents, ${rendered.pageCount} pages, ${stored.sizeBytes} bytes; ` +
        `gathered in ${Math.round(t1 - t0)} ms, rendered in ${Math.round(t2 - t1)} ms, sealed in ${Math.round(t3 - t2)} ms, stored in ${Math.round(performance.now() - t3)} ms`,
    );

    try {
      await this.dataSource.transaction(async (em) => {
        const locked = await this.encounters.require(user.facilityId, encounterId, { em, lock: true });
        const latest = await em.getRepository(ArchiveEntity).findOne({ where: { encounterId, status: 'stored' } });
        if (!locked.recordClosedAt || (latest?.id ?? null) !== (current?.id ?? null) || (latest && !latest.reopenedAt)) {
          throw new ArchiveError('archive_conflict', 'The record changed while it was being archived; try again');
        }
        if (latest) await em.getRepository(ArchiveEntity).update({ id: latest.id }, { status: 'superseded' });
        await em.getRepository(ArchiveEntity).insert({
          id,
          facilityId: user.facilityId,
          encounterId,
          patientId: detail.patientId,
          generation,
          status: 'stored',
          lookupCode: printable.archive.lookupCode,
          store: this.store.name,
          storeKey: key,
          sha256: stored.sha256,
          sizeBytes: stored.sizeBytes,
          pageCount: rendered.pageCount,
          documentCount: printable.archive.documents.length,
          archivedAt,
          archivedBy: user.userId,
          patientName: detail.patientName,
          patientNameFolded: foldVietnamese(detail.patientName),
          patientCode: detail.patientCode,
          recordNumber: detail.recordNumber,
          encounterType: detail.type,
          departmentName: detail.departmentName,
          startedAt: new Date(detail.startedAt),
          endedAt: new Date(detail.endedAt ?? archivedAt),
          principalDiagnosisCode: printable.principal?.code ?? null,
          principalDiagnosisName: printable.principal?.title ?? null,
          diagnosisCodes: [...new Set(detail.diagnoses.map((d) => d.code))],
          retentionYears: printable.archive.retention.years,
          retentionRule: printable.archive.retention.rule,
          retentionCategories: printable.archive.retention.categories,
          retainUntil: printable.archive.retention.retainUntil,
        });
        await this.event(em, user, { archiveId: id, encounterId, kind: 'archived', purpose: `generation ${generation}`, details: { sha256: stored.sha256, sizeBytes: stored.sizeBytes, storeKey: key } });
        await this.audit.record(em, {
          action: 'archive_create',
          actor: user,
          resource: { type: 'archive', id, version: generation },
          patientId: detail.patientId,
          detail: { encounterId, generation, supersedes: latest?.id ?? null, sha256: stored.sha256, sizeBytes: stored.sizeBytes, pageCount: rendered.pageCount, documentCount: printable.archive.documents.length, retainUntil: printable.archive.retention.retainUntil },
        });
      });
    } catch (error) {
      // Nothing refers to the file: remove it so the store holds only recorded archives.
      await this.store.delete(key).catch((e: unknown) => this.logger.error(`Orphan archive file ${key} could not be removed: ${String(e)}`));
      throw error;
    }
    return this.summary(user.facilityId, id);
  }

  /** The encounter's current generation (stored), if any. */
  private current(encounterId: string, em: EntityManager = this.dataSource.manager): Promise<ArchiveEntity | null> {
    return em.getRepository(ArchiveEntity).findOne({ where: { encounterId, status: 'stored' } });
  }

  /** Everything the archive file holds, read through the owning services. */
  private async printableArchive(
    user: UserPrincipal,
    encounter: EncounterDetail,
    meta: { id: string; generation: number; archivedAt: Date; archivedBy: string; facilityName: string; categories: ArchiveRequest['categories'] & object },
  ): Promise<{ archive: PrintableArchive; principal: { code: string; title: string } | null }> {
    const patient = await this.patients.get(user, encounter.patientId);
    const context = printContext(meta.facilityName, patient, encounter);
    const summaries = await this.documents.listForEncounter(user, encounter.id);
    const reportSet = await this.validation.reportSet(user.facilityId, { encounterId: encounter.id });
    const cms = await this.validation.cmsOf(user.facilityId, reportSet.reports.map((r) => r.id));
    const documents: ArchivedDocument[] = [];
    for (const summary of summaries.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))) {
      const history = await this.documents.history(user, summary.id);
      const versions: ArchivedDocument['versions'] = [];
      let final: ArchivedDocument['final'] | null = null;
      for (const entry of history.sort((a, b) => a.number - b.number)) {
        const view = await this.documents.signingView(user.facilityId, entry.id);
        if (!view) throw new ArchiveError('version_not_found', `Version ${entry.id} vanished while archiving`);
        const reports = reportSet.reports.filter((r) => r.versionId === entry.id).sort((a, b) => a.step - b.step);
        if (entry.number === summary.latest.number) {
          const version = await this.documents.version(user, summary.id, entry.number);
          final = await this.printing.body(user, view, version, context, reports);
        }
        const labels = new Map(view.signers.map((s) => [s.step, s.label]));
        versions.push({
          versionId: entry.id,
          number: entry.number,
          status: entry.status,
          reason: entry.reason,
          authorName: entry.authorName,
          savedAt: new Date(entry.savedAt),
          contentHash: entry.contentHash,
          canonical: canonicalJsonBytes(view.payload),
          signatures: reports.map((r) => ({
            signatureId: r.id,
            step: r.step,
            role: r.role,
            label: labels.get(r.step) ?? `Bước ${r.step}`,
            signerName: r.signerName,
            signedAt: new Date(r.signedAt),
            timestampedAt: r.timestampedAt ? new Date(r.timestampedAt) : null,
            certificateSerial: r.certificateSerial,
            indication: r.indication,
            cms: cms.get(r.id) ?? Buffer.alloc(0),
          })),
        });
      }
      if (!final) throw new ArchiveError('version_not_found', `Document ${summary.id} has no final version`);
      documents.push({ documentId: summary.id, formCode: summary.formCode, formTitle: summary.formTitle.vi, title: summary.title, final, versions });
    }
    const principal = encounter.diagnoses.find((d) => d.role === 'principal') ?? encounter.diagnoses.find((d) => d.role === 'discharge') ?? null;
    const endedAt = new Date(encounter.endedAt ?? meta.archivedAt);
    const lookupCode = archiveLookupCode(meta.id);
    return {
      principal: principal ? { code: principal.code, title: principal.title } : null,
      archive: {
        facilityName: meta.facilityName,
        generation: meta.generation,
        archivedAt: meta.archivedAt,
        archivedBy: meta.archivedBy,
        lookupCode,
        verifyUrl: `${this.options.publicUrl}/verify/${lookupCode}`,
        patient: { ...context.patient, birthDate: patient.birthDate },
        encounter: {
          recordNumber: encounter.recordNumber,
          typeLabel: TYPE_LABEL[encounter.type],
          departmentName: encounter.departmentName,
          startedAt: new Date(encounter.startedAt),
          endedAt,
          outcomeLabel: encounter.dischargeOutcome ? OUTCOME_LABEL[encounter.dischargeOutcome] : null,
          diagnoses: encounter.diagnoses.map((d) => ({ roleLabel: DIAGNOSIS_ROLE_LABEL[d.role], code: d.code, title: d.title })),
        },
        retention: decideRetention(this.rules, { endedAt, dischargeOutcome: encounter.dischargeOutcome, diagnosisCodes: encounter.diagnoses.map((d) => d.code), asserted: meta.categories }),
        documents,
      },
    };
  }

  // ------------------------------------------------------------------ the records office's queue

  /**
   * A page of discharged or concluded encounters with completeness and their archive state: those still to archive
   * oldest discharge first (the ones that have waited longest), archived ones newest first.
   */
  async queue(user: UserPrincipal, scope: 'pending' | 'archived' | 'all', limit = 50, offset = 0): Promise<Page<DischargeQueueItem>> {
    const pending = `NOT EXISTS (SELECT 1 FROM archives a WHERE a.encounter_id = e.id AND a.status = 'stored' AND a.reopened_at IS NULL)`;
    const filter = scope === 'pending' ? `AND ${pending}` : scope === 'archived' ? `AND NOT ${pending}` : '';
    const from = `FROM encounters e WHERE e.facility_id = $1 AND e.status = 'finished' ${filter}`;
    // A read model over encounters and archives: ids only; the details come from the owning services.
    const [rows, [{ total }]] = (await Promise.all([
      this.dataSource.query(`SELECT e.id ${from} ORDER BY e.ended_at ${scope === 'pending' ? 'ASC' : 'DESC'} NULLS LAST, e.id LIMIT $2 OFFSET $3`, [user.facilityId, limit, offset]),
      this.dataSource.query(`SELECT count(*)::int AS total ${from}`, [user.facilityId]),
    ])) as [{ id: string }[], { total: number }[]];
    const archives = rows.length ? await this.dataSource.getRepository(ArchiveEntity).find({ where: { encounterId: In(rows.map((r) => r.id)), status: 'stored' } }) : [];
    const items: DischargeQueueItem[] = [];
    for (const { id } of rows) {
      const detail = await this.encounters.get(user, id);
      const archive = archives.find((a) => a.encounterId === id) ?? null;
      items.push({
        encounterId: id,
        patientId: detail.patientId,
        patientName: detail.patientName,
        patientCode: detail.patientCode,
        recordNumber: detail.recordNumber,
        encounterType: detail.type,
        departmentName: detail.departmentName,
        startedAt: detail.startedAt,
        endedAt: detail.endedAt ?? detail.startedAt,
        completeness: await this.completeness.completeness(user, id),
        archive: archive ? { id: archive.id, generation: archive.generation, archivedAt: archive.archivedAt.toISOString() } : null,
        reopened: !!archive?.reopenedAt,
      });
    }
    return { items, total, limit, offset };
  }

  // ------------------------------------------------------------------ finding and reading

  async search(user: UserPrincipal, query: ArchiveSearch): Promise<Page<ArchiveSummary>> {
    const limit = Math.min(query.limit ?? 50, 200);
    const offset = query.offset ?? 0;
    const qb = this.dataSource.getRepository(ArchiveEntity).createQueryBuilder('a').where('a.facility_id = :facilityId', { facilityId: user.facilityId });
    const q = query.q?.trim();
    if (q) {
      const escaped = foldVietnamese(q).replace(/[\\%_]/g, (c) => '\\' + c);
      qb.andWhere('(a.patient_code = :code OR a.patient_name_folded LIKE :name)', { code: q.toUpperCase(), name: `%${escaped}%` });
    }
    if (query.recordNumber?.trim()) qb.andWhere('a.record_number = :recordNumber', { recordNumber: query.recordNumber.trim() });
    if (query.diagnosis?.trim()) {
      const prefix = query.diagnosis.trim().toUpperCase().replace(/[\\%_]/g, (c) => '\\' + c);
      qb.andWhere('EXISTS (SELECT 1 FROM unnest(a.diagnosis_codes) c WHERE c LIKE :prefix)', { prefix: `${prefix}%` });
    }
    if (query.endedFrom) qb.andWhere(`a.ended_at >= (:endedFrom::date - interval '7 hours')`, { endedFrom: query.endedFrom });
    if (query.endedTo) qb.andWhere(`a.ended_at < (:endedTo::date + interval '1 day' - interval '7 hours')`, { endedTo: query.endedTo });
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    const [rows, total] = await qb.orderBy('a.ended_at', 'DESC').addOrderBy('a.generation', 'DESC').take(limit).skip(offset).getManyAndCount();
    return { items: await this.summaries(rows), total, limit, offset };
  }

  /** One archive's record, as a read (recorded). */
  async get(user: UserPrincipal, id: string): Promise<ArchiveSummary> {
    const archive = await this.require(user.facilityId, id);
    const [summary] = await this.summaries([archive]);
    await this.audit.recordNow({
      action: 'archive_read',
      actor: user,
      resource: { type: 'archive', id, version: archive.generation },
      patientId: archive.patientId,
      detail: { encounterId: archive.encounterId, status: archive.status },
    });
    return summary;
  }

  /** What an action on an archive answers with: its record after the change (the change is the event, not a read). */
  private async summary(facilityId: string, id: string): Promise<ArchiveSummary> {
    const [summary] = await this.summaries([await this.require(facilityId, id)]);
    return summary;
  }

  async require(facilityId: string, id: string, em: EntityManager = this.dataSource.manager, lock = false): Promise<ArchiveEntity> {
    const archive = await em.getRepository(ArchiveEntity).findOne({ where: { id, facilityId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!archive) throw new ArchiveError('archive_not_found', 'No such archive');
    return archive;
  }

  /** The sealed file, for a stated purpose (recorded before a byte leaves). */
  async download(user: UserPrincipal, id: string, purpose: string | undefined): Promise<{ archive: ArchiveEntity; stream: Readable }> {
    const reason = requireText('purpose', purpose);
    const archive = await this.require(user.facilityId, id);
    await this.access.requirePatientAccess(user, archive.patientId);
    if (archive.status === 'disposed') throw new ArchiveError('archive_disposed', `This archive was disposed of on ${archive.disposedAt?.toISOString().slice(0, 10)}; its disposal record keeps its hash`);
    await this.dataSource.transaction(async (em) => {
      await this.event(em, user, { archiveId: id, encounterId: archive.encounterId, kind: 'download', purpose: reason });
      await this.audit.record(em, {
        action: 'archive_download',
        actor: user,
        resource: { type: 'archive', id, version: archive.generation },
        patientId: archive.patientId,
        reason,
        detail: { encounterId: archive.encounterId, sha256: archive.sha256, sizeBytes: archive.sizeBytes },
      });
    });
    try {
      return { archive, stream: (await this.store.get(archive.storeKey)) as Readable };
    } catch (error) {
      this.logger.error(`Archive ${id} (${archive.storeKey}) cannot be read from the ${this.store.name} store: ${String(error)}`);
      throw new ArchiveError('archive_file_missing', 'The archive file cannot be read from the store; run a fixity check and restore it from backup');
    }
  }

  /** Who downloaded, lent, held, re-opened this archive, newest first. */
  /** A page of an archive's access and loan log, newest first (it grows with every read over decades). */
  async accessLog(user: UserPrincipal, id: string, limit = 50, offset = 0): Promise<Page<ArchiveAccessEntry>> {
    await this.require(user.facilityId, id);
    const [events, total] = await this.dataSource
      .getRepository(ArchiveEventEntity)
      .findAndCount({ where: { archiveId: id, facilityId: user.facilityId }, order: { at: 'DESC', id: 'ASC' }, take: limit, skip: offset });
    const names = await this.users.displayNames([...new Set(events.map((e) => e.userId))]);
    const items = events.map((e): ArchiveAccessEntry => ({
      id: e.id,
      kind: e.kind as ArchiveAccessEntry['kind'],
      at: e.at.toISOString(),
      userName: names.get(e.userId) ?? '',
      role: e.role,
      purpose: e.purpose,
      borrower: (e.details['borrower'] as string | undefined) ?? null,
      dueAt: (e.details['dueAt'] as string | undefined) ?? null,
    }));
    return { items, total, limit, offset };
  }

  // ------------------------------------------------------------------ holds, re-opening, loans

  async setLegalHold(user: UserPrincipal, id: string, request: LegalHoldRequest): Promise<ArchiveSummary> {
    const reason = requireText('reason', request.reason);
    await this.dataSource.transaction(async (em) => {
      const archive = await this.require(user.facilityId, id, em, true);
      if (archive.status === 'disposed') throw new ArchiveError('archive_disposed', 'This archive was disposed of');
      const changes = request.hold ? { legalHoldReason: reason, legalHoldAt: this.clock.now(), legalHoldBy: user.userId } : { legalHoldReason: null, legalHoldAt: null, legalHoldBy: null };
      await em.getRepository(ArchiveEntity).update({ id }, changes);
      await this.event(em, user, { archiveId: id, encounterId: archive.encounterId, kind: request.hold ? 'hold_on' : 'hold_off', purpose: reason });
      await this.audit.record(em, {
        action: 'legal_hold',
        actor: user,
        resource: { type: 'archive', id, version: archive.generation },
        patientId: archive.patientId,
        reason,
        detail: { encounterId: archive.encounterId, hold: request.hold },
      });
    });
    return this.summary(user.facilityId, id);
  }

  /** Re-open an archived record for amendment: recorded; archiving it again makes generation N+1 (this one is kept). */
  async reopen(user: UserPrincipal, id: string, request: ReopenRequest): Promise<ArchiveSummary> {
    const reason = requireText('reason', request.reason);
    await this.dataSource.transaction(async (em) => {
      const archive = await this.require(user.facilityId, id, em, true);
      if (archive.status !== 'stored' || archive.reopenedAt) throw new ArchiveError('not_reopenable', 'Only the current, closed generation of a record can be re-opened');
      const encounter = await this.encounters.require(user.facilityId, archive.encounterId, { em, lock: true });
      await this.encounters.reopenRecord(em, encounter);
      await em.getRepository(ArchiveEntity).update({ id }, { reopenedAt: this.clock.now(), reopenedBy: user.userId, reopenReason: reason });
      await this.event(em, user, { archiveId: id, encounterId: archive.encounterId, kind: 'reopened', purpose: reason });
      await this.audit.record(em, {
        action: 'archive_reopen',
        actor: user,
        resource: { type: 'archive', id, version: archive.generation },
        patientId: archive.patientId,
        reason,
        detail: { encounterId: archive.encounterId },
      });
    });
    return this.summary(user.facilityId, id);
  }

  async lend(user: UserPrincipal, id: string, request: LoanRequest): Promise<ArchiveLoan> {
    const borrower = requireText('borrower', request.borrower, 2);
    const purpose = requireText('purpose', request.purpose);
    const dueAt = new Date(request.dueAt);
    if (Number.isNaN(dueAt.getTime()) || dueAt <= this.clock.now()) throw new ArchiveError('invalid_request', 'dueAt must be a future date', {}, [{ field: 'dueAt', message: 'must be a date in the future', code: 'range' }]);
    const loanId = await this.dataSource.transaction(async (em) => {
      const archive = await this.require(user.facilityId, id, em);
      if (archive.status === 'disposed') throw new ArchiveError('archive_disposed', 'This archive was disposed of');
      const loan = await em.getRepository(ArchiveLoanEntity).save(em.getRepository(ArchiveLoanEntity).create({ facilityId: user.facilityId, archiveId: id, borrower, purpose, lentAt: this.clock.now(), lentBy: user.userId, dueAt, returnedAt: null, returnedBy: null }));
      await this.event(em, user, { archiveId: id, encounterId: archive.encounterId, kind: 'loan', purpose, details: { loanId: loan.id, borrower, dueAt: dueAt.toISOString() } });
      await this.audit.record(em, {
        action: 'archive_loan',
        actor: user,
        resource: { type: 'archive', id, version: archive.generation },
        patientId: archive.patientId,
        reason: purpose,
        detail: { encounterId: archive.encounterId, loanId: loan.id, borrower, dueAt: dueAt.toISOString() },
      });
      return loan.id;
    });
    return this.loan(user.facilityId, loanId);
  }

  async returnLoan(user: UserPrincipal, loanId: string): Promise<ArchiveLoan> {
    await this.dataSource.transaction(async (em) => {
      const loan = await em.getRepository(ArchiveLoanEntity).findOne({ where: { id: loanId, facilityId: user.facilityId }, lock: { mode: 'pessimistic_write' } });
      if (!loan) throw new ArchiveError('loan_not_found', 'No such loan');
      if (loan.returnedAt) throw new ArchiveError('loan_returned', 'This loan was already returned');
      await em.getRepository(ArchiveLoanEntity).update({ id: loanId }, { returnedAt: this.clock.now(), returnedBy: user.userId });
      const archive = await this.require(user.facilityId, loan.archiveId, em);
      await this.event(em, user, { archiveId: loan.archiveId, encounterId: archive.encounterId, kind: 'return', purpose: loan.purpose, details: { loanId, borrower: loan.borrower } });
      await this.audit.record(em, {
        action: 'archive_return',
        actor: user,
        resource: { type: 'archive', id: loan.archiveId, version: archive.generation },
        patientId: archive.patientId,
        reason: loan.purpose,
        detail: { encounterId: archive.encounterId, loanId, borrower: loan.borrower, lentAt: loan.lentAt.toISOString() },
      });
    });
    return this.loan(user.facilityId, loanId);
  }

  async loans(user: UserPrincipal, id: string): Promise<ArchiveLoan[]> {
    await this.require(user.facilityId, id);
    const rows = await this.dataSource.getRepository(ArchiveLoanEntity).find({ where: { archiveId: id, facilityId: user.facilityId }, order: { lentAt: 'DESC' } });
    return this.loanViews(rows);
  }

  private async loan(facilityId: string, id: string): Promise<ArchiveLoan> {
    const [view] = await this.loanViews([await this.dataSource.getRepository(ArchiveLoanEntity).findOneByOrFail({ id, facilityId })]);
    return view;
  }

  private async loanViews(rows: ArchiveLoanEntity[]): Promise<ArchiveLoan[]> {
    const names = await this.users.displayNames([...new Set(rows.map((r) => r.lentBy))]);
    return rows.map((r) => ({
      id: r.id,
      archiveId: r.archiveId,
      borrower: r.borrower,
      purpose: r.purpose,
      lentAt: r.lentAt.toISOString(),
      lentByName: names.get(r.lentBy) ?? '',
      dueAt: r.dueAt.toISOString(),
      returnedAt: r.returnedAt?.toISOString() ?? null,
    }));
  }

  // ------------------------------------------------------------------ shared

  async event(em: EntityManager, user: UserPrincipal, e: { archiveId: string | null; encounterId: string | null; kind: ArchiveEventKind; purpose: string; details?: Record<string, unknown> }): Promise<void> {
    await em.getRepository(ArchiveEventEntity).save(em.getRepository(ArchiveEventEntity).create({
      facilityId: user.facilityId,
      archiveId: e.archiveId,
      encounterId: e.encounterId,
      kind: e.kind,
      at: this.clock.now(),
      userId: user.userId,
      role: user.roles.join(','),
      purpose: e.purpose,
      details: e.details ?? {},
    }));
  }

  async summaries(rows: ArchiveEntity[]): Promise<ArchiveSummary[]> {
    const names = await this.users.displayNames([...new Set(rows.flatMap((r) => [r.archivedBy, ...(r.legalHoldBy ? [r.legalHoldBy] : [])]))]);
    return rows.map((r) => ({
      id: r.id,
      encounterId: r.encounterId,
      patientId: r.patientId,
      patientName: r.patientName,
      patientCode: r.patientCode,
      recordNumber: r.recordNumber,
      encounterType: r.encounterType,
      departmentName: r.departmentName,
      startedAt: r.startedAt.toISOString(),
      endedAt: r.endedAt.toISOString(),
      principalDiagnosis: r.principalDiagnosisCode ? { code: r.principalDiagnosisCode, name: r.principalDiagnosisName ?? '' } : null,
      diagnosisCodes: r.diagnosisCodes,
      generation: r.generation,
      status: r.status,
      sha256: r.sha256,
      sizeBytes: r.sizeBytes,
      pageCount: r.pageCount,
      documentCount: r.documentCount,
      store: r.store,
      storeKey: r.storeKey,
      lookupCode: r.lookupCode,
      archivedAt: r.archivedAt.toISOString(),
      archivedByName: names.get(r.archivedBy) ?? '',
      retention: { years: r.retentionYears, rule: r.retentionRule, categories: r.retentionCategories, retainUntil: r.retainUntil },
      legalHold: r.legalHoldReason && r.legalHoldAt ? { reason: r.legalHoldReason, placedAt: r.legalHoldAt.toISOString(), placedByName: names.get(r.legalHoldBy ?? '') ?? '' } : null,
      lastFixity: r.lastFixityAt && r.lastFixityOutcome ? { checkedAt: r.lastFixityAt.toISOString(), outcome: r.lastFixityOutcome } : null,
      disposedAt: r.disposedAt?.toISOString() ?? null,
    }));
  }
}

/** The short code printed under an archive's QR: "A" and the first 10 hex digits of its id. */
export function archiveLookupCode(archiveId: string): string {
  return `A${archiveId.replace(/-/g, '').slice(0, 10).toUpperCase()}`;
}
