import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrderCategory, ResultStatus } from '@benhan/shared/contracts';

/** A result report (FHIR DiagnosticReport). Never edited: a correction supersedes it (guard_result_row()). */
@Entity('diagnostic_reports')
export class DiagnosticReportEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'order_id', type: 'uuid' }) orderId!: string;
  @Column({ name: 'patient_id', type: 'uuid' }) patientId!: string;
  @Column({ name: 'encounter_id', type: 'uuid' }) encounterId!: string;
  @Column({ type: 'varchar', length: 12 }) category!: OrderCategory;
  @Column({ type: 'varchar', length: 20 }) status!: ResultStatus;
  /** Who sent it: the system client's id (lis, pacs). */
  @Column({ name: 'source_system', type: 'varchar', length: 100 }) sourceSystem!: string;
  /** The sender's report id. */
  @Column({ name: 'external_id', type: 'varchar', length: 100 }) externalId!: string;
  /** SHA-256 of the message's canonical JSON: the same message twice records once. */
  @Column({ name: 'payload_hash', type: 'char', length: 64 }) payloadHash!: string;
  @Column({ type: 'timestamptz' }) issued!: Date;
  @Column({ name: 'effective_at', type: 'timestamptz', nullable: true }) effectiveAt!: Date | null;
  @Column({ type: 'text', nullable: true }) performer!: string | null;
  @Column({ type: 'text', nullable: true }) conclusion!: string | null;
  @Column({ type: 'text', nullable: true }) findings!: string | null;
  @Column({ name: 'imaging_study_id', type: 'uuid', nullable: true }) imagingStudyId!: string | null;
  @Column({ type: 'boolean' }) abnormal!: boolean;
  @Column({ type: 'boolean' }) critical!: boolean;
  @Column({ name: 'supersedes_id', type: 'uuid', nullable: true }) supersedesId!: string | null;
  @Column({ name: 'superseded_by_id', type: 'uuid', nullable: true }) supersededById!: string | null;
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true }) supersededAt!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
