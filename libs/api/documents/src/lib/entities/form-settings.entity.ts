import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FormRequirement, SignerStep } from '@benhan/shared/contracts';

/** A facility's own signer matrix and completeness rule for a form (R20: the facility's EMR rules). */
@Entity('form_settings')
export class FormSettingsEntity {
  @PrimaryColumn({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @PrimaryColumn({ name: 'form_code', type: 'varchar', length: 20 }) formCode!: string;
  @Column({ type: 'jsonb' }) signers!: SignerStep[];
  @Column({ name: 'required_for', type: 'jsonb' }) requiredFor!: FormRequirement[];
  @Column({ type: 'boolean' }) active!: boolean;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy!: string | null;
}
