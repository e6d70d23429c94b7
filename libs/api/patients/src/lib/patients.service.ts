import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import { ClinicalEvents, Clock, type AuthenticatedPrincipal, type RequestOrigin, type UserPrincipal } from '@benhan/api/core';
import { PatientAccessService, SecurityEventsService } from '@benhan/api/identity';
import { TerminologyService } from '@benhan/api/terminology';
import { foldVietnamese } from '@benhan/shared/validation';
import type { BreakGlassGrant, Page, PatientDetail, PatientSummary, PossibleDuplicate, RegisterPatientRequest, UpdatePatientRequest } from '@benhan/shared/contracts';
import { PatientEntity } from './entities/patient.entity';
import { normalizedRegistration, patientProblems, type PatientFields } from './patient-validation';
import { PatientError } from './patients.errors';
import { toDetail, toSummary } from './patient.mapper';

/**
 * The patient registry (R2): one record per person per facility, identified by CCCD where known,
 * temporary identities for newborn, unidentified and foreign patients, audited merges.
 */
@Injectable()
export class PatientsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly events: SecurityEventsService,
    private readonly terminology: TerminologyService,
    private readonly clock: Clock,
    private readonly clinicalEvents: ClinicalEvents,
  ) {}

  /**
   * Patients the caller may see, by patient code, CCCD, BHYT number, phone, or name without diacritics.
   * Identifiers use b-tree indexes; names use the trigram index on the folded name (any part of it).
   */
  async search(principal: AuthenticatedPrincipal, q: string | undefined, limit: number, offset: number): Promise<Page<PatientSummary>> {
    const qb = this.dataSource
      .getRepository(PatientEntity)
      .createQueryBuilder('p')
      .where('p.facility_id = :facilityId AND p.merged_into_id IS NULL', { facilityId: principal.facilityId })
      .take(limit)
      .skip(offset);
    const term = q?.trim() ?? '';
    const compact = term.replace(/[\s.-]/g, '').toUpperCase();
    if (/^\d{12}$/.test(compact)) {
      qb.andWhere('p.citizen_id = :id', { id: compact });
    } else if (/^[A-Z]{2}\d{13}$/.test(compact)) {
      qb.andWhere('p.insurance_card_number = :card', { card: compact });
    } else if (/^(\+84|0)\d{9}$/.test(compact)) {
      qb.andWhere('p.phone = :phone', { phone: compact.replace(/^\+84/, '0') });
    } else if (/^BN\d{4,}$/.test(compact)) {
      qb.andWhere('p.patient_code = :code', { code: compact });
    } else if (term) {
      const folded = foldVietnamese(term).replace(/[\\%_]/g, (c) => '\\' + c);
      // Names that start with the term first ("nguyen" ranks Nguyễn … before … Nguyên).
      qb.andWhere('p.search_name LIKE :contains', { contains: `%${folded}%` })
        .setParameter('prefix', `${folded}%`)
        .orderBy('CASE WHEN p.search_name LIKE :prefix THEN 0 ELSE 1 END', 'ASC');
    }
    qb.addOrderBy('p.search_name', 'ASC').addOrderBy('p.patient_code', 'ASC');
    this.access.applyScope(qb, 'p.id', principal);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(toSummary), total, limit, offset };
  }

  /** One patient's registration record; the read is recorded (R11). */
  async get(principal: AuthenticatedPrincipal, id: string, origin?: RequestOrigin): Promise<PatientDetail> {
    const patient = await this.load(principal.facilityId, id);
    await this.access.requirePatientAccess(principal, id);
    await this.recordRead(principal, id, origin);
    return toDetail(patient);
  }

  /** Register a patient (one transaction: code issued, record written, registering department may see it). */
  async register(principal: UserPrincipal, request: RegisterPatientRequest, origin: RequestOrigin): Promise<PatientDetail> {
    const fields = normalizedRegistration(request);
    const problems = patientProblems(fields);
    if (problems.length) throw invalid(problems);
    await this.checkAddress(fields);
    const now = this.clock.now();
    try {
      const patient = await this.dataSource.transaction(async (em) => {
        await this.assertCitizenIdFree(em, principal.facilityId, fields.citizenId, null);
        if (!request.confirmDuplicate) {
          const duplicates = await this.possibleDuplicates(em, principal.facilityId, fields);
          if (duplicates.length) {
            throw new PatientError('possible_duplicate', 'A patient with the same name, date of birth and sex exists: confirm to register anyway', { possibleDuplicates: duplicates });
          }
        }
        const patientCode = await this.issuePatientCode(em, principal.facilityId, now);
        const saved = await em.save(em.create(PatientEntity, { ...fields, facilityId: principal.facilityId, patientCode, searchName: foldVietnamese(fields.fullName) }));
        // The registering department keeps sight of the patient for the care-access window (until a visit or stay starts).
        for (const departmentId of principal.departmentIds) {
          await this.access.startCare(em, { facilityId: principal.facilityId, patientId: saved.id, departmentId, at: now });
          await this.access.endCare(em, { patientId: saved.id, departmentId, at: now });
        }
        await this.events.record(em, {
          type: 'patient_register',
          outcome: 'success',
          facilityId: principal.facilityId,
          actorUserId: principal.userId,
          actorUsername: principal.username,
          patientId: saved.id,
          detail: { patientCode, identityStatus: saved.identityStatus, duplicateConfirmed: request.confirmDuplicate === true },
          origin,
        });
        return saved;
      });
      return toDetail(patient);
    } catch (error) {
      throw translateUniqueViolation(error);
    }
  }

  /** Update with optimistic locking: the caller's `version` must be the current one, else 409. */
  async update(principal: UserPrincipal, id: string, request: UpdatePatientRequest, origin: RequestOrigin): Promise<PatientDetail> {
    const current = await this.load(principal.facilityId, id);
    await this.access.requirePatientAccess(principal, id);
    if (current.mergedIntoId) throw new PatientError('already_merged', 'This record was merged into another; update that one', { mergedIntoId: current.mergedIntoId });
    const { version, ...changes } = request;
    const fields = normalizedRegistration({ ...fieldsOf(current), ...changes });
    const problems = patientProblems(fields);
    if (problems.length) throw invalid(problems);
    await this.checkAddress(fields);
    const now = this.clock.now();
    try {
      await this.dataSource.transaction(async (em) => {
        await this.assertCitizenIdFree(em, principal.facilityId, fields.citizenId, id);
        const result = await em
          .createQueryBuilder()
          .update(PatientEntity)
          .set({ ...fields, searchName: foldVietnamese(fields.fullName), version: () => 'version + 1', updatedAt: now })
          .where('id = :id AND version = :version', { id, version })
          .execute();
        if (result.affected !== 1) {
          throw new PatientError('stale_version', 'Someone else changed this patient after you opened it: reload and apply your change again', { currentVersion: current.version });
        }
        await this.clinicalEvents.publish(em, { type: 'patient_updated', facilityId: principal.facilityId, patientId: id, at: now, by: principal.userId });
        await this.events.record(em, {
          type: 'patient_update',
          outcome: 'success',
          facilityId: principal.facilityId,
          actorUserId: principal.userId,
          actorUsername: principal.username,
          patientId: id,
          detail: { fields: Object.keys(changes), version: version + 1 },
          origin,
        });
      });
    } catch (error) {
      throw translateUniqueViolation(error);
    }
    return toDetail(await this.load(principal.facilityId, id));
  }

  /**
   * Merge a duplicate or temporary record into the surviving one. Nothing is deleted: the source keeps
   * its history and points to the target; departments caring for the source gain the target. Recorded.
   */
  async merge(principal: UserPrincipal, sourceId: string, targetId: string, reason: string, origin: RequestOrigin): Promise<PatientDetail> {
    if (sourceId === targetId) throw new PatientError('invalid_merge', 'A record cannot be merged into itself');
    const now = this.clock.now();
    await this.dataSource.transaction(async (em) => {
      // Lock both rows in a fixed order so two opposite merges cannot deadlock or both succeed.
      const rows = await em
        .getRepository(PatientEntity)
        .createQueryBuilder('p')
        .setLock('pessimistic_write')
        .where('p.id IN (:...ids) AND p.facility_id = :facilityId', { ids: [sourceId, targetId].sort(), facilityId: principal.facilityId })
        .orderBy('p.id')
        .getMany();
      const source = rows.find((p) => p.id === sourceId);
      const target = rows.find((p) => p.id === targetId);
      if (!source || !target) throw new PatientError('patient_not_found', 'Patient not found');
      if (source.mergedIntoId || target.mergedIntoId) throw new PatientError('already_merged', 'One of these records was already merged');
      await em.update(PatientEntity, { id: sourceId }, { mergedIntoId: targetId, mergedAt: now, version: source.version + 1 });
      await em.query(
        `INSERT INTO patient_merges (facility_id, source_patient_id, target_patient_id, merged_by, merged_at, reason) VALUES ($1, $2, $3, $4, $5, $6)`,
        [principal.facilityId, sourceId, targetId, principal.userId, now, reason.trim()],
      );
      await this.access.copyCare(em, { fromPatientId: sourceId, toPatientId: targetId, at: now });
      await this.events.record(em, {
        type: 'patient_merge',
        outcome: 'success',
        facilityId: principal.facilityId,
        actorUserId: principal.userId,
        actorUsername: principal.username,
        patientId: targetId,
        reason: reason.trim(),
        detail: { sourcePatientId: sourceId, sourcePatientCode: source.patientCode, targetPatientCode: target.patientCode },
        origin,
      });
    });
    return toDetail(await this.load(principal.facilityId, targetId));
  }

  /** Emergency access outside the caller's departments, with a mandatory reason (R10). */
  async breakGlass(principal: UserPrincipal, id: string, reason: string, origin: RequestOrigin): Promise<BreakGlassGrant> {
    await this.load(principal.facilityId, id);
    return this.access.breakGlass(principal, id, reason, origin);
  }

  /** For other domains: code, name, birth year and sex of several patients at once. */
  async summariesByIds(facilityId: string, ids: string[]): Promise<Map<string, PatientSummary>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await this.dataSource.getRepository(PatientEntity).find({ where: { facilityId, id: In(unique) } });
    return new Map(rows.map((p) => [p.id, toSummary(p)]));
  }

  /** The patient and every record merged into it: their histories read as one. */
  async withMergedRecords(facilityId: string, id: string): Promise<string[]> {
    const merged = await this.dataSource.getRepository(PatientEntity).find({ where: { facilityId, mergedIntoId: id }, select: { id: true } });
    return [id, ...merged.map((p) => p.id)];
  }

  /** For other domains (encounters): the patient, or 404. */
  async require(facilityId: string, id: string): Promise<PatientEntity> {
    return this.load(facilityId, id);
  }

  /** Registration used by the demo seed and other domains inside their own transaction. */
  async create(em: EntityManager, facilityId: string, request: RegisterPatientRequest, at: Date): Promise<PatientEntity> {
    const fields = normalizedRegistration(request);
    const problems = patientProblems(fields);
    if (problems.length) throw invalid(problems);
    const patientCode = await this.issuePatientCode(em, facilityId, at);
    return em.save(em.create(PatientEntity, { ...fields, facilityId, patientCode, searchName: foldVietnamese(fields.fullName) }));
  }

  /** The commune must exist and lie in the province (2025 two-level administration). */
  private async checkAddress(fields: PatientFields): Promise<void> {
    if (fields.addressProvinceCode && fields.addressCommuneCode) {
      await this.terminology.requireCommune(fields.addressProvinceCode, fields.addressCommuneCode);
    }
  }

  private async load(facilityId: string, id: string): Promise<PatientEntity> {
    const patient = await this.dataSource.getRepository(PatientEntity).findOneBy({ id, facilityId });
    if (!patient) throw new PatientError('patient_not_found', 'Patient not found');
    return patient;
  }

  private async recordRead(principal: AuthenticatedPrincipal, patientId: string, origin?: RequestOrigin): Promise<void> {
    await this.events.record(this.dataSource.manager, {
      type: 'patient_read',
      outcome: 'success',
      facilityId: principal.facilityId,
      actorUserId: principal.kind === 'user' ? principal.userId : null,
      actorUsername: principal.kind === 'user' ? principal.username : principal.clientId,
      patientId,
      origin,
    });
  }

  /** `BN` + two-digit year + six-digit counter, per facility and year; the counter row lock serialises issuers. */
  private async issuePatientCode(em: EntityManager, facilityId: string, at: Date): Promise<string> {
    const year = at.getFullYear();
    const [{ last_value: n }] = (await em.query(
      `INSERT INTO patient_code_counters (facility_id, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (facility_id, year) DO UPDATE SET last_value = patient_code_counters.last_value + 1
       RETURNING last_value`,
      [facilityId, year],
    )) as { last_value: number }[];
    return `BN${String(year % 100).padStart(2, '0')}${String(n).padStart(6, '0')}`;
  }

  private async assertCitizenIdFree(em: EntityManager, facilityId: string, citizenId: string | null, exceptId: string | null): Promise<void> {
    if (!citizenId) return;
    const existing = await em
      .getRepository(PatientEntity)
      .createQueryBuilder('p')
      .where('p.facility_id = :facilityId AND p.citizen_id = :citizenId AND p.merged_into_id IS NULL', { facilityId, citizenId })
      .andWhere(exceptId ? 'p.id <> :exceptId' : 'true', { exceptId })
      .getOne();
    if (existing) throw citizenIdTaken(existing.patientCode);
  }

  private async possibleDuplicates(em: EntityManager, facilityId: string, fields: PatientFields): Promise<PossibleDuplicate[]> {
    const qb = em
      .getRepository(PatientEntity)
      .createQueryBuilder('p')
      .where('p.facility_id = :facilityId AND p.search_name = :name AND p.birth_year = :year AND p.sex = :sex AND p.merged_into_id IS NULL', {
        facilityId,
        name: foldVietnamese(fields.fullName),
        year: fields.birthYear,
        sex: fields.sex,
      })
      .take(10);
    if (fields.birthDate) qb.andWhere('(p.birth_date IS NULL OR p.birth_date = :date)', { date: fields.birthDate });
    const rows = await qb.getMany();
    return rows.map((p) => ({ id: p.id, patientCode: p.patientCode, fullName: p.fullName, birthDate: p.birthDate, sex: p.sex }));
  }
}

function fieldsOf(p: PatientEntity): RegisterPatientRequest {
  const detail = toDetail(p);
  return {
    fullName: detail.fullName,
    birthDate: detail.birthDate,
    birthYear: detail.birthYear,
    sex: detail.sex,
    identityStatus: detail.identityStatus,
    temporaryReason: detail.temporaryReason,
    citizenId: detail.citizenId,
    ethnicityCode: detail.ethnicityCode,
    nationality: detail.nationality,
    occupation: detail.occupation,
    address: detail.address,
    phone: detail.phone,
    guardian: detail.guardian,
    insuranceCard: detail.insuranceCard,
  };
}

function invalid(problems: { field: string; message: string }[]): PatientError {
  return new PatientError('invalid_patient', `Invalid patient: ${problems.map((p) => p.field).join(', ')}`, {}, problems.map(({ field, message }) => ({ field, message })));
}

function citizenIdTaken(existingPatientCode: string): PatientError {
  return new PatientError('citizen_id_taken', `This CCCD already belongs to patient ${existingPatientCode}`, { existingPatientCode }, [{ field: 'citizenId', message: `already registered as ${existingPatientCode}` }]);
}

/** Two registrations racing with the same CCCD: the unique index decides, and the loser gets the same 409. */
function translateUniqueViolation(error: unknown): unknown {
  if (error instanceof QueryFailedError && (error as QueryFailedError & { code?: string }).code === '23505' && String(error.message).includes('patients_citizen_id_key')) {
    return new PatientError('citizen_id_taken', 'This CCCD was registered at the same moment by someone else', {}, [{ field: 'citizenId', message: 'already registered' }]);
  }
  return error;
}
