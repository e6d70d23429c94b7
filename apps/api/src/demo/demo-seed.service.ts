import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ArchiveService } from '@benhan/api/archive';
import { ClinicalEvents } from '@benhan/api/core';
import { DocumentsService, FormsService } from '@benhan/api/documents';
import { EncountersService } from '@benhan/api/encounters';
import { DepartmentEntity, FacilityEntity, PasswordHasher, SystemClientEntity, UserDepartmentEntity, UserEntity } from '@benhan/api/identity';
import { OrdersService, ResultsService } from '@benhan/api/orders';
import { PatientsService } from '@benhan/api/patients';
import { SigningService } from '@benhan/api/signatures';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/env.schema';
import { archiveDemoStay } from './demo-archive';
import { seedDemoCareChart } from './demo-care-chart';
import { seedDemoDocuments } from './demo-documents';
import { seedDemoOrders } from './demo-orders';
import { signDemoDocuments } from './demo-signatures';
import { DEMO_CLIENTS, DEMO_DEPARTMENTS, DEMO_PASSWORD, DEMO_PATIENTS, DEMO_USERS } from './demo-hospital';

/**
 * Seeds the demo hospital once, in one transaction, on an empty database when DEMO_SEED=true:
 * departments, wards and beds, one user per role, the LIS and PACS clients, a dozen admitted patients, the
 * internal-medicine ward's vital signs, treatment sheets and a record draft, and one discharged stay, signed and archived.
 */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly patients: PatientsService,
    private readonly encounters: EncountersService,
    private readonly forms: FormsService,
    private readonly signing: SigningService,
    private readonly documents: DocumentsService,
    private readonly archives: ArchiveService,
    private readonly orders: OrdersService,
    private readonly results: ResultsService,
    private readonly clinicalEvents: ClinicalEvents,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoSeed) return;
    // The demo's history (admissions, orders already resulted, a discharge) is the past: not news for the LIS and PACS.
    await this.clinicalEvents.withheld(() => this.seed());
  }

  private async seed(): Promise<void> {
    if ((await this.dataSource.getRepository(FacilityEntity).count()) > 0) return;
    const started = Date.now();
    // Hash before the transaction: scrypt is slow on purpose and must not hold locks.
    const [passwordHash, ...clientHashes] = await Promise.all([this.hasher.hash(DEMO_PASSWORD), ...DEMO_CLIENTS.map((c) => this.hasher.hash(c.secret))]);

    const seededFacilityId = await this.dataSource.transaction(async (em) => {
      // Advisory lock: two API processes starting together on an empty database seed only once.
      await em.query('SELECT pg_advisory_xact_lock(4620260002)');
      if ((await em.count(FacilityEntity)) > 0) return null;
      const facility = await em.save(em.create(FacilityEntity, { code: this.config.facility.code, name: this.config.facility.name }));
      const ids = new Map<string, string>();
      const departmentId = (code: string): string => {
        const id = ids.get(code);
        if (!id) throw new Error(`Demo data names an unknown department ${code}`);
        return id;
      };
      for (const d of DEMO_DEPARTMENTS) {
        const dep = await em.save(em.create(DepartmentEntity, { facilityId: facility.id, code: d.code, name: d.name, nameEn: d.nameEn, kind: d.kind, active: true }));
        ids.set(d.code, dep.id);
      }
      const attendingDoctor = new Map<string, string>();
      for (const u of DEMO_USERS) {
        const user = await em.save(
          em.create(UserEntity, {
            facilityId: facility.id,
            username: u.username,
            fullName: u.fullName,
            passwordHash,
            roles: u.roles,
            practisingCertificateNo: u.practisingCertificateNo,
            active: true,
            failedLoginCount: 0,
            lockedUntil: null,
            passwordChangedAt: new Date(),
          }),
        );
        // The ward doctor (not the head) attends the department's demo inpatients.
        for (const d of u.departments) if (u.roles.includes('doctor') && !d.isHead) attendingDoctor.set(d.code, user.id);
        if (u.departments.length) {
          await em.insert(UserDepartmentEntity, u.departments.map((d) => ({ userId: user.id, departmentId: departmentId(d.code), isHead: d.isHead })));
        }
      }
      await em.insert(
        SystemClientEntity,
        DEMO_CLIENTS.map((c, i) => ({ facilityId: facility.id, clientId: c.clientId, secretHash: clientHashes[i], kind: c.kind, scopes: [...c.scopes], active: true })),
      );

      const freeBeds = new Map<string, string[]>();
      for (const d of DEMO_DEPARTMENTS) {
        for (const w of d.wards) {
          const ward = await this.encounters.createWard(em, {
            facilityId: facility.id,
            departmentId: departmentId(d.code),
            code: w.code,
            name: w.name,
            bedCodes: Array.from({ length: w.beds }, (_, i) => `${w.code}-G${String(i + 1).padStart(2, '0')}`),
          });
          const beds = (await em.query(`SELECT id FROM beds WHERE ward_id = $1 ORDER BY code`, [ward.id])) as { id: string }[];
          freeBeds.set(d.code, [...(freeBeds.get(d.code) ?? []), ...beds.map((b) => b.id)]);
        }
      }

      const admittedAt = new Date(Date.now() - 2 * 86_400_000);
      for (const p of DEMO_PATIENTS) {
        const patient = await this.patients.create(em, facility.id, p.registration, admittedAt);
        await this.encounters.admitInTransaction(em, null, patient, {
          departmentId: departmentId(p.department),
          bedId: freeBeds.get(p.department)?.shift() ?? null,
          source: p.source,
          attendingDoctorId: attendingDoctor.get(p.department) ?? null,
          admissionDiagnosis: p.admissionDiagnosis,
          at: admittedAt,
        });
      }
      await seedDemoCareChart(em, facility.id);
      await seedDemoDocuments(em, this.forms, facility.id);
      return facility.id;
    });
    if (!seededFacilityId) return;
    const signed = await signDemoDocuments(this.dataSource, this.signing, seededFacilityId);
    await seedDemoOrders({ dataSource: this.dataSource, orders: this.orders, results: this.results }, seededFacilityId);
    const services = { dataSource: this.dataSource, patients: this.patients, encounters: this.encounters, documents: this.documents, signing: this.signing, archives: this.archives };
    const archived = Date.now();
    await archiveDemoStay(services, seededFacilityId);
    this.logger.log(`Demo hospital seeded in ${Date.now() - started} ms (${signed} documents signed; a discharged stay archived in ${Date.now() - archived} ms)`);
  }
}
