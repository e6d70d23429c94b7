import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type {
  AdmissionSource,
  DischargeOutcome,
  DischargeType,
  EncounterStatus,
  EncounterType,
  OutpatientConclusion,
  OutpatientStage,
} from '@benhan/shared/contracts';

/** An episode of care: an outpatient visit or an inpatient stay. */
@Entity('encounters')
export class EncounterEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'patient_id', type: 'uuid' }) patientId!: string;
  @Column({ type: 'varchar', length: 12 }) type!: EncounterType;
  @Column({ type: 'varchar', length: 12 }) status!: EncounterStatus;
  /** Where the patient is now (the open movement's department and bed). */
  @Column({ name: 'department_id', type: 'uuid' }) departmentId!: string;
  @Column({ name: 'bed_id', type: 'uuid', nullable: true }) bedId!: string | null;
  /** Số lưu trữ / số vào viện. */
  @Column({ name: 'record_number', type: 'varchar', length: 30, nullable: true }) recordNumber!: string | null;
  @Column({ name: 'attending_doctor_id', type: 'uuid', nullable: true }) attendingDoctorId!: string | null;
  @Column({ name: 'admission_source', type: 'varchar', length: 12, nullable: true }) admissionSource!: AdmissionSource | null;
  @Column({ name: 'outpatient_stage', type: 'varchar', length: 12, nullable: true }) outpatientStage!: OutpatientStage | null;
  @Column({ name: 'outpatient_conclusion', type: 'varchar', length: 16, nullable: true }) outpatientConclusion!: OutpatientConclusion | null;
  @Column({ name: 'referred_to', type: 'text', nullable: true }) referredTo!: string | null;
  @Column({ name: 'follow_up_date', type: 'date', nullable: true }) followUpDate!: string | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'discharge_outcome', type: 'varchar', length: 10, nullable: true }) dischargeOutcome!: DischargeOutcome | null;
  @Column({ name: 'discharge_type', type: 'varchar', length: 24, nullable: true }) dischargeType!: DischargeType | null;
  @Column({ name: 'origin_encounter_id', type: 'uuid', nullable: true }) originEncounterId!: string | null;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: Date | null;
  /** When the records office closed the complete record for archiving; nothing is added to it afterwards. */
  @Column({ name: 'record_closed_at', type: 'timestamptz', nullable: true }) recordClosedAt!: Date | null;
  @Column({ name: 'record_closed_by', type: 'uuid', nullable: true }) recordClosedBy!: string | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
