import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AccessRequestScope, AccessRequestStatus, AccessRequesterRelationship } from '@benhan/shared/contracts';

/** R12: a written request to read, copy or get a summary of a record, and what was released. */
@Entity('access_requests')
export class AccessRequestEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'patient_id', type: 'uuid' }) patientId!: string;
  @Column({ name: 'encounter_id', type: 'uuid', nullable: true }) encounterId!: string | null;
  @Column({ name: 'requester_name', type: 'text' }) requesterName!: string;
  @Column({ type: 'varchar', length: 24 }) relationship!: AccessRequesterRelationship;
  @Column({ name: 'requester_id_number', type: 'varchar', length: 20 }) requesterIdNumber!: string;
  @Column({ type: 'varchar', length: 8 }) scope!: AccessRequestScope;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  @Column({ name: 'recorded_by', type: 'uuid' }) recordedBy!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'varchar', length: 10 }) status!: AccessRequestStatus;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy!: string | null;
  @Column({ name: 'refusal_reason', type: 'text', nullable: true }) refusalReason!: string | null;
  @Column({ name: 'released_sha256', type: 'char', length: 64, nullable: true }) releasedSha256!: string | null;
  @Column({ name: 'released_pdf', type: 'bytea', nullable: true, select: false }) releasedPdf!: Buffer | null;
}
