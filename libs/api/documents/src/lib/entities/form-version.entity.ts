import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EncounterType, FormCategory, FormRequirement, JsonSchema, SignerStep, UserRole } from '@benhan/shared/contracts';

/** One schema version of a form; the database refuses to change or delete it once stored. */
@Entity('form_versions')
export class FormVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 20 }) code!: string;
  @PrimaryColumn({ type: 'integer' }) version!: number;
  @Column({ name: 'title_vi', type: 'text' }) titleVi!: string;
  @Column({ name: 'title_en', type: 'text' }) titleEn!: string;
  @Column({ type: 'varchar', length: 20 }) category!: FormCategory;
  @Column({ type: 'text' }) source!: string;
  @Column({ name: 'encounter_types', type: 'text', array: true }) encounterTypes!: EncounterType[];
  @Column({ name: 'author_roles', type: 'text', array: true }) authorRoles!: UserRole[];
  @Column({ type: 'boolean' }) repeatable!: boolean;
  /** The signer matrix shipped with the form; a facility's form_settings override it. */
  @Column({ type: 'jsonb' }) signers!: SignerStep[];
  @Column({ name: 'required_for', type: 'jsonb' }) requiredFor!: FormRequirement[];
  @Column({ name: 'requirement_group', type: 'varchar', length: 40, nullable: true }) requirementGroup!: string | null;
  /** `json`, not `jsonb`: the order of sections and fields is the form's. */
  @Column({ type: 'json' }) schema!: JsonSchema;
  @Column({ type: 'jsonb' }) uncertainties!: string[];
  @Column({ name: 'definition_hash', type: 'char', length: 64 }) definitionHash!: string;
  @Column({ type: 'varchar', length: 10 }) origin!: 'shipped' | 'uploaded';
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
}
