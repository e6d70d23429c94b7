import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Tỉnh / thành phố of the 2025 two-level administration. */
@Entity('provinces')
export class ProvinceEntity {
  @PrimaryColumn({ type: 'varchar', length: 2 }) code!: string;
  @Column({ type: 'text' }) name!: string;
}

/** Xã / phường / đặc khu. */
@Entity('communes')
export class CommuneEntity {
  @PrimaryColumn({ type: 'varchar', length: 5 }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'province_code', type: 'varchar', length: 2 }) provinceCode!: string;
}
