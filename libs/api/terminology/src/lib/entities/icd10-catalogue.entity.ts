import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One version of the ICD-10 list (QĐ 4469-era BHYT list, TT 06/2026 …) and the days it applies to. */
@Entity('icd10_catalogues')
export class Icd10CatalogueEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' }) id!: number;
  @Column({ type: 'text' }) version!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) source!: string;
  @Column({ name: 'valid_from', type: 'date' }) validFrom!: string;
  @Column({ name: 'valid_to', type: 'date', nullable: true }) validTo!: string | null;
  @Column({ name: 'loaded_at', type: 'timestamptz' }) loadedAt!: Date;
}
