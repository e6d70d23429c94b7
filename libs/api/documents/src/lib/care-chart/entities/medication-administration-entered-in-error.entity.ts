import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Marks one administration record entered-in-error (at most once: the administration id is the key). */
@Entity('medication_administration_entered_in_error')
export class MedicationAdministrationEnteredInErrorEntity {
  @PrimaryColumn({ name: 'administration_id', type: 'uuid' }) administrationId!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
  @Column({ name: 'recorded_by', type: 'uuid' }) recordedBy!: string;
}
