import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ArchiveStatus, EncounterType, FixityOutcome, RetentionCategory } from '@benhan/shared/contracts';

const bigint = { type: 'bigint' as const, transformer: { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) } };

/** One archive generation of an encounter: the sealed PDF/A-3 in the store, and what it is found by. */
@Entity('archives')
export class ArchiveEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'encounter_id', type: 'uuid' }) encounterId!: string;
  @Column({ name: 'patient_id', type: 'uuid' }) patientId!: string;
  @Column({ type: 'integer' }) generation!: number;
  @Column({ type: 'varchar', length: 12 }) status!: ArchiveStatus;
  @Column({ name: 'lookup_code', type: 'varchar', length: 16 }) lookupCode!: string;
  @Column({ type: 'varchar', length: 8 }) store!: string;
  @Column({ name: 'store_key', type: 'text' }) storeKey!: string;
  @Column({ type: 'char', length: 64 }) sha256!: string;
  @Column({ name: 'size_bytes', ...bigint }) sizeBytes!: number;
  @Column({ name: 'page_count', type: 'integer' }) pageCount!: number;
  @Column({ name: 'document_count', type: 'integer' }) documentCount!: number;
  @Column({ name: 'archived_at', type: 'timestamptz' }) archivedAt!: Date;
  @Column({ name: 'archived_by', type: 'uuid' }) archivedBy!: string;
  @Column({ name: 'patient_name', type: 'text' }) patientName!: string;
  @Column({ name: 'patient_name_folded', type: 'text' }) patientNameFolded!: string;
  @Column({ name: 'patient_code', type: 'varchar', length: 20 }) patientCode!: string;
  @Column({ name: 'record_number', type: 'varchar', length: 30, nullable: true }) recordNumber!: string | null;
  @Column({ name: 'encounter_type', type: 'varchar', length: 12 }) encounterType!: EncounterType;
  @Column({ name: 'department_name', type: 'text' }) departmentName!: string;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'ended_at', type: 'timestamptz' }) endedAt!: Date;
  @Column({ name: 'principal_diagnosis_code', type: 'varchar', length: 10, nullable: true }) principalDiagnosisCode!: string | null;
  @Column({ name: 'principal_diagnosis_name', type: 'text', nullable: true }) principalDiagnosisName!: string | null;
  @Column({ name: 'diagnosis_codes', type: 'text', array: true }) diagnosisCodes!: string[];
  @Column({ name: 'retention_years', type: 'integer', nullable: true }) retentionYears!: number | null;
  @Column({ name: 'retention_rule', type: 'text' }) retentionRule!: string;
  @Column({ name: 'retention_categories', type: 'text', array: true }) retentionCategories!: RetentionCategory[];
  @Column({ name: 'retain_until', type: 'date', nullable: true }) retainUntil!: string | null;
  @Column({ name: 'legal_hold_reason', type: 'text', nullable: true }) legalHoldReason!: string | null;
  @Column({ name: 'legal_hold_at', type: 'timestamptz', nullable: true }) legalHoldAt!: Date | null;
  @Column({ name: 'legal_hold_by', type: 'uuid', nullable: true }) legalHoldBy!: string | null;
  @Column({ name: 'reopened_at', type: 'timestamptz', nullable: true }) reopenedAt!: Date | null;
  @Column({ name: 'reopened_by', type: 'uuid', nullable: true }) reopenedBy!: string | null;
  @Column({ name: 'reopen_reason', type: 'text', nullable: true }) reopenReason!: string | null;
  @Column({ name: 'last_fixity_at', type: 'timestamptz', nullable: true }) lastFixityAt!: Date | null;
  @Column({ name: 'last_fixity_outcome', type: 'varchar', length: 8, nullable: true }) lastFixityOutcome!: FixityOutcome | null;
  @Column({ name: 'disposed_at', type: 'timestamptz', nullable: true }) disposedAt!: Date | null;
}
