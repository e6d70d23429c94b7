import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull, QueryFailedError } from 'typeorm';
import { AuditLog } from '@benhan/api/audit';
import { Clock, canonicalJsonBytes, type AuthenticatedPrincipal, type RequestOrigin, type UserPrincipal } from '@benhan/api/core';
import { PatientAccessService } from '@benhan/api/identity';
import { PatientsService } from '@benhan/api/patients';
import {
  CRITICAL_INTERPRETATIONS,
  type DiagnosticReport,
  type InboxEntry,
  type Interpretation,
  type Observation,
  type OrderCategory,
  type Page,
  type RecordResultRequest,
  type RecordResultResponse,
} from '@benhan/shared/contracts';
import { OrderCatalogue, UCUM_UNITS, interpret } from './catalogue/catalogue';
import { DiagnosticReportEntity, ImagingStudyEntity, ObservationEntity, OrderEntity, OrderItemEntity, ResultAcknowledgementEntity } from './entities';
import { writeStudy } from './fulfilment.service';
import { acceptsResults, canSupersede, statusAfterReport } from './order-lifecycle';
import { toObservation, toReport } from './orders.mapper';
import { OrderError } from './orders.errors';

/** The scope a system client needs to send results (OAuth2 client credentials). */
export const RESULTS_WRITE_SCOPE = 'results.write';

/**
 * Results from the LIS and PACS. `recordLabReport` / `recordImagingReport` are the one way in, for the HTTP
 * route and for the HL7 v2 and FHIR adapters: each report is one transaction (order row locked, report,
 * observations or study, superseded rows marked, order status, audit event), idempotent on the sender's
 * report id plus the message's hash. A correction is a new report that supersedes the current one.
 */
@Injectable()
export class ResultsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly patients: PatientsService,
    private readonly catalogue: OrderCatalogue,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** The HTTP route: the order's category chooses lab or imaging. */
  async record(sender: AuthenticatedPrincipal, orderId: string, request: RecordResultRequest): Promise<RecordResultResponse> {
    const order = await this.dataSource.getRepository(OrderEntity).findOneBy({ id: orderId, facilityId: sender.facilityId });
    if (!order) throw new OrderError('order_not_found', 'Order not found');
    return order.category === 'laboratory' ? this.recordLabReport(sender, orderId, request) : this.recordImagingReport(sender, orderId, request);
  }

  recordLabReport(sender: AuthenticatedPrincipal, orderId: string, request: RecordResultRequest): Promise<RecordResultResponse> {
    return this.recordReport(sender, orderId, request, 'laboratory');
  }

  recordImagingReport(sender: AuthenticatedPrincipal, orderId: string, request: RecordResultRequest): Promise<RecordResultResponse> {
    return this.recordReport(sender, orderId, request, 'imaging');
  }

  /** Every report of these orders, superseded ones included (they stay readable), oldest first. */
  async reportsForOrders(facilityId: string, orderIds: string[]): Promise<DiagnosticReport[]> {
    if (!orderIds.length) return [];
    const reports = await this.dataSource.getRepository(DiagnosticReportEntity).find({ where: { facilityId, orderId: In(orderIds) }, order: { createdAt: 'ASC' } });
    return this.describe(reports);
  }

  /** New, unacknowledged results of the caller's departments' patients, a page of them: critical first, then abnormal, newest first. */
  async inbox(user: UserPrincipal, limit: number, offset: number): Promise<Page<InboxEntry>> {
    const qb = this.dataSource
      .getRepository(DiagnosticReportEntity)
      .createQueryBuilder('r')
      .leftJoin(ResultAcknowledgementEntity, 'a', 'a.report_id = r.id')
      .where('r.facility_id = :facilityId', { facilityId: user.facilityId })
      .andWhere('r.superseded_by_id IS NULL')
      .andWhere(`r.status <> 'entered_in_error'`)
      .andWhere('a.id IS NULL');
    this.access.applyScope(qb, 'r.patient_id', user);
    const [reports, total] = await Promise.all([
      qb.clone().orderBy('r.critical', 'DESC').addOrderBy('r.abnormal', 'DESC').addOrderBy('r.issued', 'DESC').addOrderBy('r.id', 'ASC').offset(offset).limit(limit).getMany(),
      qb.getCount(),
    ]);
    if (!reports.length) return { items: [], total, limit, offset };
    const ids = reports.map((r) => r.id);
    const [observations, items, names] = await Promise.all([
      this.dataSource.getRepository(ObservationEntity).find({ where: { reportId: In(ids) }, order: { position: 'ASC' } }),
      this.dataSource.getRepository(OrderItemEntity).find({ where: { orderId: In([...new Set(reports.map((r) => r.orderId))]) }, order: { position: 'ASC' } }),
      this.patients.summariesByIds(user.facilityId, [...new Set(reports.map((r) => r.patientId))]),
    ]);
    await this.audit.recordNow({ action: 'result_read', actor: user, resource: null, detail: { view: 'inbox', reports: ids.length, offset } });
    const entries = reports.map((r): InboxEntry => ({
      reportId: r.id,
      orderId: r.orderId,
      patientId: r.patientId,
      patientName: names.get(r.patientId)?.fullName ?? '',
      encounterId: r.encounterId,
      category: r.category,
      status: r.status,
      issued: r.issued.toISOString(),
      conclusion: r.conclusion,
      items: items.filter((i) => i.orderId === r.orderId).map((i) => i.display),
      abnormal: r.abnormal,
      critical: r.critical,
      flagged: observations
        .filter((o) => o.reportId === r.id && o.interpretation && o.interpretation !== 'N')
        .sort((a, b) => rank(b.interpretation) - rank(a.interpretation))
        .map((o) => ({ code: o.code, display: o.display, valueQuantity: o.valueQuantity, unit: o.unit, valueString: o.valueString, interpretation: o.interpretation })),
      corrected: r.supersedesId !== null,
    }));
    return { items: entries, total, limit, offset };
  }

  /** The caller has seen this report: it leaves the inbox (a later correction comes back as new). */
  async acknowledge(user: UserPrincipal, reportId: string): Promise<DiagnosticReport> {
    const report = await this.dataSource.getRepository(DiagnosticReportEntity).findOneBy({ id: reportId, facilityId: user.facilityId });
    if (!report) throw new OrderError('report_not_found', 'Report not found');
    await this.access.requirePatientAccess(user, report.patientId);
    if (report.supersededById) {
      throw new OrderError('result_conflict', 'This report was superseded by a correction: acknowledge the correction', { supersededById: report.supersededById });
    }
    try {
      await this.dataSource.transaction(async (em) => {
        await em.getRepository(ResultAcknowledgementEntity).insert({ facilityId: user.facilityId, reportId, userId: user.userId, acknowledgedAt: this.clock.now() });
        await this.audit.record(em, {
          action: 'result_acknowledge',
          actor: user,
          resource: { type: 'report', id: reportId },
          patientId: report.patientId,
          detail: { orderId: report.orderId, status: report.status, critical: report.critical, abnormal: report.abnormal },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new OrderError('already_acknowledged', 'This report has already been acknowledged');
      throw error;
    }
    return (await this.describe([report]))[0];
  }

  /** A test's values over time for one patient (current results only), oldest first. */
  async trend(principal: AuthenticatedPrincipal, patientId: string, code: string, origin?: RequestOrigin): Promise<Observation[]> {
    await this.patients.require(principal.facilityId, patientId);
    await this.access.requirePatientAccess(principal, patientId);
    const patientIds = await this.patients.withMergedRecords(principal.facilityId, patientId);
    const rows = await this.dataSource
      .getRepository(ObservationEntity)
      .createQueryBuilder('o')
      .innerJoin(DiagnosticReportEntity, 'r', 'r.id = o.report_id')
      .where('o.facility_id = :facilityId', { facilityId: principal.facilityId })
      .andWhere('o.patient_id IN (:...patientIds)', { patientIds })
      .andWhere('o.code = :code', { code })
      .andWhere('r.superseded_by_id IS NULL')
      .andWhere(`o.status <> 'entered_in_error'`)
      .orderBy('coalesce(o.effective_at, o.issued)', 'ASC')
      .getMany();
    await this.audit.recordNow({ action: 'result_read', actor: principal, resource: { type: 'patient', id: patientId }, patientId, detail: { view: 'trend', code, observations: rows.length }, origin });
    return rows.map(toObservation);
  }

  private async recordReport(sender: AuthenticatedPrincipal, orderId: string, request: RecordResultRequest, category: OrderCategory): Promise<RecordResultResponse> {
    if (sender.kind === 'client' && !sender.scopes.includes(RESULTS_WRITE_SCOPE)) {
      throw new OrderError('insufficient_scope', `Sending results needs the scope ${RESULTS_WRITE_SCOPE}`);
    }
    this.requireShape(request, category);
    const source = sender.kind === 'client' ? sender.clientId : `user:${sender.username}`;
    const payloadHash = createHash('sha256').update(canonicalJsonBytes(request)).digest('hex');
    const now = this.clock.now();

    const outcome = await this.dataSource.transaction(async (em) => {
      const order = await em.getRepository(OrderEntity).findOne({ where: { id: orderId, facilityId: sender.facilityId }, lock: { mode: 'pessimistic_write' } });
      if (!order) throw new OrderError('order_not_found', 'Order not found');
      if (order.category !== category) {
        throw OrderError.field('result_mismatch', 'orderId', `This is a ${order.category} order: a ${category} report does not belong to it`, { orderCategory: order.category });
      }
      if (request.patientId && request.patientId !== order.patientId) throw OrderError.field('result_mismatch', 'patientId', 'The order is for another patient');
      if (request.encounterId && request.encounterId !== order.encounterId) throw OrderError.field('result_mismatch', 'encounterId', 'The order belongs to another encounter');

      const reports = em.getRepository(DiagnosticReportEntity);
      const repeated = await reports.findOneBy({ facilityId: sender.facilityId, sourceSystem: source, externalId: request.externalId, payloadHash });
      if (repeated) {
        if (repeated.orderId !== orderId) throw OrderError.field('result_conflict', 'externalId', 'This report id was recorded for another order');
        return { reportId: repeated.id, created: false };
      }
      if (!acceptsResults(order.status)) {
        throw new OrderError('invalid_transition', `An order that is ${order.status} takes no results`, { currentStatus: order.status });
      }
      const current = await reports.findOneBy({ facilityId: sender.facilityId, sourceSystem: source, externalId: request.externalId, supersededById: IsNull() });
      if (current && current.orderId !== orderId) throw OrderError.field('result_conflict', 'externalId', 'This report id was recorded for another order');
      if (current && !canSupersede(current.status, request.status)) {
        throw OrderError.field('result_conflict', 'status', `A ${current.status} report is replaced only by a corrected one (or withdrawn as entered_in_error)`, { currentStatus: current.status });
      }
      if (!current && request.status === 'entered_in_error') throw OrderError.field('result_conflict', 'status', 'There is no report with this id to withdraw');

      const issued = request.issued ? new Date(request.issued) : now;
      const effectiveAt = request.effectiveAt ? new Date(request.effectiveAt) : null;
      const items = await em.getRepository(OrderItemEntity).findBy({ orderId });
      const values = category === 'laboratory' ? this.observationValues(request, items) : [];
      const studyId = category === 'imaging' && request.study ? await this.studyFor(em, order, source, request, now) : null;
      const interpretations = values.map((v) => v.interpretation);
      // The current report is marked first: one current report per sender's id (unique index); the link is checked at commit.
      const reportId = randomUUID();
      if (current) await reports.update({ id: current.id }, { supersededById: reportId, supersededAt: now });
      const report = await reports.save(
        reports.create({
          id: reportId,
          facilityId: sender.facilityId,
          orderId,
          patientId: order.patientId,
          encounterId: order.encounterId,
          category,
          status: request.status,
          sourceSystem: source,
          externalId: request.externalId,
          payloadHash,
          issued,
          effectiveAt,
          performer: request.performer?.trim() || null,
          conclusion: request.conclusion?.trim() || null,
          findings: request.findings?.trim() || null,
          imagingStudyId: studyId,
          abnormal: interpretations.some((i) => i !== null && i !== 'N'),
          critical: interpretations.some((i) => i !== null && CRITICAL_INTERPRETATIONS.includes(i)),
          supersedesId: current?.id ?? null,
          supersededById: null,
          supersededAt: null,
          createdAt: now,
        }),
      );
      const previous = current ? await em.getRepository(ObservationEntity).findBy({ reportId: current.id, supersededById: IsNull() }) : [];
      const saved: ObservationEntity[] = [];
      for (const [position, v] of values.entries()) {
        const replaced = previous.find((p) => p.code === v.code) ?? null;
        saved.push(
          await em.getRepository(ObservationEntity).save(
            em.getRepository(ObservationEntity).create({
              ...v,
              facilityId: sender.facilityId,
              reportId: report.id,
              orderId,
              patientId: order.patientId,
              encounterId: order.encounterId,
              position,
              status: v.status ?? request.status,
              effectiveAt,
              issued,
              performer: v.performer ?? (request.performer?.trim() || null),
              supersedesId: replaced?.id ?? null,
              supersededById: null,
              supersededAt: null,
              createdAt: now,
            }),
          ),
        );
      }
      // The old rows stay; they only learn what replaced them (the database refuses any other change).
      for (const obs of saved.filter((o) => o.supersedesId)) {
        await em.getRepository(ObservationEntity).update({ id: obs.supersedesId as string }, { supersededById: obs.id, supersededAt: now });
      }
      const next = statusAfterReport(order.status, request.status);
      if (next !== order.status) {
        await em.getRepository(OrderEntity).update({ id: order.id }, { status: next, statusChangedAt: now, statusChangedBy: null, version: order.version + 1 });
      }
      await this.audit.record(em, {
        action: 'result_record',
        actor: sender,
        resource: { type: 'report', id: report.id },
        patientId: order.patientId,
        detail: {
          orderId,
          category,
          externalId: request.externalId,
          status: request.status,
          supersedes: current?.id ?? null,
          observations: saved.length,
          abnormal: report.abnormal,
          critical: report.critical,
          orderStatus: next,
        },
      });
      return { reportId: report.id, created: true };
    });
    const report = await this.dataSource.getRepository(DiagnosticReportEntity).findOneByOrFail({ id: outcome.reportId });
    return { report: (await this.describe([report]))[0], created: outcome.created };
  }

  /** What a report of each kind must carry; each problem names its field. */
  private requireShape(request: RecordResultRequest, category: OrderCategory): void {
    const withdrawn = request.status === 'entered_in_error';
    if (category === 'laboratory') {
      if (request.study) throw OrderError.field('result_mismatch', 'study', 'A lab report carries observations, not an imaging study');
      if (request.findings) throw OrderError.field('result_mismatch', 'findings', 'A lab report carries observations, not imaging findings');
      if (!withdrawn && !request.observations?.length) throw OrderError.field('invalid_result', 'observations', 'A lab report needs at least one observation');
    } else {
      if (request.observations?.length) throw OrderError.field('result_mismatch', 'observations', 'An imaging report carries findings and a study, not lab observations');
      if (!withdrawn && !request.study) throw OrderError.field('invalid_result', 'study', 'An imaging report names its study (Study Instance UID and viewer URL)');
      if (!withdrawn && !request.findings?.trim() && !request.conclusion?.trim()) throw OrderError.field('invalid_result', 'findings', 'An imaging report needs findings or a conclusion');
    }
  }

  /** Check each observation against the order and the catalogue; fill range and interpretation from the catalogue. */
  private observationValues(request: RecordResultRequest, items: OrderItemEntity[]) {
    const ordered = new Set(items.flatMap((i) => this.catalogue.testsCovered(i.serviceCode)).map((t) => t.serviceCode));
    const seen = new Set<string>();
    return (request.observations ?? []).map((o, i) => {
      const field = `observations/${i}`;
      const test = this.catalogue.testForResultCode(o.code);
      if (!test) throw OrderError.field('invalid_result', `${field}/code`, `${o.code} is not a test of the catalogue (LOINC or service code)`);
      if (!ordered.has(test.serviceCode)) throw OrderError.field('result_mismatch', `${field}/code`, `${o.code} (${test.name.vi}) was not ordered`);
      if (seen.has(test.serviceCode)) throw OrderError.field('invalid_result', `${field}/code`, `${o.code} appears twice in one report`);
      seen.add(test.serviceCode);
      const hasNumber = typeof o.valueQuantity === 'number';
      const text = o.valueString?.trim() || null;
      if (!hasNumber && !text) throw OrderError.field('invalid_result', `${field}/valueQuantity`, 'An observation has a value (valueQuantity with its unit, or valueString)');
      const unit = o.unit?.trim() || null;
      if (hasNumber) {
        if (!unit) throw OrderError.field('invalid_result', `${field}/unit`, 'A quantity needs its UCUM unit');
        if (!(UCUM_UNITS as readonly string[]).includes(unit)) throw OrderError.field('invalid_result', `${field}/unit`, `${unit} is not a UCUM unit Benhan knows`);
        if (test.unit && unit !== test.unit) throw OrderError.field('invalid_result', `${field}/unit`, `${test.name.vi} is reported in ${test.unit}, not ${unit}`);
      }
      const catalogueRange = test.referenceRange;
      const low = o.referenceRange?.low ?? catalogueRange?.low ?? null;
      const high = o.referenceRange?.high ?? catalogueRange?.high ?? null;
      const interpretation: Interpretation | null =
        o.interpretation ??
        (hasNumber ? interpret(o.valueQuantity as number, { low, high, criticalLow: catalogueRange?.criticalLow ?? null, criticalHigh: catalogueRange?.criticalHigh ?? null }) : null);
      return {
        code: test.loinc ?? test.serviceCode,
        // The facility's own (Vietnamese) name of a catalogue test, whatever label the sender gave it: the doctor reads one
        // name for one test whichever lab or interface reported it. The sender's words stay in its message (HL7 log).
        display: test.name.vi,
        valueQuantity: hasNumber ? (o.valueQuantity as number) : null,
        unit: hasNumber ? unit : null,
        valueString: text,
        referenceLow: low,
        referenceHigh: high,
        referenceText: o.referenceRange?.text ?? catalogueRange?.text ?? null,
        interpretation,
        status: o.status,
        performer: o.performer?.trim() || null,
      };
    });
  }

  /** The study of an imaging report: recorded once per Study Instance UID, only for its own order; the report makes it available. */
  private async studyFor(em: EntityManager, order: OrderEntity, source: string, request: RecordResultRequest, now: Date): Promise<string> {
    const { study } = await writeStudy(em, order, source, request.study as NonNullable<RecordResultRequest['study']>, 'available', now);
    return study.id;
  }

  private async describe(reports: DiagnosticReportEntity[]): Promise<DiagnosticReport[]> {
    if (!reports.length) return [];
    const ids = reports.map((r) => r.id);
    const studyIds = reports.map((r) => r.imagingStudyId).filter((id): id is string => !!id);
    const [observations, studies, acks] = await Promise.all([
      this.dataSource.getRepository(ObservationEntity).find({ where: { reportId: In(ids) }, order: { position: 'ASC' } }),
      studyIds.length ? this.dataSource.getRepository(ImagingStudyEntity).findBy({ id: In(studyIds) }) : Promise.resolve([]),
      this.dataSource.getRepository(ResultAcknowledgementEntity).findBy({ reportId: In(ids) }),
    ]);
    return reports.map((r) =>
      toReport(
        r,
        observations.filter((o) => o.reportId === r.id),
        studies.find((s) => s.id === r.imagingStudyId) ?? null,
        acks.find((a) => a.reportId === r.id) ?? null,
      ),
    );
  }
}

function rank(interpretation: Interpretation | null): number {
  return interpretation === 'LL' || interpretation === 'HH' ? 2 : interpretation && interpretation !== 'N' ? 1 : 0;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23505';
}
