import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Department D cares for patient P from `startedAt` (admission, transfer) until `endedAt` (transfer out, discharge). */
@Entity('patient_care_assignments')
export class PatientCareAssignmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'patient_id', type: 'uuid' }) patientId!: string;
  @Column({ name: 'department_id', type: 'uuid' }) departmentId!: string;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: Date | null;
}
