import { Test, TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CoreModule, type UserPrincipal } from '@benhan/api/core';
import { createMigratedTestDatabase, dataSourceOptions } from '@benhan/api/database';
import { EncountersService, type EncounterEntity } from '@benhan/api/encounters';
import { IdentityModule } from '@benhan/api/identity';
import { TEST_IDENTITY_OPTIONS, createTestFacility, createTestUser } from '@benhan/api/identity/testing';
import { PatientsService } from '@benhan/api/patients';
import type { UserRole } from '@benhan/shared/contracts';
import { CareChartModule } from '../lib/care-chart/care-chart.module';
import { CareChartService } from '../lib/care-chart/care-chart.service';
import { TREATMENT_ORDERS, type TreatmentOrderLine, type TreatmentOrders } from '../lib/care-chart/treatment-orders.port';

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
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(url), autoLoadEntities: true, extra: { max: 5 } }), CoreModule, IdentityModule.forRoot(TEST_IDENTITY_OPTIONS), CareChartModule],
    })
      .overrideProvider(TREATMENT_ORDERS)
      .useValue(treatmentOrders)
      .compile();
    await module.init();
    const dataSource = module.get(DataSource);
    const { facilityId, departments } = await createTestFacility(dataSource.manager, { NOI: 'Khoa NOI', NGOAI: 'Khoa NGOAI' });
    return new CareChartTestbed(module, dataSource, module.get(CareChartService), treatmentOrders, facilityId, departments, drop);
  }

  async close(): Promise<void> {
    await this.module.close();
    await this.dropDatabase();
  }

  /** A user of one department, as the access token would describe them. */
  async user(username: string, department: 'NOI' | 'NGOAI', roles: UserRole[] = ['nurse']): Promise<UserPrincipal> {
    return createTestUser(this.dataSource.manager, { facilityId: this.facilityId, username, fullName: `ĐD. ${username}`, roles, departmentId: this.departments[department] });
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
