import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditLog } from '@benhan/api/audit';
import { Clock, type AuthenticatedPrincipal } from '@benhan/api/core';
import {
  IMAGING_MODALITIES,
  IMAGING_STUDY_STATUSES,
  SPECIMEN_STATUSES,
  type FillerStatusRequest,
  type ImagingStudy,
  type ImagingStudyInput,
  type ImagingStudyStatus,
  type Order,
  type OrderStatus,
  type RecordImagingStudyRequest,
  type RecordSpecimenRequest,
  type Specimen,
} from '@benhan/shared/contracts';
import { ImagingStudyEntity, OrderEntity, OrderItemEntity, SpecimenEntity } from './entities';
import { acceptsResults } from './order-lifecycle';
import { toOrder, toSpecimen, toStudy } from './orders.mapper';
import { OrderError } from './orders.errors';
import { RESULTS_WRITE_SCOPE } from './results.service';

/**
 * What the performing department (filler) may do to an order on its own: start it, or give it back when it
 * cannot be done (specimen not received, patient unfit for contrast) — also once started, unlike the doctor,
 * because the department is the one doing the work. Completion comes from a final report.
 */
export const FILLER_TRANSITIONS: Readonly<Partial<Record<OrderStatus, readonly OrderStatus[]>>> = {
  active: ['in_progress', 'revoked'],
  in_progress: ['revoked'],
};

/** Optimistic concurrency and addressing of an update: the row named by id, expected at this version (FHIR If-Match). */
export interface UpdateTarget {
  id?: string;
  expectedVersion?: number;
  /** A create (FHIR POST): the same thing again is fine, a different one under the same key is a conflict, not an update. */
  createOnly?: boolean;
}

/**
 * The performing departments' side of an order besides results: the lab's specimens (received, unsatisfactory…),
 * the PACS's studies (registered, then available), and the filler's status (in progress, or revoked with the
 * reason). Each call is one transaction with the order row locked, and is idempotent: telling the same thing
 * twice changes nothing. Specimens and studies are updated in place with their version moved on; the database
 * keeps every version (fulfilment_versions).
 */
@Injectable()
export class FulfilmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async recordSpecimen(sender: AuthenticatedPrincipal, orderId: string, request: RecordSpecimenRequest, target: UpdateTarget = {}): Promise<{ specimen: Specimen; created: boolean }> {
    const source = requireFiller(sender);
    const input = specimenInput(request);
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      const order = await lockOrder(em, sender.facilityId, orderId);
      if (order.category !== 'laboratory') throw OrderError.field('result_mismatch', 'orderId', 'Specimens belong to lab orders; this is an imaging order');
      const repo = em.getRepository(SpecimenEntity);
      const existing = target.id
        ? await repo.findOneBy({ id: target.id, facilityId: sender.facilityId })
        : await repo.findOneBy({ facilityId: sender.facilityId, sourceSystem: source, accession: input.accession });
      if (target.id && !existing) throw new OrderError('specimen_not_found', 'Specimen not found');
      if (existing) {
        if (existing.orderId !== orderId) throw OrderError.field('result_mismatch', 'orderId', 'This specimen belongs to another order');
        if (existing.accession !== input.accession || existing.sourceSystem !== source) throw OrderError.field('result_conflict', 'accession', 'The accession of a specimen does not change');
        requireVersion(existing.version, target.expectedVersion);
        if (existing.status === 'entered_in_error') throw OrderError.field('result_conflict', 'status', 'A specimen entered in error is not changed again');
      } else {
        if (!acceptsResults(order.status)) throw new OrderError('invalid_transition', `An order that is ${order.status} takes no specimens`, { currentStatus: order.status });
        if (input.status === 'entered_in_error') throw OrderError.field('result_conflict', 'status', 'There is no specimen with this accession to withdraw');
      }
      const values = { ...input, sourceSystem: source, collectedAt: date(input.collectedAt), receivedAt: date(input.receivedAt) };
      if (existing && sameValues(existing, values)) return { specimen: toSpecimen(existing), created: false };
      if (existing && target.createOnly) throw OrderError.field('result_conflict', 'accession', `Specimen ${existing.id} already has this accession: update it instead`, { id: existing.id });
      const saved = existing
        ? await updateVersioned(em, SpecimenEntity, existing, { ...values, updatedAt: now })
        : await repo.save(repo.create({ ...values, facilityId: sender.facilityId, orderId, patientId: order.patientId, encounterId: order.encounterId, createdAt: now, updatedAt: now, version: 1 }));
      // A specimen in the lab's hands means the work has started.
      const orderStatus = saved.status === 'available' && saved.receivedAt ? await startOrder(em, order, now) : order.status;
      await this.audit.record(em, {
        action: 'specimen_record',
        actor: sender,
        resource: { type: 'specimen', id: saved.id, version: saved.version },
        patientId: order.patientId,
        detail: { orderId, accession: saved.accession, status: saved.status, typeCode: saved.typeCode, received: !!saved.receivedAt, orderStatus },
      });
      return { specimen: toSpecimen(saved), created: !existing };
    });
  }

  async recordStudy(sender: AuthenticatedPrincipal, orderId: string, request: RecordImagingStudyRequest, target: UpdateTarget = {}): Promise<{ study: ImagingStudy; created: boolean }> {
    const source = requireFiller(sender);
    if (!(IMAGING_STUDY_STATUSES as readonly string[]).includes(request.status)) throw OrderError.field('invalid_result', 'status', `status must be one of ${IMAGING_STUDY_STATUSES.join(', ')}`);
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      const order = await lockOrder(em, sender.facilityId, orderId);
      if (order.category !== 'imaging') throw OrderError.field('result_mismatch', 'orderId', 'Studies belong to imaging orders; this is a lab order');
      const repo = em.getRepository(ImagingStudyEntity);
      const existing = target.id
        ? await repo.findOneBy({ id: target.id, facilityId: sender.facilityId })
        : await repo.findOneBy({ facilityId: sender.facilityId, studyInstanceUid: request.studyInstanceUid });
      if (target.id && !existing) throw new OrderError('study_not_found', 'Imaging study not found');
      if (existing) requireVersion(existing.version, target.expectedVersion);
      if (existing && target.createOnly && !sameValues(existing, studyValues(request, request.status))) {
        throw OrderError.field('result_conflict', 'study/studyInstanceUid', `Study ${existing.id} already has this Study Instance UID: update it instead`, { id: existing.id });
      }
      if (!existing && !acceptsResults(order.status)) throw new OrderError('invalid_transition', `An order that is ${order.status} takes no studies`, { currentStatus: order.status });
      const { study, changed } = await writeStudy(em, order, source, request, request.status, now, existing);
      const orderStatus = changed && (study.status === 'registered' || study.status === 'available') ? await startOrder(em, order, now) : order.status;
      if (changed) {
        await this.audit.record(em, {
          action: 'imaging_study_record',
          actor: sender,
          resource: { type: 'imaging_study', id: study.id, version: study.version },
          patientId: order.patientId,
          detail: { orderId, studyInstanceUid: study.studyInstanceUid, status: study.status, seriesCount: study.seriesCount, orderStatus },
        });
      }
      return { study: toStudy(study), created: !existing };
    });
  }

  /** The filler starts the order or gives it back; `expectedVersion` is the order's version (a ServiceRequest's ETag). */
  async fillerStatus(sender: AuthenticatedPrincipal, orderId: string, request: FillerStatusRequest, expectedVersion?: number): Promise<{ order: Order; changed: boolean }> {
    requireFiller(sender);
    const reason = request.reason?.trim() || null;
    if (request.status === 'revoked' && !reason) throw OrderError.field('invalid_order', 'reason', 'Say why the department cannot do the order: the doctor reads it');
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      const order = await lockOrder(em, sender.facilityId, orderId);
      requireVersion(order.version, expectedVersion);
      const items = await em.getRepository(OrderItemEntity).find({ where: { orderId }, order: { position: 'ASC' } });
      if (order.status === request.status) return { order: toOrder(order, items, ''), changed: false };
      if (!FILLER_TRANSITIONS[order.status]?.includes(request.status)) {
        throw new OrderError('invalid_transition', `The performing department cannot move an order that is ${order.status} to ${request.status}`, { currentStatus: order.status, requestedStatus: request.status });
      }
      const from = order.status;
      const changes: Partial<OrderEntity> = { status: request.status, statusChangedAt: now, statusChangedBy: null, ...(reason ? { statusReason: reason } : {}) };
      const updated = await changeOrder(em, order, changes);
      await this.audit.record(em, {
        action: 'order_status_change',
        actor: sender,
        resource: { type: 'order', id: order.id, version: updated.version },
        patientId: order.patientId,
        reason,
        detail: { encounterId: order.encounterId, from, to: request.status, by: 'filler' },
      });
      return { order: toOrder(updated, items, ''), changed: true };
    });
  }

  async specimensForOrders(facilityId: string, orderIds: string[]): Promise<Specimen[]> {
    if (!orderIds.length) return [];
    const rows = await this.dataSource.getRepository(SpecimenEntity).find({ where: { facilityId, orderId: In(orderIds) }, order: { createdAt: 'ASC' } });
    return rows.map(toSpecimen);
  }
}

/**
 * Record or update a study for an order (used by the PACS's own announcements and by imaging reports that carry
 * their study): one row per Study Instance UID, only for its own order and an ordered modality. Returns whether
 * anything changed, so a repeated message writes nothing.
 */
export async function writeStudy(
  em: EntityManager,
  order: OrderEntity,
  source: string,
  input: ImagingStudyInput,
  status: ImagingStudyStatus,
  now: Date,
  existing?: ImagingStudyEntity | null,
): Promise<{ study: ImagingStudyEntity; changed: boolean }> {
  const repo = em.getRepository(ImagingStudyEntity);
  const current = existing === undefined ? await repo.findOneBy({ facilityId: order.facilityId, studyInstanceUid: input.studyInstanceUid }) : existing;
  if (current && current.orderId !== order.id) throw OrderError.field('result_mismatch', 'study/studyInstanceUid', 'This study belongs to another order');
  if (current && current.studyInstanceUid !== input.studyInstanceUid) throw OrderError.field('result_conflict', 'study/studyInstanceUid', 'The Study Instance UID of a study does not change');
  if (!/^\d+(\.\d+)*$/.test(input.studyInstanceUid) || input.studyInstanceUid.length > 64) throw OrderError.field('invalid_result', 'study/studyInstanceUid', 'A Study Instance UID is up to 64 digits and dots');
  if (!(IMAGING_MODALITIES as readonly string[]).includes(input.modality)) throw OrderError.field('invalid_result', 'study/modality', `${input.modality} is not a modality Benhan knows (${IMAGING_MODALITIES.join(', ')})`);
  if (!Number.isInteger(input.seriesCount) || input.seriesCount < 0) throw OrderError.field('invalid_result', 'study/seriesCount', 'The number of series is a whole number');
  if (input.instanceCount != null && (!Number.isInteger(input.instanceCount) || input.instanceCount < 0)) throw OrderError.field('invalid_result', 'study/instanceCount', 'The number of instances is a whole number');
  if (!/^https?:\/\/\S+$/.test(input.endpointUrl ?? '')) throw OrderError.field('invalid_result', 'study/endpointUrl', 'The viewer address is an http(s) URL');
  const modalities = (await em.getRepository(OrderItemEntity).findBy({ orderId: order.id })).map((i) => i.modality);
  if (!modalities.includes(input.modality)) throw OrderError.field('result_mismatch', 'study/modality', `No ${input.modality} procedure was ordered`);
  const values = studyValues(input, status);
  if (!current) {
    const study = await repo.save(
      repo.create({ ...values, facilityId: order.facilityId, orderId: order.id, patientId: order.patientId, encounterId: order.encounterId, studyInstanceUid: input.studyInstanceUid, sourceSystem: source, createdAt: now, updatedAt: now, version: 1 }),
    );
    return { study, changed: true };
  }
  if (current.status === 'entered_in_error') throw OrderError.field('result_conflict', 'study/status', 'A study entered in error is not changed again');
  if (sameValues(current, values)) return { study: current, changed: false };
  return { study: await updateVersioned(em, ImagingStudyEntity, current, { ...values, sourceSystem: current.sourceSystem ?? source, updatedAt: now }), changed: true };
}

function studyValues(input: ImagingStudyInput, status: ImagingStudyStatus) {
  return {
    modality: input.modality,
    status,
    seriesCount: input.seriesCount,
    instanceCount: input.instanceCount ?? null,
    startedAt: date(input.startedAt),
    endpointUrl: input.endpointUrl,
  };
}

/** Only system clients holding results.write speak for a performing department; the sender's id keys its accessions. */
function requireFiller(sender: AuthenticatedPrincipal): string {
  if (sender.kind !== 'client' || !sender.scopes.includes(RESULTS_WRITE_SCOPE)) {
    throw new OrderError('insufficient_scope', `Only the LIS and PACS (system clients with ${RESULTS_WRITE_SCOPE}) report specimens, studies and the progress of orders`);
  }
  return sender.clientId;
}

async function lockOrder(em: EntityManager, facilityId: string, id: string): Promise<OrderEntity> {
  const order = await em.getRepository(OrderEntity).findOne({ where: { id, facilityId }, lock: { mode: 'pessimistic_write' } });
  if (!order) throw new OrderError('order_not_found', 'Order not found');
  return order;
}

function requireVersion(current: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== current) throw new OrderError('stale_version', `The resource is at version ${current}, not ${expected}: read it again`, { currentVersion: current });
}

/** An active order whose work has begun is in progress (the doctor can no longer simply revoke it). */
async function startOrder(em: EntityManager, order: OrderEntity, now: Date): Promise<OrderStatus> {
  if (order.status !== 'active') return order.status;
  await changeOrder(em, order, { status: 'in_progress', statusChangedAt: now, statusChangedBy: null });
  return 'in_progress';
}

async function changeOrder(em: EntityManager, order: OrderEntity, changes: Partial<OrderEntity>): Promise<OrderEntity> {
  const result = await em.getRepository(OrderEntity).update({ id: order.id, version: order.version }, { ...changes, version: order.version + 1 });
  if (!result.affected) throw new OrderError('stale_version', 'The order changed meanwhile: read it again');
  Object.assign(order, changes, { version: order.version + 1 });
  return order;
}

/** UPDATE … WHERE version = current, moving the version on by one (the database refuses anything else). */
async function updateVersioned<T extends SpecimenEntity | ImagingStudyEntity>(em: EntityManager, entity: new () => T, row: T, changes: Partial<T>): Promise<T> {
  const next = { ...changes, version: row.version + 1 };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeORM's update() types the criteria per entity; both entities have id and version
  const result = await em.getRepository(entity).update({ id: row.id, version: row.version } as any, next as any);
  if (!result.affected) throw new OrderError('stale_version', 'The resource changed meanwhile: read it again');
  return Object.assign(row, next);
}

function sameValues(row: object, values: Record<string, unknown>): boolean {
  return Object.entries(values).every(([key, value]) => {
    const current = (row as Record<string, unknown>)[key];
    return current instanceof Date || value instanceof Date ? (current as Date | null)?.getTime() === (value as Date | null)?.getTime() : current === value;
  });
}

function date(value: string | null | undefined): Date | null {
  return value ? new Date(value) : null;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Check a specimen report field by field; each problem names its field. */
function specimenInput(r: RecordSpecimenRequest): Required<Omit<RecordSpecimenRequest, 'collectedAt' | 'receivedAt'>> & Pick<RecordSpecimenRequest, 'collectedAt' | 'receivedAt'> {
  const accession = typeof r.accession === 'string' ? r.accession.trim() : '';
  if (!accession || accession.length > 100) throw OrderError.field('invalid_result', 'accession', 'The specimen needs the lab’s id (accession), up to 100 characters');
  if (!(SPECIMEN_STATUSES as readonly string[]).includes(r.status)) throw OrderError.field('invalid_result', 'status', `status must be one of ${SPECIMEN_STATUSES.join(', ')}`);
  if (typeof r.typeCode !== 'string' || !/^[A-Za-z0-9_.-]{1,20}$/.test(r.typeCode)) throw OrderError.field('invalid_result', 'typeCode', 'The specimen type is a code of HL7 table 0487 (BLD, SER, PLAS, UR…)');
  for (const field of ['collectedAt', 'receivedAt'] as const) {
    const value = r[field];
    if (value != null && (typeof value !== 'string' || !ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value)))) throw OrderError.field('invalid_result', field, `${field} is an instant with its time zone`);
  }
  if (r.collectedAt && r.receivedAt && Date.parse(r.receivedAt) < Date.parse(r.collectedAt)) throw OrderError.field('invalid_result', 'receivedAt', 'A specimen is received after it is collected');
  return {
    accession,
    status: r.status,
    typeCode: r.typeCode.toUpperCase(),
    typeDisplay: r.typeDisplay?.trim() || null,
    collectedAt: r.collectedAt ?? null,
    receivedAt: r.receivedAt ?? null,
    collector: r.collector?.trim() || null,
    note: r.note?.trim() || null,
  };
}
