import { Injectable } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock, CoreModule, type UserPrincipal } from '@benhan/api/core';
import { createMigratedTestDatabase, dataSourceOptions } from '@benhan/api/database';
import { DepartmentEntity, FacilityEntity, IdentityModule, UserDepartmentEntity, UserEntity } from '@benhan/api/identity';
import type { UserRole } from '@benhan/shared/contracts';
import { DocumentsModule } from '../lib/documents.module';

/** A clock the test moves by hand (timeliness bands, effective times). */
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
        IdentityModule.forRoot({
          jwtSecret: randomBytes(32).toString('hex'),
          accessTokenTtlSeconds: 900,
          refreshTokenTtlSeconds: 8 * 3600,
          sessionMaxAgeSeconds: 12 * 3600,
          maxFailedLogins: 5,
          lockoutMinutes: 15,
          breakGlassMinutes: 60,
          careAccessDaysAfterEnd: 30,
          loginRateLimit: { limit: 1000, ttlSeconds: 60 },
        }),
        DocumentsModule,
      ],
    })
      .overrideProvider(Clock)
      .useClass(TestClock)
      .compile();
    await module.init();
    const dataSource = module.get(DataSource);
    const em = dataSource.manager;
    const facility = await em.save(em.create(FacilityEntity, { code: '01999', name: 'Bệnh viện thử nghiệm' }));
    const department = (code: string, name: string) => em.save(em.create(DepartmentEntity, { facilityId: facility.id, code, name, nameEn: null, kind: 'clinical', active: true }));
    const noi = await department('NOI', 'Khoa Nội');
    const ngoai = await department('NGOAI', 'Khoa Ngoại');
    const person = async (username: string, roles: UserRole[], departmentId: string, isHead = false): Promise<UserPrincipal> => {
      const user = await em.save(
        em.create(UserEntity, {
          facilityId: facility.id,
          username,
          fullName: `Test ${username}`,
          passwordHash: 'not-used',
          roles,
          practisingCertificateNo: null,
          active: true,
          failedLoginCount: 0,
          lockedUntil: null,
          passwordChangedAt: new Date(),
        }),
      );
      await em.insert(UserDepartmentEntity, { userId: user.id, departmentId, isHead });
      return { kind: 'user', userId: user.id, username, roles, departmentIds: [departmentId], facilityId: facility.id, sessionId: 'test' };
    };
    const staff: TestStaff = {
      doctor: await person('doctor', ['doctor'], noi.id),
      head: await person('head', ['doctor'], noi.id, true),
      nurse: await person('nurse', ['nurse'], noi.id),
      surgeon: await person('surgeon', ['doctor'], ngoai.id),
      records: await person('records', ['records_officer'], noi.id),
    };
    return new DocumentsTestbed(module, module.get(Clock), dataSource, staff, { noi: noi.id, ngoai: ngoai.id }, drop);
  }

  async close(): Promise<void> {
    await this.module.close();
    await this.dropDatabase();
  }

  /** A patient admitted to a department (NOI by default), cared for by it; returns the encounter id. */
  async encounter(type: 'inpatient' | 'outpatient' = 'inpatient', departmentId = this.departments.noi): Promise<string> {
    const facilityId = this.staff.doctor.facilityId;
    const [patient] = (await this.dataSource.query(
      `INSERT INTO patients (facility_id, patient_code, full_name, search_name, birth_year, sex)
       VALUES ($1, 'BN' || substr(md5(random()::text), 1, 10), 'Nguyễn Thị Test', 'nguyen thi test', 1960, 'female') RETURNING id`,
      [facilityId],
    )) as { id: string }[];
    const [encounter] = (await this.dataSource.query(
      `INSERT INTO encounters (facility_id, patient_id, type, status, department_id, started_at, admission_source, outpatient_stage)
       VALUES ($1, $2, $3, 'in_progress', $4, now() - interval '2 days', $5, $6) RETURNING id`,
      [facilityId, patient.id, type, departmentId, type === 'inpatient' ? 'emergency' : null, type === 'outpatient' ? 'examining' : null],
    )) as { id: string }[];
    await this.dataSource.query(`INSERT INTO patient_care_assignments (facility_id, patient_id, department_id, started_at) VALUES ($1, $2, $3, now() - interval '2 days')`, [
      facilityId,
      patient.id,
      departmentId,
    ]);
    return encounter.id;
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
