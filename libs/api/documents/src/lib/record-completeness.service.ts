import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditLog } from '@benhan/api/audit';
import { Clock, type AuthenticatedPrincipal, type UserPrincipal } from '@benhan/api/core';
import { EncountersService, type EncounterEntity } from '@benhan/api/encounters';
import { DepartmentsService, PatientAccessService, UsersService } from '@benhan/api/identity';
import { PatientsService } from '@benhan/api/patients';
import type { AwaitingSignature, EncounterCompleteness, MissingRequirement, TimelinessEntry } from '@benhan/shared/contracts';
import { DocumentError } from './documents.errors';
import { DocumentSignoffEntity } from './entities/document-signoff.entity';
import { DocumentVersionEntity } from './entities/document-version.entity';
import { DocumentEntity } from './entities/document.entity';
import { FormsService } from './forms/forms.service';

const HOUR_MS = 3_600_000;

export interface TimelinessQuery {
  from: Date;
  to: Date;
  departmentId?: string;
}

/**
 * What a record still lacks: required forms with no document (by this facility's rules), versions awaiting
 * a signer-matrix step, drafts missing mandatory fields. The records office closes a record for archiving
 * only when nothing is missing. Also the legacy R9 timeliness report.
 */
@Injectable()
export class RecordCompletenessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly forms: FormsService,
    private readonly encounters: EncountersService,
    private readonly access: PatientAccessService,
    private readonly patients: PatientsService,
    private readonly users: UsersService,
    private readonly departments: DepartmentsService,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async completeness(principal: AuthenticatedPrincipal, encounterId: string): Promise<EncounterCompleteness> {
    const encounter = await this.encounters.require(principal.facilityId, encounterId);
    await this.access.requirePatientAccess(principal, encounter.patientId);
    return this.evaluate(this.dataSource.manager, principal.facilityId, encounter);
  }

  /** Close a finished, complete record for archiving; anything missing → 409 listing it. */
  async closeRecord(principal: UserPrincipal, encounterId: string): Promise<EncounterCompleteness> {
    await this.dataSource.transaction(async (em) => {
      const encounter = await this.encounters.require(principal.facilityId, encounterId, { em, lock: true });
      if (encounter.recordClosedAt) throw new DocumentError('record_closed', 'This record is already closed');
      if (encounter.status !== 'finished') throw new DocumentError('encounter_in_progress', 'The patient has not been discharged (or the visit concluded) yet');
      const completeness = await this.evaluate(em, principal.facilityId, encounter);
      if (!completeness.complete) {
        throw new DocumentError('record_incomplete', 'The record is incomplete', { missing: completeness.missing, awaitingSignature: completeness.awaitingSignature, incompleteDrafts: completeness.incompleteDrafts });
      }
      await this.encounters.closeRecord(em, encounter, principal.userId, this.clock.now());
      // Closing locks the record against new versions (R11: a lock is an audit event).
      await this.audit.record(em, {
        action: 'encounter_update',
        actor: principal,
        resource: { type: 'encounter', id: encounter.id, version: encounter.version + 1 },
        patientId: encounter.patientId,
        detail: { change: 'record_closed' },
      });
    });
    return this.completeness(principal, encounterId);
  }

  /**
   * R9 (legacy TT 46): versions whose first signature came, or is still missing, more than 12 h after the
   * time of the entry; over 24 h is the late_24h band.
   */
  async timeliness(principal: AuthenticatedPrincipal, query: TimelinessQuery): Promise<TimelinessEntry[]> {
    const now = this.clock.now();
    const qb = this.dataSource
      .createQueryBuilder()
      .select(['v.document_id AS document_id', 'd.encounter_id AS encounter_id', 'd.patient_id AS patient_id', 'v.form_code AS form_code', 'v.number AS number'])
      .addSelect(['v.author_id AS author_id', 'v.department_id AS department_id', 'v.effective_at AS effective_at', 's.signed_at AS signed_at'])
      .from('document_versions', 'v')
      .innerJoin('documents', 'd', 'd.id = v.document_id')
      .leftJoin('document_signoffs', 's', 's.version_id = v.id AND s.step = 1')
      .where('v.facility_id = :facilityId', { facilityId: principal.facilityId })
      .andWhere('v.effective_at >= :from AND v.effective_at < :to', { from: query.from, to: query.to })
      .andWhere(`coalesce(s.signed_at, :now) - v.effective_at > interval '12 hours'`, { now })
      .orderBy('v.effective_at', 'ASC')
      .limit(5000);
    if (query.departmentId) qb.andWhere('v.department_id = :departmentId', { departmentId: query.departmentId });
    this.access.applyScope(qb, 'd.patient_id', principal);
    const rows = (await qb.getRawMany()) as {
      document_id: string;
      encounter_id: string;
      patient_id: string;
      form_code: string;
      number: number;
      author_id: string;
      department_id: string;
      effective_at: Date;
      signed_at: Date | null;
    }[];
    const patients = await this.patients.summariesByIds(principal.facilityId, [...new Set(rows.map((r) => r.patient_id))]);
    const names = await this.users.displayNames([...new Set(rows.map((r) => r.author_id))]);
    const departmentNames = new Map((await this.departments.list(principal.facilityId)).map((d) => [d.id, d.name]));
    return rows.map((r) => {
      const hoursLate = Math.round(((r.signed_at ?? now).getTime() - r.effective_at.getTime()) / HOUR_MS * 10) / 10;
      return {
        documentId: r.document_id,
        encounterId: r.encounter_id,
        patientName: patients.get(r.patient_id)?.fullName ?? '',
        formCode: r.form_code,
        versionNumber: r.number,
        authorName: names.get(r.author_id) ?? '',
        departmentName: departmentNames.get(r.department_id) ?? '',
        effectiveAt: r.effective_at.toISOString(),
        signedAt: r.signed_at?.toISOString() ?? null,
        hoursLate,
        band: hoursLate > 24 ? 'late_24h' : 'late_12h',
      };
    });
  }

  private async evaluate(em: EntityManager, facilityId: string, encounter: EncounterEntity): Promise<EncounterCompleteness> {
    const forms = await this.forms.list(facilityId, encounter.type);
    const required = forms.filter((f) => f.active && f.requiredFor.some((r) => r.encounterType === encounter.type && (!r.whenFinished || encounter.status === 'finished')));
    const documents = await em.getRepository(DocumentEntity).findBy({ encounterId: encounter.id, facilityId });
    const present = new Set(documents.map((d) => d.formCode));

    const groups = new Map<string, typeof required>();
    for (const form of required) {
      const key = form.requirementGroup ?? form.code;
      groups.set(key, [...(groups.get(key) ?? []), form]);
    }
    const missing: MissingRequirement[] = [];
    for (const [requirement, members] of groups) {
      if (members.some((f) => present.has(f.code))) continue;
      missing.push({
        requirement,
        formCodes: members.map((f) => f.code),
        title: members.length === 1 ? members[0].title : { vi: `Một trong: ${members.map((f) => f.title.vi).join('; ')}`, en: `One of: ${members.map((f) => f.title.en).join('; ')}` },
      });
    }

    const latestIds = documents.length
      ? ((await em.query(`SELECT DISTINCT ON (document_id) id FROM document_versions WHERE facility_id = $1 AND document_id = ANY($2) ORDER BY document_id, number DESC`, [
          facilityId,
          documents.map((d) => d.id),
        ])) as { id: string }[])
      : [];
    const latest = latestIds.length ? await em.getRepository(DocumentVersionEntity).findBy({ facilityId, id: In(latestIds.map((l) => l.id)) }) : [];
    const signoffs = latest.length ? await em.getRepository(DocumentSignoffEntity).findBy({ facilityId, versionId: In(latest.map((v) => v.id)) }) : [];
    const awaitingSignature: AwaitingSignature[] = [];
    const incompleteDrafts: EncounterCompleteness['incompleteDrafts'] = [];
    for (const version of latest.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
      const { form, signers } = await this.forms.effective(facilityId, version.formCode, version.schemaVersion, em);
      const own = signoffs.filter((s) => s.versionId === version.id);
      for (const step of signers.filter((s) => !own.some((o) => o.step === s.step))) {
        awaitingSignature.push({ documentId: version.documentId, formCode: version.formCode, versionNumber: version.number, step });
      }
      if (version.status === 'draft' && this.forms.validateContent(form, version.content, 'complete').length) {
        incompleteDrafts.push({ documentId: version.documentId, formCode: version.formCode, versionNumber: version.number });
      }
    }
    return {
      encounterId: encounter.id,
      complete: !missing.length && !awaitingSignature.length,
      missing,
      awaitingSignature,
      incompleteDrafts,
      recordClosedAt: encounter.recordClosedAt?.toISOString() ?? null,
    };
  }
}
