import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A clinical document: one form, one encounter; its content lives in its versions. */
@Entity('documents')
export class DocumentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'encounter_id', type: 'uuid' }) encounterId!: string;
  @Column({ name: 'patient_id', type: 'uuid' }) patientId!: string;
  @Column({ name: 'form_code', type: 'varchar', length: 20 }) formCode!: string;
  @Column({ type: 'text', nullable: true }) title!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
}
