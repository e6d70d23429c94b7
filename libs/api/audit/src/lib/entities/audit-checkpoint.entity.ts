import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A chain head signed by the facility's organisation seal. Append-only. */
@Entity('audit_checkpoints')
export class AuditCheckpointEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ type: 'bigint' }) seq!: string;
  @Column({ type: 'char', length: 64 }) head!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'bytea' }) cms!: Buffer;
  @Column({ name: 'timestamped_at', type: 'timestamptz', nullable: true }) timestampedAt!: Date | null;
}
