import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  Clock,
  RequestContext,
  auditEventBody,
  auditEventColumns,
  type AuthenticatedPrincipal,
  type ChainedEventFields,
  type RequestOrigin,
} from '@benhan/api/core';
import {
  PATIENT_ACCESS_ACTIONS,
  REASON_REQUIRED_ACTIONS,
  type AccessLogEntry,
  type AuditAction,
  type AuditEvent,
  type AuditEventQuery,
  type AuditOutcome,
  type AuditResourceType,
  type Page,
} from '@benhan/shared/contracts';

export interface AuditActor {
  userId: string | null;
  username: string | null;
  roles: string[];
  departmentId: string | null;
}

export interface AuditRecord {
  action: AuditAction;
  outcome?: AuditOutcome;
  resource?: { type: AuditResourceType; id: string; version?: number | null } | null;
  patientId?: string | null;
  reason?: string | null;
  detail?: Record<string, unknown>;
  /** Who acted: defaults to the request's authenticated principal (none for a failed sign-in). */
  actor?: AuditActor | AuthenticatedPrincipal | null;
  /** Whose chain: defaults to the actor's facility, then the installation's first facility. */
  facilityId?: string | null;
  /** From where: defaults to the request being served. */
  origin?: RequestOrigin | null;
}

/** A chained row as verification reads it: the hashed fields plus seq and hashes. */
export interface ChainRow extends ChainedEventFields {
  seq: number;
  previousHash: string;
  hash: string;
}

const MAX_TEXT = 2000;

/**
 * The audit trail's writer and reader. `record` appends with the caller's EntityManager, so the event
 * commits or rolls back with the action it records; the chain head stays locked until that transaction
 * ends, so call it last in a transaction. `recordNow` appends on its own (reads, refusals).
 */
@Injectable()
export class AuditLog {
  private defaultFacility: Promise<string | null> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(em: EntityManager, input: AuditRecord): Promise<number> {
    const event = await this.toFields(input);
    const [row] = (await em.query(`SELECT audit_append($1::jsonb, $2) AS seq`, [JSON.stringify(auditEventColumns(event)), auditEventBody(event)])) as {
      seq: string;
    }[];
    return Number(row.seq);
  }

  recordNow(input: AuditRecord): Promise<number> {
    return this.record(this.dataSource.manager, input);
  }

  async query(facilityId: string, q: AuditEventQuery): Promise<Page<AuditEvent>> {
    const where: string[] = ['e.facility_id = $1'];
    const params: unknown[] = [facilityId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.patient) add('e.patient_id = ?', q.patient);
    if (q.actor) add('e.actor_user_id = ?', q.actor);
    if (q.action) add('e.action = ANY(?)', Array.isArray(q.action) ? q.action : [q.action]);
    if (q.resourceType) add('e.resource_type = ?', q.resourceType);
    if (q.resourceId) add('e.resource_id = ?', q.resourceId);
    if (q.outcome) add('e.outcome = ?', q.outcome);
    if (q.from) add('e.occurred_at >= ?', new Date(q.from));
    if (q.to) add('e.occurred_at < ?', new Date(q.to));
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const order = q.sort === 'asc' ? 'ASC' : 'DESC';
    const rows = (await this.dataSource.query(
      `SELECT e.*, u.full_name AS actor_name, count(*) OVER () AS total
         FROM audit_events e LEFT JOIN users u ON u.id = e.actor_user_id
        WHERE ${where.join(' AND ')} ORDER BY e.seq ${order} LIMIT ${limit} OFFSET ${offset}`,
      params,
    )) as EventRow[];
    const total = rows.length ? Number(rows[0].total) : offset ? await this.count(where, params) : 0;
    return { items: rows.map(toAuditEvent), total, limit, offset };
  }

  /** "Who accessed this record": reads, prints and exports of a patient's data, break-glass marked. */
  async accessLog(facilityId: string, patientId: string, q: { from?: string; to?: string; limit?: number; offset?: number; untilSeq?: number }): Promise<Page<AccessLogEntry>> {
    const params: unknown[] = [facilityId, patientId, PATIENT_ACCESS_ACTIONS];
    const where = ['e.facility_id = $1', 'e.patient_id = $2', 'e.action = ANY($3)'];
    // Reading the log is itself an access, added at the top: later pages are read up to the first page's newest event, or
    // each page would push one row past its boundary and the reader would never see it.
    if (q.untilSeq !== undefined) where.push(`e.seq <= $${params.push(q.untilSeq)}`);
    if (q.from) where.push(`e.occurred_at >= $${params.push(new Date(q.from))}`);
    if (q.to) where.push(`e.occurred_at < $${params.push(new Date(q.to))}`);
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    // A read counts as break-glass when the reader held a grant for this patient at that moment.
    const rows = (await this.dataSource.query(
      `SELECT e.*, u.full_name AS actor_name, count(*) OVER () AS total,
              (e.action = 'break_glass' OR EXISTS (
                 SELECT 1 FROM break_glass_grants g WHERE g.user_id = e.actor_user_id AND g.patient_id = e.patient_id
                    AND g.granted_at <= e.occurred_at AND g.expires_at > e.occurred_at)) AS break_glass
         FROM audit_events e LEFT JOIN users u ON u.id = e.actor_user_id
        WHERE ${where.join(' AND ')} ORDER BY e.seq DESC LIMIT ${limit} OFFSET ${offset}`,
      params,
    )) as (EventRow & { break_glass: boolean })[];
    return {
      items: rows.map((r) => {
        const e = toAuditEvent(r);
        return {
          seq: e.seq,
          occurredAt: e.occurredAt,
          action: e.action,
          outcome: e.outcome,
          actorUserId: e.actorUserId,
          actorUsername: e.actorUsername,
          actorName: e.actorName,
          actorRoles: e.actorRoles,
          resourceType: e.resourceType,
          resourceId: e.resourceId,
          reason: e.reason,
          clientAddress: e.clientAddress,
          breakGlass: r.break_glass,
        };
      }),
      total: rows.length ? Number(rows[0].total) : 0,
      limit,
      offset,
    };
  }

  /** The chain head now (seq 0 and the genesis hash before the first event). */
  async head(facilityId: string, manager: EntityManager = this.dataSource.manager): Promise<{ seq: number; hash: string }> {
    const [row] = (await manager.query(`SELECT seq, head FROM audit_chain_heads WHERE facility_id = $1`, [facilityId])) as { seq: string; head: string }[];
    return row ? { seq: Number(row.seq), hash: row.head } : { seq: 0, hash: '0'.repeat(64) };
  }

  /**
   * The chain in order, events afterSeq+1 … untilSeq, in pages of `batch` consecutive sequence numbers. Pages are
   * bounded on both sides (not `seq > cursor LIMIT n`): without fresh statistics the planner answers a LIMIT
   * query with a bitmap scan and a sort of everything after the cursor, which made a walk quadratic.
   */
  async *chain(facilityId: string, afterSeq: number, untilSeq: number, batch = 10_000): AsyncGenerator<ChainRow> {
    for (let low = afterSeq; low < untilSeq; low += batch) {
      const rows = (await this.dataSource.query(`SELECT * FROM audit_events WHERE facility_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq`, [
        facilityId,
        low,
        Math.min(low + batch, untilSeq),
      ])) as EventRow[];
      for (const r of rows) yield toChainRow(r);
    }
  }

  /** Events with full detail for a bundle: the range [fromSeq, toSeq]. */
  async eventsBetween(facilityId: string, fromSeq: number, toSeq: number): Promise<AuditEvent[]> {
    const rows = (await this.dataSource.query(
      `SELECT e.*, u.full_name AS actor_name FROM audit_events e LEFT JOIN users u ON u.id = e.actor_user_id
        WHERE e.facility_id = $1 AND e.seq BETWEEN $2 AND $3 ORDER BY e.seq`,
      [facilityId, fromSeq, toSeq],
    )) as EventRow[];
    return rows.map(toAuditEvent);
  }

  /** The seq range of events that occurred in [from, to). */
  async seqRange(facilityId: string, from: Date | null, to: Date | null): Promise<{ first: number; last: number } | null> {
    const [row] = (await this.dataSource.query(
      `SELECT min(seq) AS first, max(seq) AS last FROM audit_events
        WHERE facility_id = $1 AND ($2::timestamptz IS NULL OR occurred_at >= $2) AND ($3::timestamptz IS NULL OR occurred_at < $3)`,
      [facilityId, from, to],
    )) as { first: string | null; last: string | null }[];
    return row.first == null ? null : { first: Number(row.first), last: Number(row.last) };
  }

  private async count(where: string[], params: unknown[]): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT count(*) AS n FROM audit_events e WHERE ${where.join(' AND ')}`, params)) as { n: string }[];
    return Number(row.n);
  }

  private async toFields(input: AuditRecord): Promise<ChainedEventFields> {
    const reason = text(input.reason);
    if (REASON_REQUIRED_ACTIONS.includes(input.action) && !reason) throw new Error(`audit: ${input.action} needs a reason`);
    const actor = toActor(input.actor === undefined ? RequestContext.principal() : input.actor);
    const principal = input.actor === undefined ? RequestContext.principal() : isPrincipal(input.actor) ? input.actor : null;
    const facilityId = input.facilityId ?? principal?.facilityId ?? (await this.installationFacility());
    if (!facilityId) throw new Error('audit: no facility to chain the event to');
    const origin = input.origin ?? RequestContext.origin();
    return {
      facilityId,
      occurredAt: this.clock.now(),
      action: input.action,
      outcome: input.outcome ?? 'success',
      actorUserId: actor?.userId ?? null,
      actorUsername: text(actor?.username, 64),
      actorRoles: actor?.roles ?? [],
      actorDepartmentId: actor?.departmentId ?? null,
      resourceType: input.resource?.type ?? null,
      resourceId: input.resource?.id ?? null,
      resourceVersion: input.resource?.version ?? null,
      patientId: input.patientId ?? null,
      clientAddress: text(origin?.clientAddress),
      userAgent: text(origin?.userAgent),
      requestId: text(origin?.requestId),
      reason,
      // The stored JSON is what is hashed: drop undefined, turn dates into strings, keep no NUL (jsonb refuses it).
      detail: JSON.parse(JSON.stringify(input.detail ?? {}).replace(/\\u0000/g, '')) as Record<string, unknown>,
    };
  }

  /** Events with no facility of their own (a sign-in with an unknown user name) go to the installation's. */
  private installationFacility(): Promise<string | null> {
    this.defaultFacility ??= this.dataSource
      .query(`SELECT id FROM facilities ORDER BY created_at, id LIMIT 1`)
      .then((rows: { id: string }[]) => rows[0]?.id ?? null)
      .then((id) => {
        if (!id) this.defaultFacility = null;
        return id;
      });
    return this.defaultFacility;
  }
}

function isPrincipal(actor: AuditActor | AuthenticatedPrincipal | null | undefined): actor is AuthenticatedPrincipal {
  return !!actor && 'kind' in actor;
}

function toActor(actor: AuditActor | AuthenticatedPrincipal | null | undefined): AuditActor | null {
  if (!actor) return null;
  if (!isPrincipal(actor)) return actor;
  if (actor.kind === 'client') return { userId: null, username: actor.clientId, roles: [`client:${actor.clientKind}`], departmentId: null };
  return { userId: actor.userId, username: actor.username, roles: [...actor.roles], departmentId: actor.departmentIds[0] ?? null };
}

function text(value: string | null | undefined, max = MAX_TEXT): string | null {
  if (value == null) return null;
  const clean = value.replaceAll('\u0000', '').slice(0, max);
  return clean.length ? clean : null;
}

interface EventRow {
  facility_id: string;
  seq: string;
  occurred_at: Date;
  action: AuditAction;
  outcome: AuditOutcome;
  actor_user_id: string | null;
  actor_username: string | null;
  actor_roles: string[];
  actor_department_id: string | null;
  resource_type: AuditResourceType | null;
  resource_id: string | null;
  resource_version: number | null;
  patient_id: string | null;
  client_address: string | null;
  user_agent: string | null;
  request_id: string | null;
  reason: string | null;
  detail: Record<string, unknown>;
  previous_hash: string;
  hash: string;
  actor_name?: string | null;
  total?: string;
}

function toChainRow(r: EventRow): ChainRow {
  return {
    seq: Number(r.seq),
    facilityId: r.facility_id,
    occurredAt: r.occurred_at,
    action: r.action,
    outcome: r.outcome,
    actorUserId: r.actor_user_id,
    actorUsername: r.actor_username,
    actorRoles: r.actor_roles,
    actorDepartmentId: r.actor_department_id,
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    resourceVersion: r.resource_version,
    patientId: r.patient_id,
    clientAddress: r.client_address,
    userAgent: r.user_agent,
    requestId: r.request_id,
    reason: r.reason,
    detail: r.detail,
    previousHash: r.previous_hash,
    hash: r.hash,
  };
}

function toAuditEvent(r: EventRow): AuditEvent {
  const c = toChainRow(r);
  return { ...c, occurredAt: c.occurredAt.toISOString(), actorName: r.actor_name ?? null } as AuditEvent;
}
