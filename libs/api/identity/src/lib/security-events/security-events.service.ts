import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, type RequestOrigin } from '@benhan/api/core';
import type { Page, SecurityEvent, SecurityEventType } from '@benhan/shared/contracts';
import { SecurityEventEntity } from '../entities';

export interface SecurityEventInput {
  type: SecurityEventType;
  outcome: 'success' | 'failure';
  facilityId?: string | null;
  actorUserId?: string | null;
  actorUsername?: string | null;
  targetUserId?: string | null;
  patientId?: string | null;
  reason?: string | null;
  detail?: Record<string, unknown>;
  origin?: RequestOrigin;
}

export interface SecurityEventQuery {
  type?: SecurityEventType;
  userId?: string;
  limit: number;
  offset: number;
}

/**
 * Security events (login, failure, lock, refresh reuse, break-glass, role change…). Written with the
 * caller's EntityManager so an event commits or rolls back with the action it records.
 */
@Injectable()
export class SecurityEventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(manager: EntityManager, input: SecurityEventInput): Promise<void> {
    await manager.insert(SecurityEventEntity, {
      facilityId: input.facilityId ?? null,
      occurredAt: this.clock.now(),
      type: input.type,
      outcome: input.outcome,
      actorUserId: input.actorUserId ?? null,
      actorUsername: input.actorUsername ?? null,
      targetUserId: input.targetUserId ?? null,
      patientId: input.patientId ?? null,
      clientAddress: input.origin?.clientAddress ?? null,
      userAgent: input.origin?.userAgent ?? null,
      requestId: input.origin?.requestId ?? null,
      reason: input.reason ?? null,
      // jsonb column: TypeORM's deep-partial type cannot express an open record.
      detail: (input.detail ?? {}) as SecurityEventEntity['detail'] & (() => string),
    });
  }

  async list(facilityId: string, query: SecurityEventQuery): Promise<Page<SecurityEvent>> {
    const qb = this.dataSource
      .getRepository(SecurityEventEntity)
      .createQueryBuilder('e')
      .where('(e.facility_id = :facilityId OR e.facility_id IS NULL)', { facilityId })
      .orderBy('e.id', 'DESC')
      .take(query.limit)
      .skip(query.offset);
    if (query.type) qb.andWhere('e.type = :type', { type: query.type });
    if (query.userId) qb.andWhere('(e.actor_user_id = :u OR e.target_user_id = :u)', { u: query.userId });
    const [rows, total] = await qb.getManyAndCount();
    return {
      items: rows.map((e) => ({
        id: e.id,
        occurredAt: e.occurredAt.toISOString(),
        type: e.type,
        outcome: e.outcome,
        actorUserId: e.actorUserId,
        actorUsername: e.actorUsername,
        targetUserId: e.targetUserId,
        patientId: e.patientId,
        clientAddress: e.clientAddress,
        userAgent: e.userAgent,
        reason: e.reason,
        detail: e.detail,
      })),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }
}
