import { Injectable } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock, CoreModule } from '@benhan/api/core';
import { createMigratedTestDatabase, dataSourceOptions } from '@benhan/api/database';
import type { UserRole } from '@benhan/shared/contracts';
import { PasswordHasher } from '../lib/auth/password-hasher';
import { DepartmentEntity, FacilityEntity, UserDepartmentEntity, UserEntity } from '../lib/entities';
import { IdentityModule } from '../lib/identity.module';
import type { IdentityOptions } from '../lib/identity.options';

/** A clock the test moves by hand (lock expiry, token lifetimes). */
@Injectable()
export class TestClock extends Clock {
  private offsetMs = 0;
  override now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export const TEST_IDENTITY_OPTIONS: IdentityOptions = {
  jwtSecret: randomBytes(32).toString('hex'),
  accessTokenTtlSeconds: 900,
  refreshTokenTtlSeconds: 8 * 3600,
  sessionMaxAgeSeconds: 12 * 3600,
  maxFailedLogins: 5,
  lockoutMinutes: 15,
  breakGlassMinutes: 60,
  careAccessDaysAfterEnd: 30,
  loginRateLimit: { limit: 1000, ttlSeconds: 60 },
};

/**
 * The identity module on a fresh, migrated database of its own (real PostgreSQL: the server the Jest
 * global setup started or found), with a movable clock.
 */
export class IdentityTestbed {
  private constructor(
    readonly module: TestingModule,
    readonly clock: TestClock,
    readonly dataSource: DataSource,
    private readonly dropDatabase: () => Promise<void>,
  ) {}

  static async create(options: Partial<IdentityOptions> = {}): Promise<IdentityTestbed> {
    const { url, drop } = await createMigratedTestDatabase();
    const module = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(url), autoLoadEntities: true, extra: { max: 5 } }),
        CoreModule,
        IdentityModule.forRoot({ ...TEST_IDENTITY_OPTIONS, ...options }),
      ],
    })
      .overrideProvider(Clock)
      .useClass(TestClock)
      .compile();
    await module.init();
    return new IdentityTestbed(module, module.get(Clock), module.get(DataSource), drop);
  }

  async close(): Promise<void> {
    await this.module.close();
    await this.dropDatabase();
  }

  /** A facility with one department and a user in it; returns the user. */
  async user(username: string, password: string, roles: UserRole[] = ['doctor']): Promise<UserEntity> {
    const em = this.dataSource.manager;
    const facility = (await em.findOne(FacilityEntity, { where: {} })) ?? (await em.save(em.create(FacilityEntity, { code: '01999', name: 'Bệnh viện thử nghiệm' })));
    const department =
      (await em.findOne(DepartmentEntity, { where: { code: 'NOI' } })) ??
      (await em.save(em.create(DepartmentEntity, { facilityId: facility.id, code: 'NOI', name: 'Khoa Nội', nameEn: null, kind: 'clinical', active: true })));
    const user = await em.save(
      em.create(UserEntity, {
        facilityId: facility.id,
        username,
        fullName: username,
        passwordHash: await this.module.get(PasswordHasher).hash(password),
        roles,
        practisingCertificateNo: null,
        active: true,
        failedLoginCount: 0,
        lockedUntil: null,
        passwordChangedAt: new Date(),
      }),
    );
    await em.insert(UserDepartmentEntity, { userId: user.id, departmentId: department.id, isHead: false });
    return user;
  }

  async events(type: string): Promise<{ type: string; outcome: string; reason: string | null }[]> {
    return this.dataSource.query(`SELECT action AS type, outcome, reason FROM audit_events WHERE action = $1 ORDER BY seq`, [type]);
  }
}

