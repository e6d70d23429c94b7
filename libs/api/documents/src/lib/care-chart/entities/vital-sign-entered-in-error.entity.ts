import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Marks one observation entered-in-error (at most once: the observation id is the key). */
@Entity('vital_sign_entered_in_error')
export class VitalSignEnteredInErrorEntity {
  @PrimaryColumn({ name: 'observation_id', type: 'uuid' }) observationId!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
  @Column({ name: 'recorded_by', type: 'uuid' }) recordedBy!: string;
}
