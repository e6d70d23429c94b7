import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Sex } from '@benhan/shared/contracts';

@Entity('patients')
export class PatientEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  /** Mã bệnh nhân: the facility's own patient code. */
  @Column({ name: 'patient_code', type: 'varchar', length: 20 }) patientCode!: string;
  @Column({ name: 'full_name', type: 'text' }) fullName!: string;
  /** `fullName` folded for accent-free search (see foldVietnamese). */
  @Column({ name: 'search_name', type: 'text' }) searchName!: string;
  @Column({ name: 'birth_date', type: 'date', nullable: true }) birthDate!: string | null;
  @Column({ name: 'birth_year', type: 'smallint' }) birthYear!: number;
  @Column({ type: 'varchar', length: 10 }) sex!: Sex;
  /** CCCD, the 12-digit personal ID. */
  @Column({ name: 'citizen_id', type: 'char', length: 12, nullable: true }) citizenId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
