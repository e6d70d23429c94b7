import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '@benhan/api/audit';
import type { CreateDepartmentRequest, Department } from '@benhan/shared/contracts';
import { DepartmentEntity } from '../entities';
import { IdentityError } from '../identity.errors';

@Injectable()
export class DepartmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

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
    const code = request.code.trim().toUpperCase();
    const row = await this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(DepartmentEntity);
      if (await repo.exists({ where: { facilityId, code } })) {
        throw new IdentityError('department_code_taken', `Department code ${code} exists`, {}, [{ field: 'code', message: 'is already used' }]);
      }
      const saved = await repo.save(repo.create({ facilityId, code, name: request.name.trim(), nameEn: request.nameEn?.trim() || null, kind: request.kind, active: true }));
      await this.audit.record(em, {
        action: 'config_change',
        facilityId,
        resource: { type: 'configuration', id: `department:${saved.id}` },
        detail: { change: 'department_created', departmentId: saved.id, code, kind: saved.kind },
      });
      return saved;
    });
    return toDepartment(row);
  }
}

function toDepartment(row: DepartmentEntity): Department {
  return { id: row.id, code: row.code, name: row.name, nameEn: row.nameEn, kind: row.kind, active: row.active };
}
