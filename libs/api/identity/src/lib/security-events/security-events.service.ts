import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RequestContext, type RequestOrigin } from '@benhan/api/core';
import { AuditLog, type AuditActor } from '@benhan/api/audit';
import { SECURITY_EVENT_TYPES, type Page, type SecurityEvent, type SecurityEventType } from '@benhan/shared/contracts';

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
 * Security events (sign-in, failures, locks, break-glass, role changes…) are audit events: this is the
 * identity domain's way of writing them, with the caller's EntityManager so an event commits or rolls
 * back with the action it records, and the administrator's view of them.
 */
@Injectable()
export class SecurityEventsService {
  constructor(private readonly audit: AuditLog) {}

  async record(manager: EntityManager, input: SecurityEventInput): Promise<void> {
    await this.audit.record(manager, {
      action: input.type,
      outcome: input.outcome,
      facilityId: input.facilityId ?? null,
      actor: actorOf(input),
      resource: input.targetUserId ? { type: 'user', id: input.targetUserId } : input.patientId ? { type: 'patient', id: input.patientId } : null,
      patientId: input.patientId ?? null,
      reason: input.reason ?? null,
      detail: input.detail ?? {},
      origin: input.origin ?? null,
    });
  }

  async list(facilityId: string, query: SecurityEventQuery): Promise<Page<SecurityEvent>> {
    const page = await this.audit.query(facilityId, {
      action: query.type ? [query.type] : [...SECURITY_EVENT_TYPES],
      actor: query.userId,
      limit: query.limit,
      offset: query.offset,
    });
    return {
      ...page,
      items: page.items.map((e) => ({
        id: String(e.seq),
        occurredAt: e.occurredAt,
        type: e.action as SecurityEventType,
        outcome: e.outcome,
        actorUserId: e.actorUserId,
        actorUsername: e.actorUsername,
        targetUserId: e.resourceType === 'user' ? e.resourceId : null,
        patientId: e.patientId,
        clientAddress: e.clientAddress,
        userAgent: e.userAgent,
        reason: e.reason,
        detail: e.detail,
      })),
    };
  }
}

/** The signed-in principal when it is the actor (its roles and department), else what the caller knows. */
function actorOf(input: SecurityEventInput): AuditActor | null {
  const principal = RequestContext.principal();
  if (principal?.kind === 'user' && principal.userId === input.actorUserId) {
    return { userId: principal.userId, username: principal.username, roles: [...principal.roles], departmentId: principal.departmentIds[0] ?? null };
  }
  if (!input.actorUserId && !input.actorUsername) return null;
  return { userId: input.actorUserId ?? null, username: input.actorUsername ?? null, roles: [], departmentId: null };
}
