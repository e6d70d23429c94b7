import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock, type RequestOrigin, type UserPrincipal } from '@benhan/api/core';
import type {
  CreateUserRequest,
  CurrentUser,
  DepartmentAssignment,
  Page,
  UpdateUserRequest,
  UserRole,
  UserSummary,
} from '@benhan/shared/contracts';
import { DepartmentEntity, FacilityEntity, SessionEntity, UserDepartmentEntity, UserEntity } from '../entities';
import { IdentityError } from '../identity.errors';
import { PasswordHasher, passwordPolicyViolation } from '../auth/password-hasher';
import { SecurityEventsService } from '../security-events/security-events.service';

export interface UserListQuery {
  q?: string;
  role?: UserRole;
  departmentId?: string;
  limit: number;
  offset: number;
}

/** User administration. Every change is one transaction together with its security event. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly hasher: PasswordHasher,
    private readonly events: SecurityEventsService,
  ) {}

  async currentUser(userId: string, manager: EntityManager = this.dataSource.manager): Promise<CurrentUser> {
    const user = await manager.findOne(UserEntity, { where: { id: userId }, relations: { departments: { department: true } } });
    if (!user) throw new IdentityError('user_not_found', 'User not found');
    const facility = await manager.findOneOrFail(FacilityEntity, { where: { id: user.facilityId } });
    return {
      id: user.id,
      username: user.username,
      fullName: user.fullName,
      roles: user.roles,
      departments: departmentRefs(user).sort((a, b) => a.code.localeCompare(b.code)),
      facility: { id: facility.id, code: facility.code, name: facility.name },
      practisingCertificateNo: user.practisingCertificateNo,
    };
  }

  /** Full names by user id, for other domains (attending doctor, signer). */
  async displayNames(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await this.dataSource.getRepository(UserEntity).find({ where: { id: In(unique) }, select: { id: true, fullName: true } });
    return new Map(rows.map((u) => [u.id, u.fullName]));
  }

  async list(facilityId: string, query: UserListQuery): Promise<Page<UserSummary>> {
    const qb = this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.departments', 'ud')
      .leftJoinAndSelect('ud.department', 'd')
      .where('u.facility_id = :facilityId', { facilityId })
      .orderBy('u.username', 'ASC')
      .take(query.limit)
      .skip(query.offset);
    if (query.q) qb.andWhere('(u.username ILIKE :q OR u.full_name ILIKE :q)', { q: `%${escapeLike(query.q)}%` });
    if (query.role) qb.andWhere(':role = ANY(u.roles)', { role: query.role });
    if (query.departmentId) {
      qb.andWhere('EXISTS (SELECT 1 FROM user_departments x WHERE x.user_id = u.id AND x.department_id = :dep)', { dep: query.departmentId });
    }
    const [users, total] = await qb.getManyAndCount();
    return { items: users.map(toSummary), total, limit: query.limit, offset: query.offset };
  }

  async get(facilityId: string, id: string): Promise<UserSummary> {
    return toSummary(await this.load(this.dataSource.manager, facilityId, id));
  }

  async create(actor: UserPrincipal, request: CreateUserRequest, origin: RequestOrigin): Promise<UserSummary> {
    assertPasswordPolicy(request.password, 'password');
    const passwordHash = await this.hasher.hash(request.password);
    const id = await this.dataSource.transaction(async (em) => {
      const username = request.username.trim().toLowerCase();
      if (await em.exists(UserEntity, { where: { username } })) {
        throw new IdentityError('username_taken', `Username "${username}" is already taken`, {}, [{ field: 'username', message: 'is already taken' }]);
      }
      await this.assertDepartments(em, actor.facilityId, request.departments);
      const user = await em.save(
        em.create(UserEntity, {
          facilityId: actor.facilityId,
          username,
          fullName: request.fullName.trim(),
          passwordHash,
          roles: unique(request.roles),
          practisingCertificateNo: request.practisingCertificateNo?.trim() || null,
          active: true,
          failedLoginCount: 0,
          lockedUntil: null,
          passwordChangedAt: this.clock.now(),
        }),
      );
      await this.replaceDepartments(em, user.id, request.departments);
      await this.events.record(em, {
        type: 'user_created',
        outcome: 'success',
        facilityId: actor.facilityId,
        actorUserId: actor.userId,
        actorUsername: actor.username,
        targetUserId: user.id,
        detail: { username, roles: user.roles, departments: request.departments },
        origin,
      });
      return user.id;
    });
    return this.get(actor.facilityId, id);
  }

  /** Update profile, roles, departments or status. Nobody changes their own roles or disables themselves. */
  async update(actor: UserPrincipal, id: string, request: UpdateUserRequest, origin: RequestOrigin): Promise<UserSummary> {
    if (id === actor.userId && request.roles !== undefined) {
      throw new IdentityError('self_role_change', 'You cannot change your own roles; ask another administrator');
    }
    if (id === actor.userId && request.active === false) {
      throw new IdentityError('self_deactivation', 'You cannot disable your own account');
    }
    await this.dataSource.transaction(async (em) => {
      const user = await this.load(em, actor.facilityId, id);
      const base = { facilityId: actor.facilityId, actorUserId: actor.userId, actorUsername: actor.username, targetUserId: id, origin };
      const changes: Partial<UserEntity> = {};
      if (request.fullName !== undefined) changes.fullName = request.fullName.trim();
      if (request.practisingCertificateNo !== undefined) changes.practisingCertificateNo = request.practisingCertificateNo?.trim() || null;
      if (request.active !== undefined) changes.active = request.active;
      if (request.roles !== undefined) {
        const roles = unique(request.roles);
        if (!sameSet(roles, user.roles)) {
          changes.roles = roles;
          await this.events.record(em, { ...base, type: 'role_change', outcome: 'success', detail: { before: user.roles, after: roles } });
        }
      }
      if (Object.keys(changes).length) await em.update(UserEntity, { id }, changes);
      if (request.departments !== undefined) {
        await this.assertDepartments(em, actor.facilityId, request.departments);
        await this.replaceDepartments(em, id, request.departments);
      }
      if (request.active === false) await this.revokeSessions(em, id, 'user_disabled');
      await this.events.record(em, { ...base, type: 'user_updated', outcome: 'success', detail: { fields: Object.keys(request) } });
    });
    return this.get(actor.facilityId, id);
  }

  /** Admin sets a new password: the user's sessions end, and any lock is lifted. */
  async resetPassword(actor: UserPrincipal, id: string, newPassword: string, origin: RequestOrigin): Promise<void> {
    assertPasswordPolicy(newPassword, 'newPassword');
    const passwordHash = await this.hasher.hash(newPassword);
    await this.dataSource.transaction(async (em) => {
      await this.load(em, actor.facilityId, id);
      await em.update(UserEntity, { id }, { passwordHash, passwordChangedAt: this.clock.now(), failedLoginCount: 0, lockedUntil: null });
      await this.revokeSessions(em, id, 'password_reset');
      await this.events.record(em, {
        type: 'password_reset',
        outcome: 'success',
        facilityId: actor.facilityId,
        actorUserId: actor.userId,
        actorUsername: actor.username,
        targetUserId: id,
        origin,
      });
    });
  }

  private async load(em: EntityManager, facilityId: string, id: string): Promise<UserEntity> {
    const user = await em.findOne(UserEntity, { where: { id, facilityId }, relations: { departments: { department: true } } });
    if (!user) throw new IdentityError('user_not_found', 'User not found');
    return user;
  }

  private async assertDepartments(em: EntityManager, facilityId: string, assignments: DepartmentAssignment[]): Promise<void> {
    const ids = unique(assignments.map((a) => a.departmentId));
    const found = ids.length ? await em.count(DepartmentEntity, { where: { id: In(ids), facilityId } }) : 0;
    if (found !== ids.length) {
      throw new IdentityError('department_not_found', 'Unknown department', {}, [{ field: 'departments', message: 'contains an unknown department' }]);
    }
  }

  private async replaceDepartments(em: EntityManager, userId: string, assignments: DepartmentAssignment[]): Promise<void> {
    await em.delete(UserDepartmentEntity, { userId });
    const rows = new Map(assignments.map((a) => [a.departmentId, a.isHead]));
    if (rows.size) await em.insert(UserDepartmentEntity, [...rows].map(([departmentId, isHead]) => ({ userId, departmentId, isHead })));
  }

  private async revokeSessions(em: EntityManager, userId: string, reason: string): Promise<void> {
    await em
      .createQueryBuilder()
      .update(SessionEntity)
      .set({ revokedAt: this.clock.now(), revokeReason: reason })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
  }
}

function toSummary(user: UserEntity): UserSummary {
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    roles: user.roles,
    departments: departmentRefs(user),
    practisingCertificateNo: user.practisingCertificateNo,
    active: user.active,
    lockedUntil: user.lockedUntil?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

function departmentRefs(user: UserEntity): { id: string; code: string; name: string; isHead: boolean }[] {
  return (user.departments ?? []).flatMap(({ departmentId, department, isHead }) =>
    department ? [{ id: departmentId, code: department.code, name: department.name, isHead }] : [],
  );
}

function assertPasswordPolicy(password: string, field: string): void {
  const violation = passwordPolicyViolation(password);
  if (violation) throw new IdentityError('weak_password', `Password ${violation}`, {}, [{ field, message: violation }]);
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function sameSet<T>(a: T[], b: T[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c);
}
