import type { EntityManager } from 'typeorm';
import type { UserPrincipal } from '@benhan/api/core';
import type { UserRole } from '@benhan/shared/contracts';
import { DepartmentEntity, FacilityEntity, UserDepartmentEntity, UserEntity } from '../lib/entities';

/** A facility with clinical departments, for other domains' tests; returns the department ids by code. */
export async function createTestFacility<Code extends string>(em: EntityManager, departments: Record<Code, string>): Promise<{ facilityId: string; departments: Record<Code, string> }> {
  const facility = await em.save(em.create(FacilityEntity, { code: '01999', name: 'Bệnh viện thử nghiệm' }));
  const ids = {} as Record<Code, string>;
  for (const [code, name] of Object.entries(departments) as [Code, string][]) {
    const department = await em.save(em.create(DepartmentEntity, { facilityId: facility.id, code, name, nameEn: null, kind: 'clinical', active: true }));
    ids[code] = department.id;
  }
  return { facilityId: facility.id, departments: ids };
}

/** A user of one department (head of it if asked), as the access token would describe them. No usable password. */
export async function createTestUser(
  em: EntityManager,
  input: { facilityId: string; username: string; fullName?: string; roles: UserRole[]; departmentId: string; isHead?: boolean },
): Promise<UserPrincipal> {
  const user = await em.save(
    em.create(UserEntity, {
      facilityId: input.facilityId,
      username: input.username,
      fullName: input.fullName ?? `Test ${input.username}`,
      passwordHash: 'not-used',
      roles: input.roles,
      practisingCertificateNo: null,
      active: true,
      failedLoginCount: 0,
      lockedUntil: null,
      passwordChangedAt: new Date(),
    }),
  );
  await em.insert(UserDepartmentEntity, { userId: user.id, departmentId: input.departmentId, isHead: input.isHead ?? false });
  return { kind: 'user', userId: user.id, username: input.username, roles: input.roles, departmentIds: [input.departmentId], facilityId: input.facilityId, sessionId: 'test' };
}
