import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type DepartmentKind = 'clinical' | 'paraclinical' | 'administrative';

/** A department (khoa) of the facility. */
@Entity('departments')
export class DepartmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ type: 'varchar', length: 20 }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'name_en', type: 'text', nullable: true }) nameEn!: string | null;
  @Column({ type: 'varchar', length: 20 }) kind!: DepartmentKind;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
