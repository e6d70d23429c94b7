import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DiagnosisRole } from '@benhan/shared/contracts';

/** An ICD-10 diagnosis of an encounter, with the catalogue version it was checked against (R15). */
@Entity('encounter_diagnoses')
export class DiagnosisEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'encounter_id', type: 'uuid' }) encounterId!: string;
  @Column({ type: 'varchar', length: 12 }) role!: DiagnosisRole;
  @Column({ type: 'varchar', length: 10 }) code!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ name: 'catalogue_version', type: 'text' }) catalogueVersion!: string;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
  @Column({ name: 'recorded_by', type: 'uuid', nullable: true }) recordedBy!: string | null;
}
