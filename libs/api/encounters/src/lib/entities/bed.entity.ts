import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { WardEntity } from './ward.entity';

@Entity('beds')
export class BedEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'ward_id', type: 'uuid' }) wardId!: string;
  @Column({ type: 'varchar', length: 20 }) code!: string;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @ManyToOne(() => WardEntity, (w) => w.beds)
  @JoinColumn({ name: 'ward_id' })
  ward?: WardEntity;
}
