import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ImagingModality, ImagingStudyStatus } from '@benhan/shared/contracts';

/**
 * A study in the PACS (FHIR ImagingStudy), referenced by its DICOM Study Instance UID. The PACS may announce it
 * (registered) and complete it (available) on its own; an update moves the version on and every version is kept.
 */
@Entity('imaging_studies')
export class ImagingStudyEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'order_id', type: 'uuid' }) orderId!: string;
  @Column({ name: 'patient_id', type: 'uuid' }) patientId!: string;
  @Column({ name: 'encounter_id', type: 'uuid' }) encounterId!: string;
  @Column({ name: 'study_instance_uid', type: 'varchar', length: 64 }) studyInstanceUid!: string;
  @Column({ type: 'varchar', length: 4 }) modality!: ImagingModality;
  @Column({ type: 'varchar', length: 20 }) status!: ImagingStudyStatus;
  /** Who announced it (the PACS client's id); null for studies recorded before it was kept. */
  @Column({ name: 'source_system', type: 'varchar', length: 100, nullable: true }) sourceSystem!: string | null;
  @Column({ name: 'series_count', type: 'integer' }) seriesCount!: number;
  @Column({ name: 'instance_count', type: 'integer', nullable: true }) instanceCount!: number | null;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt!: Date | null;
  /** Where the PACS viewer opens the study. */
  @Column({ name: 'endpoint_url', type: 'text' }) endpointUrl!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ type: 'integer' }) version!: number;
}
