import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { IntegrityFailure } from '@benhan/shared/contracts';

/** One verification of a facility's chain, kept (append-only) so the last result is always visible. */
@Entity('audit_integrity_runs')
export class IntegrityRunEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ type: 'varchar', length: 8 }) status!: 'OK' | 'BROKEN';
  @Column({ type: 'varchar', length: 12 }) trigger!: 'on_demand' | 'scheduled';
  @Column({ type: 'varchar', length: 12 }) mode!: 'genesis' | 'checkpoint';
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz' }) finishedAt!: Date;
  @Column({ name: 'from_seq', type: 'bigint' }) fromSeq!: string;
  @Column({ name: 'to_seq', type: 'bigint' }) toSeq!: string;
  @Column({ name: 'events_checked', type: 'bigint' }) eventsChecked!: string;
  @Column({ name: 'checkpoints_checked', type: 'integer' }) checkpointsChecked!: number;
  @Column({ name: 'last_checkpoint_seq', type: 'bigint', nullable: true }) lastCheckpointSeq!: string | null;
  @Column({ name: 'unsealed_events', type: 'bigint' }) unsealedEvents!: string;
  @Column({ type: 'jsonb', nullable: true }) failure!: IntegrityFailure | null;
  @Column({ name: 'requested_by', type: 'uuid', nullable: true }) requestedBy!: string | null;
}
