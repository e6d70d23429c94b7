import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CreateDepartmentRequest, Department } from '@benhan/shared/contracts';
import { DepartmentEntity } from '../entities';
import { IdentityError } from '../identity.errors';

@Injectable()
export class DepartmentsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(facilityId: string): Promise<Department[]> {
    const rows = await this.dataSource.getRepository(DepartmentEntity).find({ where: { facilityId }, order: { code: 'ASC' } });
    return rows.map(toDepartment);
  }

  /** `manager`: read inside the caller's transaction (e.g. a seed that just created the department). */
  async get(facilityId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<Department> {
    const row = await manager.getRepository(DepartmentEntity).findOne({ where: { facilityId, id } });
    if (!row) throw new IdentityError('department_not_found', 'Department not found');
    return toDepartment(row);
  }

  async create(facilityId: string, request: CreateDepartmentRequest): Promise<Department> {
    const repo = this.dataSource.getRepository(DepartmentEntity);
    const code = request.code.trim().toUpperCase();
    if (await repo.exists({ where: { facilityId, code } })) {
      throw new IdentityError('department_code_taken', `Department code ${code} exists`, {}, [{ field: 'code', message: 'is already used' }]);
    }
    const row = await repo.save(repo.create({ facilityId, code, name: request.name.trim(), nameEn: request.nameEn?.trim() || null, kind: request.kind, active: true }));
    return toDepartment(row);
  }
}

function toDepartment(row: DepartmentEntity): Department {
  return { id: row.id, code: row.code, name: row.name, nameEn: row.nameEn, kind: row.kind, active: row.active };
}
