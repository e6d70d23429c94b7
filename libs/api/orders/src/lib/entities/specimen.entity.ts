import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SpecimenStatus } from '@benhan/shared/contracts';

/** A specimen the lab took or received for an order (FHIR Specimen). Updated in place with its version moved on; every version is kept (fulfilment_versions). */
@Entity('specimens')
export class SpecimenEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'order_id', type: 'uuid' }) orderId!: string;
  @Column({ name: 'patient_id', type: 'uuid' }) patientId!: string;
  @Column({ name: 'encounter_id', type: 'uuid' }) encounterId!: string;
  /** Who sent it: the system client's id (lis). */
  @Column({ name: 'source_system', type: 'varchar', length: 100 }) sourceSystem!: string;
  /** The lab's specimen id, unique per sender. */
  @Column({ type: 'varchar', length: 100 }) accession!: string;
  @Column({ type: 'varchar', length: 20 }) status!: SpecimenStatus;
  @Column({ name: 'type_code', type: 'varchar', length: 20 }) typeCode!: string;
  @Column({ name: 'type_display', type: 'text', nullable: true }) typeDisplay!: string | null;
  @Column({ name: 'collected_at', type: 'timestamptz', nullable: true }) collectedAt!: Date | null;
  @Column({ name: 'received_at', type: 'timestamptz', nullable: true }) receivedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) collector!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ type: 'integer' }) version!: number;
}
