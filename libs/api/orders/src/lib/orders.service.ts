import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditLog } from '@benhan/api/audit';
import { ClinicalEvents, Clock, type AuthenticatedPrincipal, type RequestOrigin, type UserPrincipal } from '@benhan/api/core';
import { DocumentsService } from '@benhan/api/documents';
import { EncountersService } from '@benhan/api/encounters';
import { PatientAccessService, UsersService } from '@benhan/api/identity';
import { PatientsService } from '@benhan/api/patients';
import { SignatureQueries, SigningService } from '@benhan/api/signatures';
import { TerminologyService } from '@benhan/api/terminology';
import type { Order, OrderDetail, OrderStatus, PlaceOrderRequest } from '@benhan/shared/contracts';
import { OrderCatalogue } from './catalogue/catalogue';
import { OrderEntity, OrderItemEntity } from './entities';
import { canTransition } from './order-lifecycle';
import { toOrder } from './orders.mapper';
import { OrderError } from './orders.errors';
import { FulfilmentService } from './fulfilment.service';
import { ResultsService } from './results.service';

/** The form whose signed document is the order (libs/api/documents/forms/CD-CLS-order.json). */
export const ORDER_FORM_CODE = 'CD/CLS';

type NewItem = Omit<OrderItemEntity, 'id' | 'orderId' | 'facilityId'>;

/**
 * Lab and imaging orders. An order is placed as a draft together with its order sheet (a document version
 * of form CD/CLS whose content is the order); it becomes active only when the doctor signs that version
 * through the signatures domain. Revoking or marking it entered-in-error keeps every row.
 */
@Injectable()
export class OrdersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly patients: PatientsService,
    private readonly encounters: EncountersService,
    private readonly documents: DocumentsService,
    private readonly signing: SigningService,
    private readonly signatures: SignatureQueries,
    private readonly terminology: TerminologyService,
    private readonly users: UsersService,
    private readonly catalogue: OrderCatalogue,
    private readonly results: ResultsService,
    private readonly fulfilment: FulfilmentService,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly events: ClinicalEvents,
  ) {}

  /** Place a draft order on an encounter, with its unsigned order sheet. */
  async place(user: UserPrincipal, encounterId: string, request: PlaceOrderRequest): Promise<OrderDetail> {
    const encounter = await this.encounters.require(user.facilityId, encounterId);
    await this.access.requirePatientAccess(user, encounter.patientId);
    if (encounter.recordClosedAt) throw new OrderError('record_closed', 'This record is closed for archiving');
    if (encounter.status !== 'in_progress')
      throw OrderError.field('invalid_order', 'encounterId', 'Orders are placed on an encounter in progress', { encounterStatus: encounter.status });
    const items = this.resolveItems(request);
    const now = this.clock.now();
    const reasonCode = request.reason?.code?.trim() || null;
    let reasonTitle: string | null = null;
    if (reasonCode) {
      const patient = await this.patients.require(user.facilityId, encounter.patientId);
      const found = await this.terminology.requireDiagnosisCode(reasonCode, {
        role: 'secondary',
        patientSex: patient.sex,
        at: now,
        field: 'reason.code',
      });
      reasonTitle = found.titleVi;
    }
    const reasonText = request.reason?.text?.trim() || null;
    const clinicalNote = request.clinicalNote?.trim() || null;
    const priority = request.priority ?? 'routine';
    const id = randomUUID();

    // The order and its order sheet (the document the doctor signs to activate it) commit together.
    await this.dataSource.transaction(async (em) => {
      const sheet = await this.documents.createIn(em, user, encounterId, {
        formCode: ORDER_FORM_CODE,
        effectiveAt: now.toISOString(),
        content: {
          order: compact({
            orderId: id,
            category: request.category,
            priority,
            requestedAt: now.toISOString(),
            reasonCode,
            reasonText,
            clinicalNote,
          }),
          items: items.map((i) =>
            compact({
              serviceCode: i.serviceCode,
              loinc: i.loinc,
              name: i.display,
              modality: i.modality,
              bodySite: i.bodySiteDisplay,
            }),
          ),
        },
      });
      const order = await em.getRepository(OrderEntity).save(
        em.getRepository(OrderEntity).create({
          id,
          facilityId: user.facilityId,
          patientId: encounter.patientId,
          encounterId,
          category: request.category,
          status: 'draft',
          priority,
          reasonCode,
          reasonTitle,
          reasonText,
          clinicalNote,
          requesterId: user.userId,
          departmentId: encounter.departmentId,
          documentId: sheet.documentId,
          documentVersionId: sheet.versionId,
          signatureId: null,
          authoredAt: null,
          statusReason: null,
          statusChangedAt: now,
          statusChangedBy: user.userId,
          createdAt: now,
        }),
      );
      await em.getRepository(OrderItemEntity).insert(
        items.map((item) => ({
          ...item,
          orderId: id,
          facilityId: user.facilityId,
        })),
      );
      await this.record(em, user, 'order_create', order, {
        category: order.category,
        priority,
        items: items.map((i) => i.serviceCode),
        reasonCode,
        documentVersionId: sheet.versionId,
      });
    });
    return this.detail(user.facilityId, await this.require(user.facilityId, id));
  }

  /** Sign the order sheet with the doctor's PIN; the signed order becomes active. */
  async activate(user: UserPrincipal, id: string, pin: string): Promise<OrderDetail> {
    const order = await this.require(user.facilityId, id);
    await this.access.requirePatientAccess(user, order.patientId);
    this.requireTransition(order, 'active');
    if (!order.documentVersionId) throw new OrderError('invalid_order', 'This order has no order sheet to sign');
    // A previous attempt may have signed the sheet and failed before the order changed: do not sign twice.
    const [existing] = await this.signatures.list(user.facilityId, { versionId: order.documentVersionId }, 1);
    const signatureId = existing?.id ?? (await this.signing.sign(user, order.documentVersionId, pin)).id;
    const now = this.clock.now();
    await this.dataSource.transaction(async (em) => {
      const locked = await this.lock(em, user.facilityId, id);
      this.requireTransition(locked, 'active');
      await this.change(em, locked, {
        status: 'active',
        signatureId,
        authoredAt: now,
        statusChangedAt: now,
        statusChangedBy: user.userId,
      });
      await this.events.publish(em, { type: 'order_activated', facilityId: user.facilityId, orderId: id, patientId: locked.patientId, at: now });
      await this.record(em, user, 'order_activate', { ...locked, version: locked.version + 1 }, { signatureId, documentVersionId: order.documentVersionId });
    });
    return this.detail(user.facilityId, await this.require(user.facilityId, id));
  }

  /** Withdraw an order that the lab or imaging department has not started. */
  revoke(user: UserPrincipal, id: string, reason: string): Promise<OrderDetail> {
    return this.end(user, id, 'revoked', reason);
  }

  /** The order should never have existed (wrong patient, duplicate): it stays, marked. */
  enteredInError(user: UserPrincipal, id: string, reason: string): Promise<OrderDetail> {
    return this.end(user, id, 'entered_in_error', reason);
  }

  async get(principal: AuthenticatedPrincipal, id: string, origin?: RequestOrigin): Promise<OrderDetail> {
    const order = await this.require(principal.facilityId, id);
    await this.access.requirePatientAccess(principal, order.patientId);
    await this.audit.recordNow({
      action: 'order_read',
      actor: principal,
      resource: { type: 'order', id: order.id, version: order.version },
      patientId: order.patientId,
      detail: { encounterId: order.encounterId },
      origin,
    });
    return this.detail(principal.facilityId, order);
  }

  async listForEncounter(principal: AuthenticatedPrincipal, encounterId: string, origin?: RequestOrigin): Promise<OrderDetail[]> {
    const encounter = await this.encounters.require(principal.facilityId, encounterId);
    await this.access.requirePatientAccess(principal, encounter.patientId);
    const orders = await this.dataSource.getRepository(OrderEntity).find({
      where: { facilityId: principal.facilityId, encounterId },
      order: { createdAt: 'DESC' },
    });
    await this.audit.recordNow({
      action: 'order_read',
      actor: principal,
      resource: { type: 'encounter', id: encounterId },
      patientId: encounter.patientId,
      detail: { encounterId, orders: orders.length },
      origin,
    });
    return this.details(principal.facilityId, orders);
  }

  private async end(user: UserPrincipal, id: string, status: 'revoked' | 'entered_in_error', reason: string): Promise<OrderDetail> {
    const order = await this.require(user.facilityId, id);
    await this.access.requirePatientAccess(user, order.patientId);
    const now = this.clock.now();
    await this.dataSource.transaction(async (em) => {
      const locked = await this.lock(em, user.facilityId, id);
      this.requireTransition(locked, status);
      await this.change(em, locked, {
        status,
        statusReason: reason.trim(),
        statusChangedAt: now,
        statusChangedBy: user.userId,
      });
      // The lab or imaging department has the order and has not finished it: tell it the order is withdrawn.
      if (locked.status === 'active' || locked.status === 'in_progress') {
        await this.events.publish(em, { type: 'order_cancelled', facilityId: user.facilityId, orderId: id, patientId: locked.patientId, reason: reason.trim(), at: now, by: user.userId });
      }
      await this.audit.record(em, {
        action: status === 'revoked' ? 'order_revoke' : 'order_entered_in_error',
        actor: user,
        resource: { type: 'order', id, version: locked.version + 1 },
        patientId: locked.patientId,
        reason: reason.trim(),
        detail: {
          encounterId: locked.encounterId,
          from: locked.status,
          to: status,
        },
      });
    });
    return this.detail(user.facilityId, await this.require(user.facilityId, id));
  }

  private resolveItems(request: PlaceOrderRequest): NewItem[] {
    const seen = new Set<string>();
    return request.items.map((code, position) => {
      const field = `items/${position}`;
      if (seen.has(code)) throw OrderError.field('invalid_order', field, `${code} is ordered twice`);
      seen.add(code);
      if (request.category === 'laboratory') {
        const panel = this.catalogue.panel(code);
        if (panel)
          return {
            position,
            serviceCode: code,
            loinc: panel.loinc,
            display: panel.name.vi,
            members: [...panel.members],
            modality: null,
            bodySiteCode: null,
            bodySiteDisplay: null,
          };
        const test = this.catalogue.test(code);
        if (test)
          return {
            position,
            serviceCode: code,
            loinc: test.loinc,
            display: test.name.vi,
            members: [],
            modality: null,
            bodySiteCode: null,
            bodySiteDisplay: null,
          };
        const hint = this.catalogue.procedure(code) ? ': it is an imaging procedure' : '';
        throw OrderError.field('invalid_order', field, `${code} is not a lab test or panel of the catalogue${hint}`);
      }
      const procedure = this.catalogue.procedure(code);
      if (!procedure) throw OrderError.field('invalid_order', field, `${code} is not an imaging procedure of the catalogue`);
      return {
        position,
        serviceCode: code,
        loinc: procedure.loinc,
        display: procedure.name.vi,
        members: [],
        modality: procedure.modality,
        bodySiteCode: procedure.bodySite.code,
        bodySiteDisplay: procedure.bodySite.display,
      };
    });
  }

  private requireTransition(order: OrderEntity, to: OrderStatus): void {
    if (!canTransition(order.status, to)) {
      throw new OrderError('invalid_transition', `An order that is ${order.status} cannot become ${to}`, { currentStatus: order.status, requestedStatus: to });
    }
  }

  async require(facilityId: string, id: string, em: EntityManager = this.dataSource.manager): Promise<OrderEntity> {
    const order = await em.getRepository(OrderEntity).findOneBy({ id, facilityId });
    if (!order) throw new OrderError('order_not_found', 'Order not found');
    return order;
  }

  private async lock(em: EntityManager, facilityId: string, id: string): Promise<OrderEntity> {
    const order = await em.getRepository(OrderEntity).findOne({
      where: { id, facilityId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!order) throw new OrderError('order_not_found', 'Order not found');
    return order;
  }

  private async change(em: EntityManager, order: OrderEntity, changes: Partial<OrderEntity>): Promise<void> {
    const result = await em.getRepository(OrderEntity).update({ id: order.id, version: order.version }, { ...changes, version: order.version + 1 });
    if (!result.affected) throw new OrderError('stale_version', 'The order changed meanwhile: read it again');
  }

  private async record(
    em: EntityManager,
    user: UserPrincipal,
    action: 'order_create' | 'order_activate',
    order: Pick<OrderEntity, 'id' | 'patientId' | 'version' | 'encounterId'>,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(em, {
      action,
      actor: user,
      resource: { type: 'order', id: order.id, version: order.version },
      patientId: order.patientId,
      detail: { encounterId: order.encounterId, ...detail },
    });
  }

  private async detail(facilityId: string, order: OrderEntity): Promise<OrderDetail> {
    return (await this.details(facilityId, [order]))[0];
  }

  private async details(facilityId: string, orders: OrderEntity[]): Promise<OrderDetail[]> {
    if (!orders.length) return [];
    const ids = orders.map((o) => o.id);
    const items = await this.dataSource.getRepository(OrderItemEntity).find({ where: { orderId: In(ids) }, order: { position: 'ASC' } });
    const names = await this.users.displayNames([...new Set(orders.map((o) => o.requesterId))]);
    const reports = await this.results.reportsForOrders(facilityId, ids);
    const specimens = await this.fulfilment.specimensForOrders(facilityId, ids);
    return orders.map((o) => {
      const order: Order = toOrder(
        o,
        items.filter((i) => i.orderId === o.id),
        names.get(o.requesterId) ?? '',
      );
      return { ...order, reports: reports.filter((r) => r.orderId === o.id), specimens: specimens.filter((s) => s.orderId === o.id) };
    });
  }
}

/** Form content leaves optional fields out rather than null (the form's schema types them as strings). */
function compact(values: Record<string, string | null | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
}
