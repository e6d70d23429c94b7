import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One stretch of an encounter in one department and bed: admission, each transfer, until discharge. */
@Entity('encounter_movements')
export class MovementEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'encounter_id', type: 'uuid' }) encounterId!: string;
  @Column({ name: 'department_id', type: 'uuid' }) departmentId!: string;
  @Column({ name: 'bed_id', type: 'uuid', nullable: true }) bedId!: string | null;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'moved_by', type: 'uuid', nullable: true }) movedBy!: string | null;
}
