import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DepartmentEntity } from './department.entity';
import { UserEntity } from './user.entity';

/** A user's assignment to a department; `isHead` marks the head of department (trưởng khoa). */
@Entity('user_departments')
export class UserDepartmentEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId!: string;
  @PrimaryColumn({ name: 'department_id', type: 'uuid' }) departmentId!: string;
  @Column({ name: 'is_head', type: 'boolean', default: false }) isHead!: boolean;
  @ManyToOne(() => UserEntity, (u) => u.departments, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;
  @ManyToOne(() => DepartmentEntity)
  @JoinColumn({ name: 'department_id' })
  department?: DepartmentEntity;
}
