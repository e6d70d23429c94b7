import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DisposalStatus, FixityProblem, FixityRun } from '@benhan/shared/contracts';

const bigint = { type: 'bigint' as const, transformer: { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) } };

export type ArchiveEventKind =
  | 'archived'
  | 'reopened'
  | 'hold_on'
  | 'hold_off'
  | 'download'
  | 'loan'
  | 'return'
  | 'disposal_proposed'
  | 'disposal_approved'
  | 'disposal_rejected'
  | 'export';

/** What happened to an archive, by whom and why (append-only). Downloads carry their purpose. */
@Entity('archive_events')
export class ArchiveEventEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'archive_id', type: 'uuid', nullable: true }) archiveId!: string | null;
  @Column({ name: 'encounter_id', type: 'uuid', nullable: true }) encounterId!: string | null;
  @Column({ type: 'varchar', length: 20 }) kind!: ArchiveEventKind;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ type: 'varchar', length: 20 }) role!: string;
  @Column({ type: 'text' }) purpose!: string;
  @Column({ type: 'jsonb' }) details!: Record<string, unknown>;
}

@Entity('archive_loans')
export class ArchiveLoanEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'archive_id', type: 'uuid' }) archiveId!: string;
  @Column({ type: 'text' }) borrower!: string;
  @Column({ type: 'text' }) purpose!: string;
  @Column({ name: 'lent_at', type: 'timestamptz' }) lentAt!: Date;
  @Column({ name: 'lent_by', type: 'uuid' }) lentBy!: string;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ name: 'returned_at', type: 'timestamptz', nullable: true }) returnedAt!: Date | null;
  @Column({ name: 'returned_by', type: 'uuid', nullable: true }) returnedBy!: string | null;
}

/** A disposal proposal and its decision; once approved, the record of what was destroyed, kept forever. */
@Entity('archive_disposals')
export class ArchiveDisposalEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'archive_id', type: 'uuid' }) archiveId!: string;
  @Column({ type: 'char', length: 64 }) sha256!: string;
  @Column({ name: 'size_bytes', ...bigint }) sizeBytes!: number;
  @Column({ type: 'varchar', length: 8 }) store!: string;
  @Column({ name: 'store_key', type: 'text' }) storeKey!: string;
  @Column({ type: 'integer' }) generation!: number;
  @Column({ name: 'retain_until', type: 'date', nullable: true }) retainUntil!: string | null;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'varchar', length: 10 }) status!: DisposalStatus;
  @Column({ name: 'proposed_at', type: 'timestamptz' }) proposedAt!: Date;
  @Column({ name: 'proposed_by', type: 'uuid' }) proposedBy!: string;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy!: string | null;
  @Column({ name: 'decision_reason', type: 'text', nullable: true }) decisionReason!: string | null;
  @Column({ name: 'disposed_at', type: 'timestamptz', nullable: true }) disposedAt!: Date | null;
}

@Entity('fixity_runs')
export class FixityRunEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ type: 'varchar', length: 10 }) trigger!: FixityRun['trigger'];
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
  @Column({ name: 'started_by', type: 'uuid', nullable: true }) startedBy!: string | null;
  @Column({ type: 'integer' }) checked!: number;
  @Column({ type: 'integer' }) ok!: number;
  @Column({ name: 'bytes_read', ...bigint }) bytesRead!: number;
  @Column({ type: 'jsonb' }) problems!: FixityProblem[];
}
