import { Test, TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CoreModule, type UserPrincipal } from '@benhan/api/core';
import { createMigratedTestDatabase, dataSourceOptions } from '@benhan/api/database';
import { EncountersService, type EncounterEntity } from '@benhan/api/encounters';
import { DepartmentEntity, FacilityEntity, IdentityModule, UserDepartmentEntity, UserEntity, type IdentityOptions } from '@benhan/api/identity';
import { PatientsService } from '@benhan/api/patients';
import type { UserRole } from '@benhan/shared/contracts';
import { CareChartModule } from '../lib/care-chart/care-chart.module';
import { CareChartService } from '../lib/care-chart/care-chart.service';
import { TREATMENT_ORDERS, type TreatmentOrderLine, type TreatmentOrders } from '../lib/care-chart/treatment-orders.port';

const OPTIONS: IdentityOptions = {
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

/** Treatment sheet orders set by the test (unit tests of the care chart's logic only; e2e reads real sheets). */
export class FakeTreatmentOrders implements TreatmentOrders {
  lines: TreatmentOrderLine[] = [];
  async orderLines(): Promise<TreatmentOrderLine[]> {
    return this.lines;
  }
}

/**
 * The care chart on a fresh, migrated database of its own (real PostgreSQL), with a facility, two
 * departments (NOI, NGOAI) and helpers to admit patients and make nurses.
 */
export class CareChartTestbed {
  private constructor(
    readonly module: TestingModule,
    readonly dataSource: DataSource,
    readonly service: CareChartService,
    readonly treatmentOrders: FakeTreatmentOrders,
    readonly facilityId: string,
    readonly departments: Record<'NOI' | 'NGOAI', string>,
    private readonly dropDatabase: () => Promise<void>,
  ) {}

  static async create(): Promise<CareChartTestbed> {
    const { url, drop } = await createMigratedTestDatabase();
    const treatmentOrders = new FakeTreatmentOrders();
    const module = await Test.createTestingModule({
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(url), autoLoadEntities: true, extra: { max: 5 } }), CoreModule, IdentityModule.forRoot(OPTIONS), CareChartModule],
    })
      .overrideProvider(TREATMENT_ORDERS)
      .useValue(treatmentOrders)
      .compile();
    await module.init();
    const dataSource = module.get(DataSource);
    const em = dataSource.manager;
    const facility = await em.save(em.create(FacilityEntity, { code: '01999', name: 'Bệnh viện thử nghiệm' }));
    const departments = { NOI: '', NGOAI: '' };
    for (const code of ['NOI', 'NGOAI'] as const) {
      const d = await em.save(em.create(DepartmentEntity, { facilityId: facility.id, code, name: `Khoa ${code}`, nameEn: null, kind: 'clinical', active: true }));
      departments[code] = d.id;
    }
    return new CareChartTestbed(module, dataSource, module.get(CareChartService), treatmentOrders, facility.id, departments, drop);
  }

  async close(): Promise<void> {
    await this.module.close();
    await this.dropDatabase();
  }

  /** A user of one department, as the access token would describe them. */
  async user(username: string, department: 'NOI' | 'NGOAI', roles: UserRole[] = ['nurse']): Promise<UserPrincipal> {
    const em = this.dataSource.manager;
    const user = await em.save(
      em.create(UserEntity, {
        facilityId: this.facilityId,
        username,
        fullName: `ĐD. ${username}`,
        passwordHash: 'not-used',
        roles,
        practisingCertificateNo: null,
        active: true,
        failedLoginCount: 0,
        lockedUntil: null,
        passwordChangedAt: new Date(),
      }),
    );
    await em.insert(UserDepartmentEntity, { userId: user.id, departmentId: this.departments[department], isHead: false });
    return { kind: 'user', userId: user.id, username, roles, departmentIds: [this.departments[department]], facilityId: this.facilityId, sessionId: 'test' };
  }

  /** A new patient admitted to a department `hoursAgo` hours ago. */
  async admit(fullName: string, department: 'NOI' | 'NGOAI' = 'NOI', hoursAgo = 48): Promise<EncounterEntity> {
    const at = new Date(Date.now() - hoursAgo * 3_600_000);
    const patients = this.module.get(PatientsService, { strict: false });
    const encounters = this.module.get(EncountersService, { strict: false });
    return this.dataSource.transaction(async (em) => {
      const patient = await patients.create(em, this.facilityId, { fullName, birthYear: 1960, sex: 'male' }, at);
      return encounters.admitInTransaction(em, null, patient, { departmentId: this.departments[department], bedId: null, source: 'emergency', at });
    });
  }

  async count(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = (await this.dataSource.query(sql, params)) as { n: number }[];
    return Number(row.n);
  }
}
