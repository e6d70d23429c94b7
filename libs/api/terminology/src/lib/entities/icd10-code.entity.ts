import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One code of one catalogue version, with its usage rules (TT 06/2026 columns 24–29). */
@Entity('icd10_codes')
export class Icd10CodeEntity {
  @PrimaryColumn({ name: 'catalogue_id', type: 'integer' }) catalogueId!: number;
  @PrimaryColumn({ type: 'varchar', length: 8 }) code!: string;
  @Column({ name: 'title_vi', type: 'text' }) titleVi!: string;
  @Column({ name: 'title_en', type: 'text', nullable: true }) titleEn!: string | null;
  @Column({ type: 'varchar', length: 5 }) chapter!: string;
  @Column({ name: 'dagger_asterisk', type: 'char', length: 1, nullable: true }) daggerAsterisk!: '†' | '*' | null;
  /** Code and titles folded for accent-free search (see foldVietnamese). */
  @Column({ name: 'search_text', type: 'text' }) searchText!: string;
  @Column({ name: 'sex_restriction', type: 'char', length: 1, nullable: true }) sexRestriction!: 'M' | 'F' | null;
  @Column({ name: 'cause_of_death_only', type: 'boolean' }) causeOfDeathOnly!: boolean;
  @Column({ name: 'not_principal', type: 'boolean' }) notPrincipal!: boolean;
  @Column({ name: 'principal_not_recommended', type: 'boolean' }) principalNotRecommended!: boolean;
  @Column({ name: 'longer_code_exists', type: 'boolean' }) longerCodeExists!: boolean;
}
