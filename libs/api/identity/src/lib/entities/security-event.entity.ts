import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SecurityEventType } from '@benhan/shared/contracts';

/** Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). */
@Entity('security_events')
export class SecurityEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id!: string;
  @Column({ name: 'facility_id', type: 'uuid', nullable: true }) facilityId!: string | null;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ type: 'varchar', length: 40 }) type!: SecurityEventType;
  @Column({ type: 'varchar', length: 10 }) outcome!: 'success' | 'failure';
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true }) actorUserId!: string | null;
  @Column({ name: 'actor_username', type: 'varchar', length: 64, nullable: true }) actorUsername!: string | null;
  @Column({ name: 'target_user_id', type: 'uuid', nullable: true }) targetUserId!: string | null;
  @Column({ name: 'patient_id', type: 'uuid', nullable: true }) patientId!: string | null;
  @Column({ name: 'client_address', type: 'text', nullable: true }) clientAddress!: string | null;
  @Column({ name: 'user_agent', type: 'text', nullable: true }) userAgent!: string | null;
  @Column({ name: 'request_id', type: 'text', nullable: true }) requestId!: string | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'jsonb', default: {} }) detail!: Record<string, unknown>;
}
