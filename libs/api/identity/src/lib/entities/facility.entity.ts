import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A health facility (cơ sở khám chữa bệnh); `code` is its 5-digit MA_CSKCB. Every clinical row carries its id. */
@Entity('facilities')
export class FacilityEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 5 }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
