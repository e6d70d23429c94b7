import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Interpretation, ResultStatus } from '@benhan/shared/contracts';
import { NUMERIC } from './numeric.transformer';

/** One result value (FHIR Observation) of a report. Never edited: a correction supersedes it. */
@Entity('observations')
export class ObservationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'report_id', type: 'uuid' }) reportId!: string;
  @Column({ name: 'order_id', type: 'uuid' }) orderId!: string;
  @Column({ name: 'patient_id', type: 'uuid' }) patientId!: string;
  @Column({ name: 'encounter_id', type: 'uuid' }) encounterId!: string;
  @Column({ type: 'smallint' }) position!: number;
  /** LOINC, or the facility's service code for a test without one. */
  @Column({ type: 'varchar', length: 30 }) code!: string;
  @Column({ type: 'text' }) display!: string;
  @Column({ name: 'value_quantity', type: 'numeric', nullable: true, transformer: NUMERIC }) valueQuantity!: number | null;
  /** UCUM. */
  @Column({ type: 'varchar', length: 20, nullable: true }) unit!: string | null;
  @Column({ name: 'value_string', type: 'text', nullable: true }) valueString!: string | null;
  @Column({ name: 'reference_low', type: 'numeric', nullable: true, transformer: NUMERIC }) referenceLow!: number | null;
  @Column({ name: 'reference_high', type: 'numeric', nullable: true, transformer: NUMERIC }) referenceHigh!: number | null;
  @Column({ name: 'reference_text', type: 'text', nullable: true }) referenceText!: string | null;
  @Column({ type: 'varchar', length: 2, nullable: true }) interpretation!: Interpretation | null;
  @Column({ type: 'varchar', length: 20 }) status!: ResultStatus;
  /** Specimen collection time. */
  @Column({ name: 'effective_at', type: 'timestamptz', nullable: true }) effectiveAt!: Date | null;
  @Column({ type: 'timestamptz' }) issued!: Date;
  @Column({ type: 'text', nullable: true }) performer!: string | null;
  @Column({ name: 'supersedes_id', type: 'uuid', nullable: true }) supersedesId!: string | null;
  @Column({ name: 'superseded_by_id', type: 'uuid', nullable: true }) supersededById!: string | null;
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true }) supersededAt!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
