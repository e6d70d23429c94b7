import { Test, TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, CoreModule, type UserPrincipal } from '@benhan/api/core';
import { createMigratedTestDatabase, dataSourceOptions } from '@benhan/api/database';
import { EncountersService } from '@benhan/api/encounters';
import { IdentityModule } from '@benhan/api/identity';
import { TEST_IDENTITY_OPTIONS, TestClock, createTestFacility, createTestUser } from '@benhan/api/identity/testing';
import { PatientsService } from '@benhan/api/patients';
import { DocumentsModule } from '../lib/documents.module';

export interface TestStaff {
  doctor: UserPrincipal;
  head: UserPrincipal;
  nurse: UserPrincipal;
  surgeon: UserPrincipal;
  records: UserPrincipal;
}

/**
 * The documents module on a fresh, migrated database of its own (real PostgreSQL), with a facility, two
 * departments (NOI, NGOAI), staff as principals, and helpers to open encounters. The shipped forms load on
 * init, as they do in the running API.
 */
export class DocumentsTestbed {
  private constructor(
    readonly module: TestingModule,
    readonly clock: TestClock,
    readonly dataSource: DataSource,
    readonly staff: TestStaff,
    readonly departments: { noi: string; ngoai: string },
    private readonly dropDatabase: () => Promise<void>,
  ) {}

  static async create(): Promise<DocumentsTestbed> {
    const { url, drop } = await createMigratedTestDatabase();
    const module = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(url), autoLoadEntities: true, extra: { max: 5 } }),
        CoreModule,
        IdentityModule.forRoot(TEST_IDENTITY_OPTIONS),
        DocumentsModule,
      ],
    })
      .overrideProvider(Clock)
      .useClass(TestClock)
      .compile();
    await module.init();
    const dataSource = module.get(DataSource);
    const em = dataSource.manager;
    const { facilityId, departments } = await createTestFacility(em, { NOI: 'Khoa Nội', NGOAI: 'Khoa Ngoại' });
    const person = (username: string, roles: UserPrincipal['roles'], departmentId: string, isHead = false) => createTestUser(em, { facilityId, username, roles, departmentId, isHead });
    const staff: TestStaff = {
      doctor: await person('doctor', ['doctor'], departments.NOI),
      head: await person('head', ['doctor'], departments.NOI, true),
      nurse: await person('nurse', ['nurse'], departments.NOI),
      surgeon: await person('surgeon', ['doctor'], departments.NGOAI),
      records: await person('records', ['records_officer'], departments.NOI),
    };
    return new DocumentsTestbed(module, module.get(Clock), dataSource, staff, { noi: departments.NOI, ngoai: departments.NGOAI }, drop);
  }

  async close(): Promise<void> {
    await this.module.close();
    await this.dropDatabase();
  }

  /** A new patient admitted two days ago to a department (NOI by default), through the real services; returns the encounter id. */
  async encounter(departmentId = this.departments.noi): Promise<string> {
    const at = new Date(Date.now() - 2 * 86_400_000);
    const patients = this.module.get(PatientsService, { strict: false });
    const encounters = this.module.get(EncountersService, { strict: false });
    const stay = await this.dataSource.transaction(async (em) => {
      const patient = await patients.create(em, this.staff.doctor.facilityId, { fullName: 'Nguyễn Thị Test', birthYear: 1960, sex: 'female' }, at);
      return encounters.admitInTransaction(em, null, patient, { departmentId, bedId: null, source: 'emergency', at });
    });
    return stay.id;
  }

  /** Discharge by SQL: the encounters module's own tests cover the real discharge. */
  async finish(encounterId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE encounters SET status = 'finished', ended_at = now(), discharge_outcome = CASE WHEN type = 'inpatient' THEN 'improved' END,
         discharge_type = CASE WHEN type = 'inpatient' THEN 'discharged' END, outpatient_stage = CASE WHEN type = 'outpatient' THEN 'concluded' END
       WHERE id = $1`,
      [encounterId],
    );
  }
}
