import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { VitalSignFlag, VitalSignKind } from '@benhan/shared/contracts';
import { NUMERIC } from './numeric.transformer';

/** One measurement (append-only: the database refuses UPDATE and DELETE). */
@Entity('vital_sign_observations')
export class VitalSignObservationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'encounter_id', type: 'uuid' }) encounterId!: string;
  @Column({ type: 'varchar', length: 20 }) kind!: VitalSignKind;
  @Column({ type: 'numeric', precision: 6, scale: 2, transformer: NUMERIC }) value!: number;
  /** UCUM, copied from the definition at the time of recording. */
  @Column({ type: 'varchar', length: 10 }) unit!: string;
  @Column({ type: 'varchar', length: 10 }) loinc!: string;
  @Column({ type: 'varchar', length: 6 }) flag!: VitalSignFlag;
  @Column({ name: 'taken_at', type: 'timestamptz' }) takenAt!: Date;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
  @Column({ name: 'recorded_by', type: 'uuid' }) recordedBy!: string;
}
