import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ImagingModality } from '@benhan/shared/contracts';

/** One ordered test, panel or imaging procedure (a FHIR ServiceRequest of the requisition). Append-only. */
@Entity('order_items')
export class OrderItemEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'order_id', type: 'uuid' }) orderId!: string;
  @Column({ type: 'smallint' }) position!: number;
  @Column({ name: 'service_code', type: 'varchar', length: 30 }) serviceCode!: string;
  @Column({ type: 'varchar', length: 10, nullable: true }) loinc!: string | null;
  @Column({ type: 'text' }) display!: string;
  /** A panel's member tests (service codes). */
  @Column({ type: 'text', array: true }) members!: string[];
  @Column({ type: 'varchar', length: 4, nullable: true }) modality!: ImagingModality | null;
  @Column({ name: 'body_site_code', type: 'varchar', length: 20, nullable: true }) bodySiteCode!: string | null;
  @Column({ name: 'body_site_display', type: 'text', nullable: true }) bodySiteDisplay!: string | null;
}
