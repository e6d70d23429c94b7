import { Column, Entity, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { BedEntity } from './bed.entity';

/** A ward (buồng bệnh) of a department. */
@Entity('wards')
export class WardEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'department_id', type: 'uuid' }) departmentId!: string;
  @Column({ type: 'varchar', length: 20 }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @OneToMany(() => BedEntity, (b) => b.ward) beds?: BedEntity[];
}
