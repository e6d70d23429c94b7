import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Dân tộc, codes 01–54. */
@Entity('ethnicities')
export class EthnicityEntity {
  @PrimaryColumn({ type: 'varchar', length: 2 }) code!: string;
  @Column({ type: 'text' }) name!: string;
}
