import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, QueryFailedError } from 'typeorm';
import { AuditLog, type AuditRecord } from '@benhan/api/audit';
import { ClinicalEvents, Clock, type AuthenticatedPrincipal, type RequestOrigin, type UserPrincipal } from '@benhan/api/core';
import { DepartmentsService, PatientAccessService, SecurityEventsService, UsersService } from '@benhan/api/identity';
import { PatientsService, type PatientEntity } from '@benhan/api/patients';
import type {
  AdmitRequest,
  CensusEntry,
  ConcludeOutpatientVisitRequest,
  DiagnosisRole,
  DischargeRequest,
  EncounterDetail,
  OpenOutpatientVisitRequest,
  TransferRequest,
  WardBeds,
} from '@benhan/shared/contracts';
import { DIAGNOSIS_CODES, type DiagnosisCodes } from './diagnosis-codes';
import { EncounterError } from './encounters.errors';
import { BedEntity } from './entities/bed.entity';
import { DiagnosisEntity } from './entities/diagnosis.entity';
import { EncounterEntity } from './entities/encounter.entity';
import { MovementEntity } from './entities/movement.entity';
import { WardEntity } from './entities/ward.entity';
import { renderRecordNumber } from './record-number';

const DEFAULT_RECORD_NUMBER_PATTERN = '{yyyy}.{dept}.{seq:6}';

/**
 * Episodes of care. Every change is one transaction that also moves the department's care assignment
 * (department scoping, R10); stale versions get 409; a bed's single occupant is the database's rule.
 */
@Injectable()
export class EncountersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly patients: PatientsService,
    private readonly departments: DepartmentsService,
    private readonly users: UsersService,
    private readonly events: SecurityEventsService,
    private readonly clock: Clock,
    @Inject(DIAGNOSIS_CODES) private readonly codes: DiagnosisCodes,
    private readonly audit: AuditLog,
    private readonly clinicalEvents: ClinicalEvents,
  ) {}

  async get(principal: AuthenticatedPrincipal, id: string, origin?: RequestOrigin): Promise<EncounterDetail> {
    const encounter = await this.load(this.dataSource.manager, principal.facilityId, id);
    await this.access.requirePatientAccess(principal, encounter.patientId);
    await this.recordRead(principal, encounter, origin);
    return (await this.details(principal.facilityId, [encounter]))[0];
  }

  /**
   * The stored encounter, for domains that attach records to it (documents, care chart). No access check
   * and no read event: the caller checks access to the patient. `lock` takes a row lock for the transaction.
   */
  async require(facilityId: string, id: string, options: { em?: EntityManager; lock?: boolean } = {}): Promise<EncounterEntity> {
    const em = options.em ?? this.dataSource.manager;
    const encounter = await em.findOne(EncounterEntity, { where: { id, facilityId }, ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!encounter) throw new EncounterError('encounter_not_found', 'Encounter not found');
    return encounter;
  }

  /** Mark a finished encounter's record closed for archiving (the caller has checked it is complete). */
  async closeRecord(em: EntityManager, encounter: EncounterEntity, userId: string, at: Date): Promise<void> {
    if (encounter.status !== 'finished') throw new EncounterError('invalid_encounter', 'Only a finished encounter’s record can be closed');
    await this.bump(em, encounter, { recordClosedAt: at, recordClosedBy: userId });
  }

  /** Re-open a closed record for amendment (the records office, after archiving; the caller records why). */
  async reopenRecord(em: EntityManager, encounter: EncounterEntity): Promise<void> {
    if (!encounter.recordClosedAt) throw new EncounterError('invalid_encounter', 'This record is not closed');
    await this.bump(em, encounter, { recordClosedAt: null, recordClosedBy: null });
  }

  /** A patient's encounters, newest first, including those of records merged into this one. */
  async listForPatient(principal: AuthenticatedPrincipal, patientId: string): Promise<EncounterDetail[]> {
    await this.patients.require(principal.facilityId, patientId);
    await this.access.requirePatientAccess(principal, patientId);
    const patientIds = await this.patients.withMergedRecords(principal.facilityId, patientId);
    const rows = await this.dataSource.getRepository(EncounterEntity).find({
      where: { facilityId: principal.facilityId, patientId: In(patientIds) },
      order: { startedAt: 'DESC' },
    });
    return this.details(principal.facilityId, rows);
  }

  async openOutpatientVisit(principal: UserPrincipal, request: OpenOutpatientVisitRequest, origin: RequestOrigin): Promise<EncounterDetail> {
    const patient = await this.livePatient(principal.facilityId, request.patientId);
    await this.requireOwnDepartment(principal, request.departmentId);
    const now = this.clock.now();
    const id = await this.dataSource.transaction(async (em) => {
      const encounter = await em.save(
        em.create(EncounterEntity, {
          ...blankEncounter(),
          facilityId: principal.facilityId,
          patientId: patient.id,
          type: 'outpatient',
          status: 'in_progress',
          departmentId: request.departmentId,
          attendingDoctorId: principal.roles.includes('doctor') ? principal.userId : null,
          outpatientStage: 'registered',
          reason: request.reason?.trim() || null,
          startedAt: now,
        }),
      );
      await this.startMovement(em, encounter, request.departmentId, null, now, principal.userId, 'outpatient registration');
      await this.access.startCare(em, { facilityId: principal.facilityId, patientId: patient.id, departmentId: request.departmentId, at: now });
      await this.clinicalEvents.publish(em, { type: 'patient_admitted', facilityId: principal.facilityId, encounterId: encounter.id, patientId: patient.id, at: now, by: principal.userId });
      await this.record(em, principal, 'encounter_admit', encounter, { type: 'outpatient', departmentId: request.departmentId });
      return encounter.id;
    });
    return this.get(principal, id, origin);
  }

  /** The doctor starts examining a registered outpatient. */
  async startExamination(principal: UserPrincipal, id: string, version: number): Promise<EncounterDetail> {
    await this.dataSource.transaction(async (em) => {
      const encounter = await this.loadForChange(em, principal, id, version, 'outpatient');
      if (encounter.outpatientStage !== 'registered') throw new EncounterError('invalid_encounter', 'The examination has already started');
      await this.bump(em, encounter, { outpatientStage: 'examining', attendingDoctorId: principal.userId });
      await this.record(em, principal, 'encounter_update', { ...encounter, version: encounter.version + 1 }, { change: 'examination_started', fields: ['outpatientStage', 'attendingDoctorId'] });
    });
    return this.get(principal, id);
  }

  /** Conclude an outpatient visit: home treatment, admission (opens an inpatient stay), referral or follow-up. */
  async concludeOutpatientVisit(principal: UserPrincipal, id: string, request: ConcludeOutpatientVisitRequest, origin: RequestOrigin): Promise<EncounterDetail> {
    const now = this.clock.now();
    const admittedId = await this.dataSource.transaction(async (em) => {
      const encounter = await this.loadForChange(em, principal, id, request.version, 'outpatient');
      const patient = await this.patients.require(principal.facilityId, encounter.patientId);
      if (!request.diagnoses.some((d) => d.role === 'principal')) {
        throw new EncounterError('invalid_encounter', 'A visit is concluded with a principal diagnosis', {}, [{ field: 'diagnoses', message: 'needs a principal diagnosis' }]);
      }
      await this.addDiagnoses(em, encounter, patient, request.diagnoses, now, principal.userId);
      await this.bump(em, encounter, {
        status: 'finished',
        endedAt: now,
        outpatientStage: 'concluded',
        outpatientConclusion: request.conclusion,
        referredTo: request.conclusion === 'referred' ? (request.referredTo?.trim() ?? null) : null,
        followUpDate: request.conclusion === 'follow_up' ? (request.followUpDate ?? null) : null,
      });
      await this.endMovement(em, encounter.id, now);
      const concluded = { ...encounter, version: encounter.version + 1 };
      await this.clinicalEvents.publish(em, { type: 'patient_discharged', facilityId: principal.facilityId, encounterId: encounter.id, patientId: encounter.patientId, at: now, by: principal.userId });
      // Diagnoses by role only: the codes are clinical content, read from the encounter itself.
      const diagnoses = request.diagnoses.map((d) => d.role);
      if (request.conclusion !== 'admitted') {
        await this.record(em, principal, 'encounter_discharge', concluded, { type: 'outpatient', conclusion: request.conclusion, diagnoses });
        return null;
      }
      if (!request.admitTo) throw new EncounterError('invalid_encounter', 'Say where to admit', {}, [{ field: 'admitTo', message: 'is required when the conclusion is admitted' }]);
      const stay = await this.admitInTransaction(em, principal, patient, {
        departmentId: request.admitTo.departmentId,
        bedId: request.admitTo.bedId ?? null,
        source: 'outpatient',
        originEncounterId: encounter.id,
        at: now,
      });
      await this.clinicalEvents.publish(em, { type: 'patient_admitted', facilityId: principal.facilityId, encounterId: stay.id, patientId: patient.id, at: now, by: principal.userId });
      await this.record(em, principal, 'encounter_discharge', concluded, { type: 'outpatient', conclusion: request.conclusion, diagnoses, admittedAs: stay.id });
      await this.record(em, principal, 'encounter_admit', stay, { type: 'inpatient', source: 'outpatient', originEncounterId: encounter.id, departmentId: stay.departmentId, bedId: stay.bedId, recordNumber: stay.recordNumber });
      return stay.id;
    });
    return this.get(principal, admittedId ?? id, origin);
  }

  /** Admit to a department and, if given, a bed. Two admissions racing for one bed: the database lets one win. */
  async admit(principal: UserPrincipal, request: AdmitRequest, origin: RequestOrigin): Promise<EncounterDetail> {
    const patient = await this.livePatient(principal.facilityId, request.patientId);
    const now = this.clock.now();
    const id = await this.dataSource.transaction(async (em) => {
      const stay = await this.admitInTransaction(em, principal, patient, {
        departmentId: request.departmentId,
        bedId: request.bedId ?? null,
        source: request.source,
        attendingDoctorId: request.attendingDoctorId ?? (principal.roles.includes('doctor') ? principal.userId : null),
        admissionDiagnosis: request.admissionDiagnosis ?? null,
        at: now,
      });
      await this.clinicalEvents.publish(em, { type: 'patient_admitted', facilityId: principal.facilityId, encounterId: stay.id, patientId: patient.id, at: now, by: principal.userId });
      await this.record(em, principal, 'encounter_admit', stay, {
        type: 'inpatient',
        source: request.source,
        departmentId: stay.departmentId,
        bedId: stay.bedId,
        recordNumber: stay.recordNumber,
        admissionDiagnosis: !!request.admissionDiagnosis,
      });
      return stay.id;
    });
    return this.get(principal, id, origin);
  }

  /** Seed and other domains: admit inside the caller's transaction. */
  async admitInTransaction(
    em: EntityManager,
    principal: Pick<UserPrincipal, 'facilityId' | 'userId' | 'departmentIds' | 'roles'> | null,
    patient: PatientEntity,
    input: {
      departmentId: string;
      bedId: string | null;
      source: AdmitRequest['source'];
      attendingDoctorId?: string | null;
      admissionDiagnosis?: string | null;
      originEncounterId?: string;
      at: Date;
    },
  ): Promise<EncounterEntity> {
    const facilityId = patient.facilityId;
    const department = await this.departments.get(facilityId, input.departmentId, em);
    if (input.bedId) await this.requireBedOf(em, facilityId, input.bedId, input.departmentId);
    const recordNumber = await this.issueRecordNumber(em, facilityId, department.code, input.at);
    const encounter = await this.insertOrConflict(em, {
      ...blankEncounter(),
      facilityId,
      patientId: patient.id,
      type: 'inpatient',
      status: 'in_progress',
      departmentId: input.departmentId,
      bedId: input.bedId,
      recordNumber,
      attendingDoctorId: input.attendingDoctorId ?? null,
      admissionSource: input.source,
      originEncounterId: input.originEncounterId ?? null,
      startedAt: input.at,
    });
    await this.startMovement(em, encounter, input.departmentId, input.bedId, input.at, principal?.userId ?? null, `admission (${input.source})`);
    await this.access.startCare(em, { facilityId, patientId: patient.id, departmentId: input.departmentId, at: input.at });
    if (input.admissionDiagnosis) {
      await this.addDiagnoses(em, encounter, patient, [{ role: 'admission', code: input.admissionDiagnosis }], input.at, principal?.userId ?? null);
    }
    return encounter;
  }

  /** Move an inpatient to another department and/or bed: the open movement ends, a new one starts. */
  async transfer(principal: UserPrincipal, id: string, request: TransferRequest, origin: RequestOrigin): Promise<EncounterDetail> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (em) => {
      const encounter = await this.loadForChange(em, principal, id, request.version, 'inpatient');
      await this.departments.get(principal.facilityId, request.departmentId);
      const bedId = request.bedId ?? null;
      if (bedId) await this.requireBedOf(em, principal.facilityId, bedId, request.departmentId);
      if (request.departmentId === encounter.departmentId && bedId === encounter.bedId) {
        throw new EncounterError('invalid_encounter', 'The patient is already there', {}, [{ field: 'bedId', message: 'is the current bed' }]);
      }
      await this.endMovement(em, encounter.id, now);
      await this.bumpOrConflict(em, encounter, { departmentId: request.departmentId, bedId });
      await this.startMovement(em, encounter, request.departmentId, bedId, now, principal.userId, request.reason?.trim() || 'transfer');
      if (request.departmentId !== encounter.departmentId) {
        await this.access.endCare(em, { patientId: encounter.patientId, departmentId: encounter.departmentId, at: now });
        await this.access.startCare(em, { facilityId: principal.facilityId, patientId: encounter.patientId, departmentId: request.departmentId, at: now });
      }
      await this.clinicalEvents.publish(em, {
        type: 'patient_transferred',
        facilityId: principal.facilityId,
        encounterId: encounter.id,
        patientId: encounter.patientId,
        from: { departmentId: encounter.departmentId, bedId: encounter.bedId },
        at: now,
        by: principal.userId,
      });
      await this.record(em, principal, 'encounter_transfer', { ...encounter, version: encounter.version + 1 }, {
        from: { departmentId: encounter.departmentId, bedId: encounter.bedId },
        to: { departmentId: request.departmentId, bedId },
      });
    });
    return this.get(principal, id, origin);
  }

  /** Discharge with outcome, type and diagnoses (a principal one is required); the bed is freed. */
  async discharge(principal: UserPrincipal, id: string, request: DischargeRequest, origin: RequestOrigin): Promise<EncounterDetail> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (em) => {
      const encounter = await this.loadForChange(em, principal, id, request.version, 'inpatient');
      const patient = await this.patients.require(principal.facilityId, encounter.patientId);
      if (!request.diagnoses.some((d) => d.role === 'principal')) {
        throw new EncounterError('invalid_encounter', 'Discharge needs a principal diagnosis', {}, [{ field: 'diagnoses', message: 'needs a principal diagnosis' }]);
      }
      await this.addDiagnoses(em, encounter, patient, request.diagnoses, now, principal.userId);
      await this.bump(em, encounter, { status: 'finished', endedAt: now, dischargeOutcome: request.outcome, dischargeType: request.type });
      await this.endMovement(em, encounter.id, now);
      await this.access.endCare(em, { patientId: encounter.patientId, departmentId: encounter.departmentId, at: now });
      await this.clinicalEvents.publish(em, { type: 'patient_discharged', facilityId: principal.facilityId, encounterId: encounter.id, patientId: encounter.patientId, at: now, by: principal.userId });
      await this.record(em, principal, 'encounter_discharge', { ...encounter, version: encounter.version + 1 }, {
        type: 'inpatient',
        dischargeType: request.type,
        // Diagnoses by role only: the codes and the outcome are clinical content, read from the encounter itself.
        diagnoses: request.diagnoses.map((d) => d.role),
      });
    });
    return this.get(principal, id, origin);
  }

  /** Ward census: every current inpatient of a department with bed, day of stay, doctor and diagnoses. */
  async census(principal: UserPrincipal, departmentId: string): Promise<CensusEntry[]> {
    await this.requireOwnDepartment(principal, departmentId);
    const stays = await this.dataSource.getRepository(EncounterEntity).find({
      where: { facilityId: principal.facilityId, departmentId, type: 'inpatient', status: 'in_progress' },
      order: { startedAt: 'ASC' },
    });
    const details = await this.details(principal.facilityId, stays);
    const beds = await this.bedsById(details.map((d) => d.bedId));
    const patients = await this.patients.summariesByIds(principal.facilityId, stays.map((s) => s.patientId));
    const today = this.clock.now();
    return details
      .map((d) => ({
        encounterId: d.id,
        patientId: d.patientId,
        patientCode: d.patientCode,
        patientName: d.patientName,
        birthYear: patients.get(d.patientId)?.birthYear ?? 0,
        sex: patients.get(d.patientId)?.sex ?? 'unknown',
        recordNumber: d.recordNumber,
        wardCode: (d.bedId && beds.get(d.bedId)?.ward?.code) || null,
        bedCode: d.bedCode,
        admittedAt: d.startedAt,
        dayOfStay: dayOfStay(new Date(d.startedAt), today),
        attendingDoctorName: d.attendingDoctorName,
        diagnoses: d.diagnoses,
      }))
      .sort((a, b) => (a.bedCode ?? '~').localeCompare(b.bedCode ?? '~', 'vi', { numeric: true }));
  }

  async createWard(em: EntityManager, ward: { facilityId: string; departmentId: string; code: string; name: string; bedCodes: string[] }): Promise<WardEntity> {
    const saved = await em.save(em.create(WardEntity, { facilityId: ward.facilityId, departmentId: ward.departmentId, code: ward.code, name: ward.name }));
    await em.insert(BedEntity, ward.bedCodes.map((code) => ({ facilityId: ward.facilityId, wardId: saved.id, code, active: true })));
    return saved;
  }

  /** The bed map of the caller's departments: every ward, bed and the patient in it. */
  async bedMap(user: UserPrincipal): Promise<WardBeds[]> {
    if (!user.departmentIds.length) return [];
    const wards = await this.dataSource.getRepository(WardEntity).find({
      where: { facilityId: user.facilityId, departmentId: In(user.departmentIds) },
      relations: { beds: true },
      order: { code: 'ASC' },
    });
    const bedIds = wards.flatMap((w) => (w.beds ?? []).map((b) => b.id));
    const occupied = bedIds.length
      ? await this.dataSource.getRepository(EncounterEntity).find({ where: { facilityId: user.facilityId, bedId: In(bedIds), status: 'in_progress' }, select: { bedId: true, patientId: true } })
      : [];
    const patientByBed = new Map(occupied.map((e) => [e.bedId, e.patientId]));
    return wards.map((w) => ({
      id: w.id,
      code: w.code,
      name: w.name,
      departmentId: w.departmentId,
      beds: (w.beds ?? [])
        .filter((b) => b.active)
        .sort((a, b) => a.code.localeCompare(b.code, 'vi', { numeric: true }))
        .map((b) => ({ id: b.id, code: b.code, occupiedByPatientId: patientByBed.get(b.id) ?? null })),
    }));
  }

  async recordNumberPattern(facilityId: string): Promise<{ pattern: string; example: string }> {
    const [row] = (await this.dataSource.query(`SELECT record_number_pattern FROM encounter_settings WHERE facility_id = $1`, [facilityId])) as { record_number_pattern: string }[];
    const pattern = row?.record_number_pattern ?? DEFAULT_RECORD_NUMBER_PATTERN;
    return { pattern, example: renderRecordNumber(pattern, { year: this.clock.now().getFullYear(), departmentCode: 'NOI', sequence: 1 }) };
  }

  /** Numbers already issued keep their form; the counter continues, so no number repeats. */
  async setRecordNumberPattern(facilityId: string, pattern: string): Promise<{ pattern: string; example: string }> {
    try {
      renderRecordNumber(pattern, { year: 2026, departmentCode: 'NOI', sequence: 1 });
    } catch (error) {
      throw new EncounterError('invalid_encounter', error instanceof Error ? error.message : 'Invalid pattern', {}, [{ field: 'pattern', message: 'must contain {seq} (e.g. {yyyy}.{dept}.{seq:6})' }]);
    }
    if (renderRecordNumber(pattern, { year: 2026, departmentCode: 'NGOAI', sequence: 999999 }).length > 30) {
      throw new EncounterError('invalid_encounter', 'Record numbers would exceed 30 characters', {}, [{ field: 'pattern', message: 'renders longer than 30 characters' }]);
    }
    const before = await this.recordNumberPattern(facilityId);
    await this.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO encounter_settings (facility_id, record_number_pattern) VALUES ($1, $2)
         ON CONFLICT (facility_id) DO UPDATE SET record_number_pattern = EXCLUDED.record_number_pattern`,
        [facilityId, pattern],
      );
      await this.audit.record(em, {
        action: 'config_change',
        facilityId,
        resource: { type: 'configuration', id: 'record-number-pattern' },
        detail: { change: 'record_number_pattern', before: before.pattern, after: pattern },
      });
    });
    return this.recordNumberPattern(facilityId);
  }

  // ---- internals ----

  private async livePatient(facilityId: string, patientId: string): Promise<PatientEntity> {
    const patient = await this.patients.require(facilityId, patientId);
    if (patient.mergedIntoId) {
      throw new EncounterError('invalid_encounter', 'This patient record was merged into another; use that one', { mergedIntoId: patient.mergedIntoId }, [{ field: 'patientId', message: 'is a merged record' }]);
    }
    return patient;
  }

  private async requireOwnDepartment(principal: UserPrincipal, departmentId: string): Promise<void> {
    await this.departments.get(principal.facilityId, departmentId);
    const facilityWide = principal.roles.includes('records_officer') || principal.roles.includes('inspector');
    if (!facilityWide && !principal.departmentIds.includes(departmentId)) {
      throw new EncounterError('department_out_of_scope', 'You work in another department');
    }
  }

  private async load(em: EntityManager, facilityId: string, id: string): Promise<EncounterEntity> {
    const encounter = await em.findOne(EncounterEntity, { where: { id, facilityId } });
    if (!encounter) throw new EncounterError('encounter_not_found', 'Encounter not found');
    return encounter;
  }

  /** Lock the row, check access, type, state and the caller's version. */
  private async loadForChange(em: EntityManager, principal: UserPrincipal, id: string, version: number, type: EncounterEntity['type']): Promise<EncounterEntity> {
    const encounter = await em.findOne(EncounterEntity, { where: { id, facilityId: principal.facilityId }, lock: { mode: 'pessimistic_write' } });
    if (!encounter) throw new EncounterError('encounter_not_found', 'Encounter not found');
    await this.access.requirePatientAccess(principal, encounter.patientId);
    if (encounter.type !== type) throw new EncounterError('wrong_encounter_type', `This is an ${encounter.type} encounter`);
    if (encounter.status === 'finished') throw new EncounterError('encounter_finished', 'This encounter has ended');
    if (encounter.version !== version) {
      throw new EncounterError('stale_version', 'Someone else changed this encounter after you opened it: reload and try again', { currentVersion: encounter.version });
    }
    return encounter;
  }

  private async bump(em: EntityManager, encounter: EncounterEntity, changes: Partial<EncounterEntity>): Promise<void> {
    await em.update(EncounterEntity, { id: encounter.id, version: encounter.version }, { ...changes, version: encounter.version + 1 });
  }

  private async bumpOrConflict(em: EntityManager, encounter: EncounterEntity, changes: Partial<EncounterEntity>): Promise<void> {
    try {
      await this.bump(em, encounter, changes);
    } catch (error) {
      throw bedConflict(error) ?? error;
    }
  }

  private async insertOrConflict(em: EntityManager, values: Partial<EncounterEntity>): Promise<EncounterEntity> {
    try {
      return await em.save(em.create(EncounterEntity, values));
    } catch (error) {
      throw bedConflict(error) ?? error;
    }
  }

  private async startMovement(em: EntityManager, encounter: EncounterEntity, departmentId: string, bedId: string | null, at: Date, by: string | null, reason: string): Promise<void> {
    await em.insert(MovementEntity, { facilityId: encounter.facilityId, encounterId: encounter.id, departmentId, bedId, startedAt: at, endedAt: null, reason, movedBy: by });
  }

  private async endMovement(em: EntityManager, encounterId: string, at: Date): Promise<void> {
    await em.update(MovementEntity, { encounterId, endedAt: IsNull() }, { endedAt: at });
  }

  private async requireBedOf(em: EntityManager, facilityId: string, bedId: string, departmentId: string): Promise<void> {
    const bed = await em.findOne(BedEntity, { where: { id: bedId, facilityId }, relations: { ward: true } });
    if (!bed || !bed.active) throw new EncounterError('bed_not_found', 'Bed not found', {}, [{ field: 'bedId', message: 'is not a bed of this facility' }]);
    if (bed.ward?.departmentId !== departmentId) {
      throw new EncounterError('bed_not_in_department', 'That bed belongs to another department', {}, [{ field: 'bedId', message: 'is not in the chosen department' }]);
    }
  }

  private async addDiagnoses(em: EntityManager, encounter: EncounterEntity, patient: PatientEntity, diagnoses: { role: DiagnosisRole; code: string }[], at: Date, by: string | null): Promise<void> {
    const rows: Partial<DiagnosisEntity>[] = [];
    for (const [i, d] of diagnoses.entries()) {
      const resolved = await this.codes.resolve(d.code, { role: d.role, patientSex: patient.sex, at, field: `diagnoses.${i}.code` });
      rows.push({ facilityId: encounter.facilityId, encounterId: encounter.id, role: d.role, code: resolved.code, title: resolved.title, catalogueVersion: resolved.catalogueVersion, recordedAt: at, recordedBy: by });
    }
    if (rows.length) await em.insert(DiagnosisEntity, rows);
  }

  private async issueRecordNumber(em: EntityManager, facilityId: string, departmentCode: string, at: Date): Promise<string> {
    const year = at.getFullYear();
    const [{ last_value: sequence }] = (await em.query(
      `INSERT INTO record_number_counters (facility_id, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (facility_id, year) DO UPDATE SET last_value = record_number_counters.last_value + 1
       RETURNING last_value`,
      [facilityId, year],
    )) as { last_value: number }[];
    const [settings] = (await em.query(`SELECT record_number_pattern FROM encounter_settings WHERE facility_id = $1`, [facilityId])) as { record_number_pattern: string }[];
    return renderRecordNumber(settings?.record_number_pattern ?? DEFAULT_RECORD_NUMBER_PATTERN, { year, departmentCode, sequence });
  }

  /** An encounter change's audit event, in the change's transaction (call it last: it holds the chain head until commit). */
  private async record(
    em: EntityManager,
    principal: UserPrincipal,
    action: Extract<AuditRecord['action'], 'encounter_admit' | 'encounter_transfer' | 'encounter_discharge' | 'encounter_update'>,
    encounter: Pick<EncounterEntity, 'id' | 'patientId' | 'version'>,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(em, { action, actor: principal, resource: { type: 'encounter', id: encounter.id, version: encounter.version }, patientId: encounter.patientId, detail: { encounterId: encounter.id, ...detail } });
  }

  private async recordRead(principal: AuthenticatedPrincipal, encounter: EncounterEntity, origin?: RequestOrigin): Promise<void> {
    await this.events.record(this.dataSource.manager, {
      type: 'encounter_read',
      outcome: 'success',
      facilityId: principal.facilityId,
      actorUserId: principal.kind === 'user' ? principal.userId : null,
      actorUsername: principal.kind === 'user' ? principal.username : principal.clientId,
      patientId: encounter.patientId,
      detail: { encounterId: encounter.id },
      origin,
    });
  }

  private async bedsById(ids: (string | null)[]): Promise<Map<string, BedEntity>> {
    const wanted = ids.filter((id): id is string => !!id);
    if (!wanted.length) return new Map();
    const beds = await this.dataSource.getRepository(BedEntity).find({ where: { id: In(wanted) }, relations: { ward: true } });
    return new Map(beds.map((b) => [b.id, b]));
  }

  private async details(facilityId: string, encounters: EncounterEntity[]): Promise<EncounterDetail[]> {
    if (!encounters.length) return [];
    const ids = encounters.map((e) => e.id);
    const [movements, diagnoses, departments, patients] = await Promise.all([
      this.dataSource.getRepository(MovementEntity).find({ where: { encounterId: In(ids) }, order: { startedAt: 'ASC' } }),
      this.dataSource.getRepository(DiagnosisEntity).find({ where: { encounterId: In(ids) }, order: { recordedAt: 'ASC' } }),
      this.departments.list(facilityId),
      this.patients.summariesByIds(facilityId, encounters.map((e) => e.patientId)),
    ]);
    const beds = await this.bedsById([...encounters.map((e) => e.bedId), ...movements.map((m) => m.bedId)]);
    const doctors = await this.users.displayNames(encounters.map((e) => e.attendingDoctorId).filter((id): id is string => !!id));
    const departmentName = new Map(departments.map((d) => [d.id, d.name]));
    return encounters.map((e) => ({
      id: e.id,
      patientId: e.patientId,
      patientCode: patients.get(e.patientId)?.patientCode ?? '',
      patientName: patients.get(e.patientId)?.fullName ?? '',
      type: e.type,
      status: e.status,
      departmentId: e.departmentId,
      departmentName: departmentName.get(e.departmentId) ?? '',
      bedId: e.bedId,
      bedCode: e.bedId ? (beds.get(e.bedId)?.code ?? null) : null,
      recordNumber: e.recordNumber,
      attendingDoctorId: e.attendingDoctorId,
      attendingDoctorName: e.attendingDoctorId ? (doctors.get(e.attendingDoctorId) ?? null) : null,
      admissionSource: e.admissionSource,
      outpatientStage: e.outpatientStage,
      outpatientConclusion: e.outpatientConclusion,
      dischargeOutcome: e.dischargeOutcome,
      dischargeType: e.dischargeType,
      startedAt: e.startedAt.toISOString(),
      endedAt: e.endedAt?.toISOString() ?? null,
      diagnoses: diagnoses.filter((d) => d.encounterId === e.id).map((d) => ({ role: d.role, code: d.code, title: d.title })),
      movements: movements
        .filter((m) => m.encounterId === e.id)
        .map((m) => ({
          id: m.id,
          departmentId: m.departmentId,
          departmentName: departmentName.get(m.departmentId) ?? '',
          bedId: m.bedId,
          bedCode: m.bedId ? (beds.get(m.bedId)?.code ?? null) : null,
          startedAt: m.startedAt.toISOString(),
          endedAt: m.endedAt?.toISOString() ?? null,
        })),
      version: e.version,
    }));
  }
}

function blankEncounter(): Partial<EncounterEntity> {
  return {
    bedId: null,
    recordNumber: null,
    attendingDoctorId: null,
    admissionSource: null,
    outpatientStage: null,
    outpatientConclusion: null,
    referredTo: null,
    followUpDate: null,
    reason: null,
    dischargeOutcome: null,
    dischargeType: null,
    originEncounterId: null,
    endedAt: null,
  };
}

/** The day of stay counts the admission day as day 1 (Vietnamese ward practice), in local calendar days. */
export function dayOfStay(admittedAt: Date, today: Date): number {
  const start = Date.UTC(admittedAt.getFullYear(), admittedAt.getMonth(), admittedAt.getDate());
  const end = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.floor((end - start) / 86_400_000) + 1;
}

function bedConflict(error: unknown): EncounterError | null {
  if (!(error instanceof QueryFailedError)) return null;
  const message = String(error.message);
  if (message.includes('encounters_bed_occupied_key')) {
    return new EncounterError('bed_occupied', 'That bed is taken: pick another free bed', {}, [{ field: 'bedId', message: 'is occupied' }]);
  }
  if (message.includes('encounters_one_open_stay_key')) {
    return new EncounterError('already_admitted', 'The patient already has an open inpatient stay: transfer them instead');
  }
  return null;
}
