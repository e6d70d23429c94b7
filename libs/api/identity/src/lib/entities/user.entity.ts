import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { UserRole } from '@benhan/shared/contracts';
import { UserDepartmentEntity } from './user-department.entity';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ type: 'varchar', length: 64 }) username!: string;
  @Column({ name: 'full_name', type: 'text' }) fullName!: string;
  @Column({ name: 'password_hash', type: 'text', select: false }) passwordHash!: string;
  @Column({ type: 'text', array: true }) roles!: UserRole[];
  @Column({ name: 'practising_certificate_no', type: 'varchar', length: 64, nullable: true })
  practisingCertificateNo!: string | null;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column({ name: 'failed_login_count', type: 'integer', default: 0 }) failedLoginCount!: number;
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true }) lockedUntil!: Date | null;
  @Column({ name: 'password_changed_at', type: 'timestamptz' }) passwordChangedAt!: Date;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @OneToMany(() => UserDepartmentEntity, (d) => d.user) departments?: UserDepartmentEntity[];
}
