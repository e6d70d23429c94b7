import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditLog } from '@benhan/api/audit';
import { Clock, DomainError, type AuthenticatedPrincipal, type UserPrincipal } from '@benhan/api/core';
import { EncountersService, type EncounterEntity } from '@benhan/api/encounters';
import { PatientAccessService, UsersService } from '@benhan/api/identity';
import {
  VITAL_SIGN_KINDS,
  type FieldError,
  type MedicationAdministration,
  type MedicationOrderLine,
  type RecordAdministrationRequest,
  type RecordVitalSignsRequest,
  type RecordVitalSignsRoundRequest,
  type VitalSignDefinition,
  type VitalSignObservation,
  type VitalSignsFlowsheet,
} from '@benhan/shared/contracts';
import { CareChartError } from './care-chart.errors';
import { mapAdministration, mapObservation, namedUsers, type AdministrationRow, type ObservationRow } from './care-chart.mapper';
import { MedicationAdministrationEnteredInErrorEntity, MedicationAdministrationEntity, VitalSignEnteredInErrorEntity, VitalSignObservationEntity } from './entities';
import { TREATMENT_ORDERS, type TreatmentOrders } from './treatment-orders.port';
import { VITAL_SIGNS, flagOf, kindsOf, vitalSignDefinition, vitalSignProblems } from './vital-signs';

/** How far ahead of the server's clock a bedside device's time may run. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** One set of readings for one encounter, with where its fields sit in the request (for 400s). */
interface ReadingSet {
  encounterId: string;
  takenAt: string;
  values: RecordVitalSignsRequest['values'];
  /** `''` for a single set, `entries.2.` in a round. */
  path: string;
}

const OBSERVATION_COLUMNS = `o.id, o.encounter_id AS "encounterId", o.kind, o.value, o.unit, o.loinc, o.flag, o.taken_at AS "takenAt",
  o.recorded_at AS "recordedAt", o.recorded_by AS "recordedBy",
  x.recorded_at AS "errorAt", x.recorded_by AS "errorBy", x.reason AS "errorReason"`;

const ADMINISTRATION_COLUMNS = `a.id, a.encounter_id AS "encounterId", a.treatment_sheet_document_id AS "treatmentSheetDocumentId", a.order_id AS "orderId",
  a.drug, a.dose, a.route, a.scheduled_at AS "scheduledAt", a.administered_at AS "administeredAt", a.status, a.reason,
  a.recorded_at AS "recordedAt", a.recorded_by AS "recordedBy",
  x.recorded_at AS "errorAt", x.recorded_by AS "errorBy", x.reason AS "errorReason"`;

/**
 * The nurses' care chart: vital signs and medication administrations. Rows are only ever inserted (the
 * database refuses UPDATE and DELETE); a wrong one is marked entered-in-error by a row of its own.
 * Writes lock the encounter row in a READ COMMITTED transaction, so a discharge racing a recording
 * waits for it, and a recording after the discharge sees the finished encounter (409).
 */
@Injectable()
export class CareChartService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly encounters: EncountersService,
    private readonly access: PatientAccessService,
    private readonly users: UsersService,
    private readonly clock: Clock,
    @Inject(TREATMENT_ORDERS) private readonly treatmentOrders: TreatmentOrders,
    private readonly audit: AuditLog,
  ) {}

  definitions(): readonly VitalSignDefinition[] {
    return VITAL_SIGNS;
  }

  /** One set of readings taken together for one encounter. */
  async recordVitalSigns(user: UserPrincipal, encounterId: string, request: RecordVitalSignsRequest): Promise<VitalSignObservation[]> {
    return this.recordReadingSets(user, [{ encounterId, takenAt: request.takenAt, values: request.values, path: '' }]);
  }

  /** A ward round: several patients' readings, all saved or none (the 400 names every failing entry). */
  async recordRound(user: UserPrincipal, request: RecordVitalSignsRoundRequest): Promise<VitalSignObservation[]> {
    return this.recordReadingSets(
      user,
      request.entries.map((e, i) => ({ encounterId: e.encounterId, takenAt: e.takenAt, values: e.values, path: `entries.${i}.` })),
    );
  }

  /** The observations of a time range (default: the whole stay), oldest first, with entered-in-error marks. */
  async flowsheet(principal: AuthenticatedPrincipal, encounterId: string, range: { from?: string; to?: string }): Promise<VitalSignsFlowsheet> {
    const encounter = await this.readableEncounter(principal, encounterId);
    const from = range.from ? new Date(range.from) : null;
    const to = range.to ? new Date(range.to) : null;
    if (from && to && from > to) throw new CareChartError('invalid_vital_signs', 'The range ends before it starts', {}, [{ field: 'to', message: 'must not be before from' }]);
    const params: unknown[] = [encounterId, principal.facilityId, [...VITAL_SIGN_KINDS]];
    const bounds = [from && `o.taken_at >= $${params.push(from)}`, to && `o.taken_at <= $${params.push(to)}`].filter(Boolean);
    // One range scan of (encounter_id, taken_at); the entered-in-error marks come in by a join, names in one lookup.
    const rows = (await this.dataSource.query(
      `SELECT ${OBSERVATION_COLUMNS}
         FROM vital_sign_observations o
         LEFT JOIN vital_sign_entered_in_error x ON x.observation_id = o.id
        WHERE o.encounter_id = $1 AND o.facility_id = $2 ${bounds.map((b) => `AND ${b}`).join(' ')}
        ORDER BY o.taken_at, array_position($3::text[], o.kind::text), o.recorded_at, o.id`,
      params,
    )) as ObservationRow[];
    const names = await this.users.displayNames(namedUsers(rows));
    await this.recordRead(principal, encounter, { view: 'vital_signs', observations: rows.length });
    return {
      encounterId,
      from: (from ?? encounter.startedAt).toISOString(),
      to: (to ?? encounter.endedAt ?? this.clock.now()).toISOString(),
      observations: rows.map((r) => mapObservation(r, names)),
    };
  }

  async markVitalSignEnteredInError(user: UserPrincipal, observationId: string, reason: string): Promise<VitalSignObservation> {
    await this.dataSource.transaction('READ COMMITTED', async (em) => {
      const observation = await em.findOne(VitalSignObservationEntity, { where: { id: observationId, facilityId: user.facilityId } });
      if (!observation) throw new CareChartError('observation_not_found', 'Vital sign observation not found');
      const [encounter] = await this.lockOpenEncounters(em, user, [observation.encounterId]);
      const mark = { observationId, facilityId: user.facilityId, reason: reason.trim(), recordedAt: this.clock.now(), recordedBy: user.userId };
      await this.markOnce(() => em.insert(VitalSignEnteredInErrorEntity, mark));
      await this.audit.record(em, {
        action: 'chart_record',
        actor: user,
        resource: { type: 'chart_entry', id: observationId },
        patientId: encounter.patientId,
        reason: mark.reason,
        detail: { kind: 'vital_sign_entered_in_error', encounterId: encounter.id, vitalSign: observation.kind },
      });
    });
    return (await this.observations(user.facilityId, [observationId]))[0];
  }

  /** A dose given, held, refused or missed; an order reference must name a line of the latest treatment sheet. */
  async recordAdministration(user: UserPrincipal, encounterId: string, request: RecordAdministrationRequest): Promise<MedicationAdministration> {
    await this.readableEncounter(user, encounterId);
    const problems = administrationProblems(request);
    if (problems.length) throw new CareChartError('invalid_administration', 'The administration record is incomplete', {}, problems);
    const documentId = request.treatmentSheetDocumentId ?? null;
    const orderId = request.orderId ?? null;
    if (documentId && orderId) {
      const lines = await this.treatmentOrders.orderLines(user.facilityId, encounterId);
      if (!lines.some((l) => l.treatmentSheetDocumentId === documentId && l.orderId === orderId)) {
        throw new CareChartError('unknown_order', 'No such medication order on the latest version of this encounter’s treatment sheets', {}, [
          { field: 'orderId', message: 'is not a medication order of that treatment sheet', code: 'unknown_order' },
        ]);
      }
    }
    const now = this.clock.now();
    const id = await this.dataSource.transaction('READ COMMITTED', async (em) => {
      const [encounter] = await this.lockOpenEncounters(em, user, [encounterId]);
      const administeredAt = request.administeredAt ? new Date(request.administeredAt) : null;
      const timeProblem = administeredAt && clinicalTimeProblem(administeredAt, encounter, now, 'administeredAt');
      if (timeProblem) throw new CareChartError('invalid_administration', 'The administration time is impossible', {}, [timeProblem]);
      const result = await em.insert(MedicationAdministrationEntity, {
        facilityId: user.facilityId,
        encounterId,
        treatmentSheetDocumentId: documentId,
        orderId,
        drug: request.drug.trim(),
        dose: request.dose.trim(),
        route: request.route,
        scheduledAt: request.scheduledAt ? new Date(request.scheduledAt) : null,
        administeredAt,
        status: request.status,
        reason: request.reason?.trim() || null,
        recordedAt: now,
        recordedBy: user.userId,
      });
      const administrationId = result.identifiers[0]['id'] as string;
      await this.audit.record(em, {
        action: 'chart_record',
        actor: user,
        resource: { type: 'chart_entry', id: administrationId },
        patientId: encounter.patientId,
        detail: { kind: 'medication_administration', encounterId, status: request.status, treatmentSheetDocumentId: documentId, orderId },
      });
      return administrationId;
    });
    return (await this.administrationRows(user.facilityId, { ids: [id] }))[0];
  }

  /** Every administration record of the encounter in clinical time order, entered-in-error ones marked. */
  async administrations(principal: AuthenticatedPrincipal, encounterId: string): Promise<MedicationAdministration[]> {
    const encounter = await this.readableEncounter(principal, encounterId);
    const rows = await this.administrationRows(principal.facilityId, { encounterId });
    await this.recordRead(principal, encounter, { view: 'medication_administrations', administrations: rows.length });
    return rows;
  }

  /** The medication orders of the latest version of each treatment sheet, each with its administrations. */
  async medicationOrders(principal: AuthenticatedPrincipal, encounterId: string): Promise<MedicationOrderLine[]> {
    const encounter = await this.readableEncounter(principal, encounterId);
    const [lines, administrations] = await Promise.all([
      this.treatmentOrders.orderLines(principal.facilityId, encounterId),
      this.administrationRows(principal.facilityId, { encounterId }),
    ]);
    const byOrder = new Map<string, MedicationAdministration[]>();
    for (const a of administrations) {
      if (!a.treatmentSheetDocumentId || !a.orderId) continue;
      const key = `${a.treatmentSheetDocumentId}/${a.orderId}`;
      byOrder.set(key, [...(byOrder.get(key) ?? []), a]);
    }
    await this.recordRead(principal, encounter, { view: 'medication_orders', orders: lines.length });
    return lines.map((line) => ({ ...line, administrations: byOrder.get(`${line.treatmentSheetDocumentId}/${line.orderId}`) ?? [] }));
  }

  async markAdministrationEnteredInError(user: UserPrincipal, administrationId: string, reason: string): Promise<MedicationAdministration> {
    await this.dataSource.transaction('READ COMMITTED', async (em) => {
      const administration = await em.findOne(MedicationAdministrationEntity, { where: { id: administrationId, facilityId: user.facilityId } });
      if (!administration) throw new CareChartError('administration_not_found', 'Medication administration not found');
      const [encounter] = await this.lockOpenEncounters(em, user, [administration.encounterId]);
      const mark = { administrationId, facilityId: user.facilityId, reason: reason.trim(), recordedAt: this.clock.now(), recordedBy: user.userId };
      await this.markOnce(() => em.insert(MedicationAdministrationEnteredInErrorEntity, mark));
      await this.audit.record(em, {
        action: 'chart_record',
        actor: user,
        resource: { type: 'chart_entry', id: administrationId },
        patientId: encounter.patientId,
        reason: mark.reason,
        detail: { kind: 'medication_administration_entered_in_error', encounterId: encounter.id },
      });
    });
    return (await this.administrationRows(user.facilityId, { ids: [administrationId] }))[0];
  }

  // ---- internals ----

  private async recordReadingSets(user: UserPrincipal, sets: ReadingSet[]): Promise<VitalSignObservation[]> {
    const now = this.clock.now();
    const ids = await this.dataSource.transaction('READ COMMITTED', async (em) => {
      const encounters = await this.lockOpenEncounters(
        em,
        user,
        sets.map((s) => s.encounterId),
        sets.map((s) => `${s.path}encounterId`),
      );
      const problems: FieldError[] = sets.flatMap((set, i) => {
        const timeProblem = clinicalTimeProblem(new Date(set.takenAt), encounters[i], now, `${set.path}takenAt`);
        return [...(timeProblem ? [timeProblem] : []), ...vitalSignProblems(set.values, `${set.path}values`)];
      });
      if (problems.length) throw new CareChartError('invalid_vital_signs', `Impossible readings: ${problems.map((p) => p.field).join(', ')}`, {}, problems);
      const rows = sets.flatMap((set) =>
        kindsOf(set.values).map((kind) => {
          const value = set.values[kind] as number;
          const definition = vitalSignDefinition(kind);
          return {
            facilityId: user.facilityId,
            encounterId: set.encounterId,
            kind,
            value,
            unit: definition.unit,
            loinc: definition.loinc,
            flag: flagOf(kind, value),
            takenAt: new Date(set.takenAt),
            recordedAt: now,
            recordedBy: user.userId,
          };
        }),
      );
      const result = await em.insert(VitalSignObservationEntity, rows);
      const ids = result.identifiers.map((r) => r['id'] as string);
      // One event per set of readings (one encounter, one time): its first observation names it, all are listed.
      let first = 0;
      for (const [i, set] of sets.entries()) {
        const kinds = kindsOf(set.values);
        const own = ids.slice(first, first + kinds.length);
        first += kinds.length;
        if (!own.length) continue;
        await this.audit.record(em, {
          action: 'chart_record',
          actor: user,
          resource: { type: 'chart_entry', id: own[0] },
          patientId: encounters[i].patientId,
          detail: { kind: 'vital_signs', encounterId: set.encounterId, takenAt: set.takenAt, observationIds: own, vitalSigns: kinds },
        });
      }
      return ids;
    });
    return this.observations(user.facilityId, ids);
  }

  /** Observations by id, in the order given. */
  private async observations(facilityId: string, ids: string[]): Promise<VitalSignObservation[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${OBSERVATION_COLUMNS}
         FROM vital_sign_observations o LEFT JOIN vital_sign_entered_in_error x ON x.observation_id = o.id
        WHERE o.id = ANY($1) AND o.facility_id = $2`,
      [ids, facilityId],
    )) as ObservationRow[];
    const names = await this.users.displayNames(namedUsers(rows));
    const byId = new Map(rows.map((r) => [r.id, mapObservation(r, names)]));
    return ids.map((id) => byId.get(id)).filter((o): o is VitalSignObservation => !!o);
  }

  private async administrationRows(facilityId: string, where: { ids: string[] } | { encounterId: string }): Promise<MedicationAdministration[]> {
    const [condition, param] = 'ids' in where ? ['a.id = ANY($2)', where.ids] : ['a.encounter_id = $2', where.encounterId];
    const rows = (await this.dataSource.query(
      `SELECT ${ADMINISTRATION_COLUMNS}
         FROM medication_administrations a LEFT JOIN medication_administration_entered_in_error x ON x.administration_id = a.id
        WHERE a.facility_id = $1 AND ${condition}
        ORDER BY coalesce(a.administered_at, a.scheduled_at, a.recorded_at), a.recorded_at, a.id`,
      [facilityId, param],
    )) as AdministrationRow[];
    const names = await this.users.displayNames(namedUsers(rows));
    return rows.map((r) => mapAdministration(r, names));
  }

  /** A read of the chart is a read of the encounter (R11), recorded once the access check passed and the rows were loaded. */
  private async recordRead(principal: AuthenticatedPrincipal, encounter: EncounterEntity, detail: Record<string, unknown>): Promise<void> {
    await this.audit.recordNow({
      action: 'encounter_read',
      actor: principal,
      resource: { type: 'encounter', id: encounter.id, version: encounter.version },
      patientId: encounter.patientId,
      detail: { encounterId: encounter.id, ...detail },
    });
  }

  /** The encounter of this facility (404), of a patient the principal may see (403). */
  private async readableEncounter(principal: AuthenticatedPrincipal, encounterId: string): Promise<EncounterEntity> {
    const encounter = await this.encounters.require(principal.facilityId, encounterId);
    await this.access.requirePatientAccess(principal, encounter.patientId);
    return encounter;
  }

  /**
   * Lock the encounters (in id order, so two rounds never deadlock; a discharge waits for this transaction),
   * then check each exists (404), its patient is the user's to chart (403) and it is still in progress (409).
   * Returns them in `ids` order; `fields` names each id's place in the request.
   */
  private async lockOpenEncounters(em: EntityManager, user: UserPrincipal, ids: string[], fields: string[] = []): Promise<EncounterEntity[]> {
    const byId = new Map<string, EncounterEntity>();
    for (const id of [...new Set(ids)].sort()) {
      try {
        byId.set(id, await this.encounters.require(user.facilityId, id, { em, lock: true }));
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'encounter_not_found')) throw error;
        const field = fields[ids.indexOf(id)];
        throw new CareChartError('encounter_not_found', 'Encounter not found', {}, field ? [{ field, message: 'is not an encounter of this facility' }] : []);
      }
    }
    const encounters = ids.map((id) => byId.get(id) as EncounterEntity);
    for (const patientId of new Set(encounters.map((e) => e.patientId))) await this.access.requirePatientAccess(user, patientId);
    encounters.forEach((encounter, i) => {
      if (encounter.status !== 'in_progress') {
        const field = fields[i];
        throw new CareChartError('encounter_finished', 'This encounter has ended: its care chart is closed', { encounterId: encounter.id }, field ? [{ field, message: 'has ended' }] : []);
      }
    });
    return encounters;
  }

  /** Insert an entered-in-error mark; its primary key is the marked row, so a second mark is a 409. */
  private async markOnce(insert: () => Promise<unknown>): Promise<void> {
    try {
      await insert();
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw new CareChartError('already_entered_in_error', 'This entry is already marked entered-in-error');
      }
      throw error;
    }
  }
}

/** A clinical time must not be ahead of the server (beyond the skew) nor before the encounter started. */
function clinicalTimeProblem(at: Date, encounter: EncounterEntity, now: Date, field: string): FieldError | null {
  if (Number.isNaN(at.getTime())) return { field, message: 'is not a valid date-time' };
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) return { field, message: 'must not be in the future', code: 'future' };
  if (at < encounter.startedAt) return { field, message: `must not be before the encounter started (${encounter.startedAt.toISOString()})`, code: 'before_encounter' };
  return null;
}

/** The status decides what else is needed: a given dose has a time, one not given has a reason and no time. */
export function administrationProblems(request: RecordAdministrationRequest): FieldError[] {
  const problems: FieldError[] = [];
  if (request.status === 'given' && !request.administeredAt) problems.push({ field: 'administeredAt', message: 'is required when the dose was given', code: 'required' });
  if (request.status !== 'given') {
    if (!request.reason?.trim()) problems.push({ field: 'reason', message: `is required when the dose was ${request.status}`, code: 'required' });
    if (request.administeredAt) problems.push({ field: 'administeredAt', message: `must be empty when the dose was ${request.status}` });
  }
  if (!!request.treatmentSheetDocumentId !== !!request.orderId) {
    const missing = request.orderId ? 'treatmentSheetDocumentId' : 'orderId';
    problems.push({ field: missing, message: 'is required with the other half of the order reference', code: 'required' });
  }
  return problems;
}
