import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { OrderCategory, OrderPriority, OrderStatus } from '@benhan/shared/contracts';

/** A requisition (FHIR ServiceRequest group): what was ordered, why, by whom, and the signed order sheet. */
@Entity('orders')
export class OrderEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'patient_id', type: 'uuid' }) patientId!: string;
  @Column({ name: 'encounter_id', type: 'uuid' }) encounterId!: string;
  @Column({ type: 'varchar', length: 12 }) category!: OrderCategory;
  @Column({ type: 'varchar', length: 20 }) status!: OrderStatus;
  @Column({ type: 'varchar', length: 8 }) priority!: OrderPriority;
  @Column({ name: 'reason_code', type: 'varchar', length: 10, nullable: true }) reasonCode!: string | null;
  @Column({ name: 'reason_title', type: 'text', nullable: true }) reasonTitle!: string | null;
  @Column({ name: 'reason_text', type: 'text', nullable: true }) reasonText!: string | null;
  @Column({ name: 'clinical_note', type: 'text', nullable: true }) clinicalNote!: string | null;
  @Column({ name: 'requester_id', type: 'uuid' }) requesterId!: string;
  @Column({ name: 'department_id', type: 'uuid' }) departmentId!: string;
  @Column({ name: 'document_id', type: 'uuid', nullable: true }) documentId!: string | null;
  @Column({ name: 'document_version_id', type: 'uuid', nullable: true }) documentVersionId!: string | null;
  @Column({ name: 'signature_id', type: 'uuid', nullable: true }) signatureId!: string | null;
  /** When the doctor signed it (FHIR authoredOn). */
  @Column({ name: 'authored_at', type: 'timestamptz', nullable: true }) authoredAt!: Date | null;
  @Column({ name: 'status_reason', type: 'text', nullable: true }) statusReason!: string | null;
  @Column({ name: 'status_changed_at', type: 'timestamptz', nullable: true }) statusChangedAt!: Date | null;
  @Column({ name: 'status_changed_by', type: 'uuid', nullable: true }) statusChangedBy!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @VersionColumn() version!: number;
}
