import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json/canonical-json';

/** The hash before a chain's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit event that its hash covers (chain format v1; see audit.contract.ts). */
export interface ChainedEventFields {
  facilityId: string;
  occurredAt: Date;
  action: string;
  outcome: 'success' | 'failure';
  actorUserId: string | null;
  actorUsername: string | null;
  actorRoles: string[];
  actorDepartmentId: string | null;
  resourceType: string | null;
  resourceId: string | null;
  resourceVersion: number | null;
  patientId: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  requestId: string | null;
  reason: string | null;
  detail: Record<string, unknown>;
}

/**
 * The canonical body an event hashes as: RFC 8785 JSON of its fields, grouped, without seq or hashes. Written
 * out by hand in JCS key order (verification re-hashes millions of events; the generic serialiser walks and
 * sorts every object) — `canonicalJson` of the same object gives the same string (the spec holds them equal).
 */
export function auditEventBody(e: ChainedEventFields): string {
  const s = JSON.stringify;
  return (
    `{"action":${s(e.action)}` +
    `,"actor":{"departmentId":${s(e.actorDepartmentId)},"roles":${canonicalJson(e.actorRoles)},"userId":${s(e.actorUserId)},"username":${s(e.actorUsername)}}` +
    `,"client":{"address":${s(e.clientAddress)},"requestId":${s(e.requestId)},"userAgent":${s(e.userAgent)}}` +
    `,"detail":${isEmpty(e.detail) ? '{}' : canonicalJson(e.detail)}` +
    `,"facilityId":${s(e.facilityId)},"occurredAt":${s(e.occurredAt.toISOString())},"outcome":${s(e.outcome)},"patientId":${s(e.patientId)}` +
    `,"reason":${s(e.reason)},"resource":{"id":${s(e.resourceId)},"type":${s(e.resourceType)},"version":${s(e.resourceVersion)}},"v":1}`
  );
}

/** The same body through the generic RFC 8785 serialiser: the definition `auditEventBody` must equal. */
export function auditEventBodyReference(e: ChainedEventFields): string {
  return canonicalJson({
    v: 1,
    facilityId: e.facilityId,
    occurredAt: e.occurredAt.toISOString(),
    action: e.action,
    outcome: e.outcome,
    actor: { userId: e.actorUserId, username: e.actorUsername, roles: e.actorRoles, departmentId: e.actorDepartmentId },
    resource: { type: e.resourceType, id: e.resourceId, version: e.resourceVersion },
    patientId: e.patientId,
    client: { address: e.clientAddress, userAgent: e.userAgent, requestId: e.requestId },
    reason: e.reason,
    detail: e.detail,
  });
}

function isEmpty(detail: Record<string, unknown>): boolean {
  for (const _ in detail) return false;
  return true;
}

/**
 * hash = SHA-256(previous hash ‖ seq as 8 bytes big-endian ‖ UTF-8 body). The sequence number is hashed so
 * that an event cannot be moved to another position even with an identical body.
 */
export function chainHash(previousHash: string, seq: number, body: string): string {
  const position = Buffer.alloc(8);
  position.writeBigUInt64BE(BigInt(seq));
  return createHash('sha256').update(Buffer.from(previousHash, 'hex')).update(position).update(body, 'utf8').digest('hex');
}

/** The bytes a checkpoint's signature covers. */
export function checkpointStatement(c: { facilityId: string; seq: number; head: string; at: Date }): Buffer {
  return Buffer.from(canonicalJson({ v: 1, type: 'benhan-audit-checkpoint', facilityId: c.facilityId, seq: c.seq, head: c.head, at: c.at.toISOString() }), 'utf8');
}

/** An event as audit_append() takes it: the table's column names. */
export function auditEventColumns(e: ChainedEventFields): Record<string, unknown> {
  return {
    facility_id: e.facilityId,
    occurred_at: e.occurredAt.toISOString(),
    action: e.action,
    outcome: e.outcome,
    actor_user_id: e.actorUserId,
    actor_username: e.actorUsername,
    actor_roles: e.actorRoles,
    actor_department_id: e.actorDepartmentId,
    resource_type: e.resourceType,
    resource_id: e.resourceId,
    resource_version: e.resourceVersion,
    patient_id: e.patientId,
    client_address: e.clientAddress,
    user_agent: e.userAgent,
    request_id: e.requestId,
    reason: e.reason,
    detail: e.detail,
  };
}
