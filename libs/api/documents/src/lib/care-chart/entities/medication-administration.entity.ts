import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AdministrationRoute, AdministrationStatus } from '@benhan/shared/contracts';

/** One dose given, held, refused or missed (append-only: the database refuses UPDATE and DELETE). */
@Entity('medication_administrations')
export class MedicationAdministrationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'encounter_id', type: 'uuid' }) encounterId!: string;
  @Column({ name: 'treatment_sheet_document_id', type: 'uuid', nullable: true }) treatmentSheetDocumentId!: string | null;
  /** The order line's id inside the treatment sheet's content. */
  @Column({ name: 'order_id', type: 'varchar', length: 64, nullable: true }) orderId!: string | null;
  @Column({ type: 'text' }) drug!: string;
  @Column({ type: 'text' }) dose!: string;
  @Column({ type: 'varchar', length: 12 }) route!: AdministrationRoute;
  @Column({ name: 'scheduled_at', type: 'timestamptz', nullable: true }) scheduledAt!: Date | null;
  @Column({ name: 'administered_at', type: 'timestamptz', nullable: true }) administeredAt!: Date | null;
  @Column({ type: 'varchar', length: 8 }) status!: AdministrationStatus;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
  @Column({ name: 'recorded_by', type: 'uuid' }) recordedBy!: string;
}
