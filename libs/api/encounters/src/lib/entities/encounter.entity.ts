import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type EncounterType = 'inpatient' | 'outpatient';
export type EncounterStatus = 'in_progress' | 'finished';

/** An episode of care: an outpatient visit or an inpatient stay. */
@Entity('encounters')
export class EncounterEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'patient_id', type: 'uuid' }) patientId!: string;
  @Column({ type: 'varchar', length: 12 }) type!: EncounterType;
  @Column({ type: 'varchar', length: 12 }) status!: EncounterStatus;
  @Column({ name: 'department_id', type: 'uuid' }) departmentId!: string;
  @Column({ name: 'bed_id', type: 'uuid', nullable: true }) bedId!: string | null;
  /** Số lưu trữ / số vào viện. */
  @Column({ name: 'record_number', type: 'varchar', length: 30, nullable: true }) recordNumber!: string | null;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
