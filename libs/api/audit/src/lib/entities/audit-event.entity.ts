import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AuditAction, AuditOutcome, AuditResourceType } from '@benhan/shared/contracts';

/** One link of a facility's chain. Written only by audit_append(); a trigger refuses UPDATE, DELETE, TRUNCATE. */
@Entity('audit_events')
export class AuditEventEntity {
  @PrimaryColumn({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @PrimaryColumn({ type: 'bigint' }) seq!: string;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ type: 'varchar', length: 40 }) action!: AuditAction;
  @Column({ type: 'varchar', length: 10 }) outcome!: AuditOutcome;
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true }) actorUserId!: string | null;
  @Column({ name: 'actor_username', type: 'varchar', length: 64, nullable: true }) actorUsername!: string | null;
  @Column({ name: 'actor_roles', type: 'text', array: true }) actorRoles!: string[];
  @Column({ name: 'actor_department_id', type: 'uuid', nullable: true }) actorDepartmentId!: string | null;
  @Column({ name: 'resource_type', type: 'varchar', length: 20, nullable: true }) resourceType!: AuditResourceType | null;
  @Column({ name: 'resource_id', type: 'text', nullable: true }) resourceId!: string | null;
  @Column({ name: 'resource_version', type: 'integer', nullable: true }) resourceVersion!: number | null;
  @Column({ name: 'patient_id', type: 'uuid', nullable: true }) patientId!: string | null;
  @Column({ name: 'client_address', type: 'text', nullable: true }) clientAddress!: string | null;
  @Column({ name: 'user_agent', type: 'text', nullable: true }) userAgent!: string | null;
  @Column({ name: 'request_id', type: 'text', nullable: true }) requestId!: string | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'jsonb' }) detail!: Record<string, unknown>;
  @Column({ name: 'previous_hash', type: 'char', length: 64 }) previousHash!: string;
  @Column({ type: 'char', length: 64 }) hash!: string;
}
