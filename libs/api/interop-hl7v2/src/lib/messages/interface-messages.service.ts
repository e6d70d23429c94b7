import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '@benhan/api/audit';
import { Clock, type RequestOrigin, type UserPrincipal } from '@benhan/api/core';
import type { InterfaceMessageDetail, InterfaceMessageQuery, InterfaceMessageSummary, Page, ReplayInterfaceMessageResponse } from '@benhan/shared/contracts';
import { newControlId } from '../codec/builder';
import { pendingOutboundRow } from '../outbound/outbox-row';
import { Hl7Message } from '../codec/message';
import { Hl7InboundService } from '../inbound/hl7-inbound.service';
import { Hl7MessageEntity } from '../inbound/hl7-message.entity';
import { InterfaceMessageError } from './interface-messages.errors';
import { toDetail, toSummary } from './interface-messages.mapper';

/**
 * The administrator's view of the interface message log: search it, read a message with its raw text and ACK, and replay a
 * quarantined one as received or corrected. An administrator sees the messages of the facility's own senders and those
 * no registered sender claimed (their facility is unknown). Reading a message's text and replaying are audited.
 */
@Injectable()
export class InterfaceMessagesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly inbound: Hl7InboundService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async search(admin: UserPrincipal, query: InterfaceMessageQuery): Promise<Page<InterfaceMessageSummary>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const qb = this.dataSource
      .getRepository(Hl7MessageEntity)
      .createQueryBuilder('m')
      .where('(m.facility_id = :facilityId OR m.facility_id IS NULL)', { facilityId: admin.facilityId });
    if (query.patientId) qb.andWhere('m.patient_id = :patientId', { patientId: query.patientId });
    if (query.type) qb.andWhere(query.type.includes('^') ? 'm.message_type = :type' : `split_part(m.message_type, '^', 1) = :type`, { type: query.type });
    if (query.controlId) qb.andWhere('m.control_id = :controlId', { controlId: query.controlId });
    if (query.status) qb.andWhere('m.status = :status', { status: query.status });
    if (query.direction) qb.andWhere('m.direction = :direction', { direction: query.direction });
    if (query.destination) qb.andWhere('m.destination = :destination', { destination: query.destination });
    // The raw bytes stay in the table: a list shows what happened, reading one shows the text (and is audited).
    const [rows, total] = await qb
      .select(['m.id', 'm.facilityId', 'm.direction', 'm.status', 'm.messageType', 'm.controlId', 'm.sendingApplication', 'm.sendingFacility', 'm.clientId', 'm.patientId', 'm.orderId'])
      .addSelect(['m.reportIds', 'm.ackCode', 'm.reason', 'm.errorLocation', 'm.receivedAt', 'm.processedAt', 'm.replayOfId', 'm.replayedBy', 'm.replacedById', 'm.statusChangedAt'])
      .addSelect(['m.destination', 'm.attempts', 'm.nextAttemptAt', 'm.encounterId', 'm.event'])
      .orderBy('m.received_at', 'DESC')
      .addOrderBy('m.id', 'ASC')
      .take(limit)
      .skip(offset)
      .getManyAndCount();
    return { items: rows.map(toSummary), total, limit, offset };
  }

  async get(admin: UserPrincipal, id: string, origin?: RequestOrigin): Promise<InterfaceMessageDetail> {
    const message = await this.require(admin, id);
    await this.audit.recordNow({
      action: 'interface_message_read',
      actor: admin,
      resource: { type: 'interface_message', id },
      patientId: message.patientId,
      detail: { messageType: message.messageType, controlId: message.controlId, status: message.status },
      origin,
    });
    return this.detail(message);
  }

  /**
   * Replays a quarantined message through the same path as the wire, as received or with the administrator's text. The
   * attempt is logged as its own row, linked to the original; when it is accepted the original becomes `replayed`.
   * The results were recorded by the domain before (their own transactions, idempotent): a crash before the original is
   * marked leaves it quarantined, and replaying it again records nothing twice.
   */
  async replay(admin: UserPrincipal, id: string, text: string | null | undefined, origin?: RequestOrigin): Promise<ReplayInterfaceMessageResponse> {
    const original = await this.require(admin, id);
    if (original.direction === 'outbound') return this.resend(admin, original, text, origin);
    if (original.status !== 'quarantined') {
      throw new InterfaceMessageError('not_replayable', `Only a quarantined inbound message is replayed; this one is ${original.status}`, { currentStatus: original.status });
    }
    let input: Buffer | string = original.raw;
    if (text !== undefined && text !== null) {
      if (!Hl7Message.parseHeader(text)) throw new InterfaceMessageError('invalid_message', 'The edited text must start with an MSH segment', {}, [{ field: 'text', message: 'The edited text must start with an MSH segment' }]);
      // A textarea gives line breaks: HL7 separates segments with CR.
      input = text.replace(/\r\n|\n/g, '\r');
    }
    const { row: attempt } = await this.inbound.process(input, {
      receivedAt: this.clock.now(),
      remoteAddress: origin?.clientAddress ?? null,
      replay: { originalId: original.id, userId: admin.userId, clientId: original.clientId },
    });
    await this.dataSource.transaction(async (em) => {
      let marked = false;
      if (attempt.status === 'accepted') {
        // Two administrators replaying at once: the first accepted replay marks the original, the other is only logged.
        const result = await em
          .createQueryBuilder()
          .update(Hl7MessageEntity)
          .set({ status: 'replayed', replacedById: attempt.id, statusChangedAt: this.clock.now() })
          .where(`id = :id AND status = 'quarantined'`, { id: original.id })
          .execute();
        marked = (result.affected ?? 0) > 0;
      }
      await this.audit.record(em, {
        action: 'interface_message_replay',
        actor: admin,
        resource: { type: 'interface_message', id: original.id },
        patientId: attempt.patientId ?? original.patientId,
        detail: { attemptId: attempt.id, edited: typeof input === 'string', status: attempt.status, ackCode: attempt.ackCode, reason: attempt.reason, originalReplayed: marked },
        origin,
      });
    });
    const [attemptRow, originalRow] = await Promise.all([this.require(admin, attempt.id), this.require(admin, original.id)]);
    return { attempt: await this.detail(attemptRow), original: await this.detail(originalRow) };
  }

  /**
   * Sends an outbound message again: a failed one (its destination refused it, or never answered), or a delivered one the
   * destination says it lost. The copy is queued as a new pending row under a new MSH-10 (the destination must not take it
   * for a repeat it may drop), same bytes otherwise: it says what was true when the order or movement happened. A failed
   * original becomes `replayed`. The copy waits behind the patient's earlier pending messages like any other.
   */
  private async resend(admin: UserPrincipal, original: Hl7MessageEntity, text: string | null | undefined, origin?: RequestOrigin): Promise<ReplayInterfaceMessageResponse> {
    if (text !== undefined && text !== null) {
      throw new InterfaceMessageError('invalid_message', 'An outbound message is sent again as Benhan built it: it cannot be edited', {}, [{ field: 'text', message: 'must be absent for an outbound message' }]);
    }
    if (original.status !== 'failed' && original.status !== 'delivered') {
      throw new InterfaceMessageError('not_replayable', `Only a failed or delivered outbound message is sent again; this one is ${original.status}`, { currentStatus: original.status });
    }
    const now = this.clock.now();
    const controlId = newControlId();
    const attemptId = await this.dataSource.transaction(async (em) => {
      const repository = em.getRepository(Hl7MessageEntity);
      // Two administrators resending one failed message at once: the row lock lets the first; the second sees it replayed.
      const locked = await repository.findOne({ where: { id: original.id }, lock: { mode: 'pessimistic_write' } });
      if (!locked || (locked.status !== 'failed' && locked.status !== 'delivered')) {
        throw new InterfaceMessageError('not_replayable', `Only a failed or delivered outbound message is sent again; this one is ${locked?.status}`, { currentStatus: locked?.status });
      }
      const { identifiers } = await repository.insert(
        pendingOutboundRow(
          {
            facilityId: locked.facilityId,
            destination: locked.destination,
            messageType: locked.messageType,
            controlId,
            sendingApplication: locked.sendingApplication,
            sendingFacility: locked.sendingFacility,
            patientId: locked.patientId,
            orderId: locked.orderId,
            encounterId: locked.encounterId,
            event: locked.event,
            raw: withControlId(locked.raw, controlId),
          },
          now,
          { ofId: locked.id, by: admin.userId },
        ),
      );
      const copyId = identifiers[0]['id'] as string;
      if (locked.status === 'failed') {
        await repository.update({ id: locked.id }, { status: 'replayed', replacedById: copyId, statusChangedAt: now });
      }
      await this.audit.record(em, {
        action: 'interface_message_replay',
        actor: admin,
        resource: { type: 'interface_message', id: locked.id },
        patientId: locked.patientId,
        detail: { attemptId: copyId, direction: 'outbound', destination: locked.destination, controlId, previousStatus: locked.status },
        origin,
      });
      return copyId;
    });
    const [attemptRow, originalRow] = await Promise.all([this.require(admin, attemptId), this.require(admin, original.id)]);
    return { attempt: await this.detail(attemptRow), original: await this.detail(originalRow) };
  }

  private async require(admin: UserPrincipal, id: string): Promise<Hl7MessageEntity> {
    const message = await this.dataSource
      .getRepository(Hl7MessageEntity)
      .createQueryBuilder('m')
      .where('m.id = :id', { id })
      .andWhere('(m.facility_id = :facilityId OR m.facility_id IS NULL)', { facilityId: admin.facilityId })
      .getOne();
    if (!message) throw new InterfaceMessageError('message_not_found', 'Interface message not found');
    return message;
  }

  private async detail(message: Hl7MessageEntity): Promise<InterfaceMessageDetail> {
    const replays = await this.dataSource.getRepository(Hl7MessageEntity).find({ where: { replayOfId: message.id }, order: { receivedAt: 'ASC' } });
    return toDetail(message, replays);
  }
}

/** The message with MSH-10 replaced: outbound messages are Benhan's own UTF-8 with the standard delimiters. */
export function withControlId(raw: Buffer, controlId: string): Buffer {
  const text = raw.toString('utf8');
  const end = text.indexOf('\r');
  const fields = text.slice(0, end).split('|');
  fields[9] = controlId;
  return Buffer.from(fields.join('|') + text.slice(end), 'utf8');
}
