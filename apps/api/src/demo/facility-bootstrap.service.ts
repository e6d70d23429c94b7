import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FacilityEntity, PasswordHasher, UserEntity } from '@benhan/api/identity';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/env.schema';

/**
 * A real (non-demo) installation's first start: create the facility and a first administrator from
 * FACILITY_CODE, FACILITY_NAME and ADMIN_INITIAL_PASSWORD, so someone can sign in and set up the rest.
 */
@Injectable()
export class FacilityBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(FacilityBootstrapService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.demoSeed) return;
    if ((await this.dataSource.getRepository(FacilityEntity).count()) > 0) return;
    if (!this.config.initialAdminPassword) {
      this.logger.warn('Empty database: set ADMIN_INITIAL_PASSWORD (and FACILITY_CODE, FACILITY_NAME) and restart to create the first administrator "admin".');
      return;
    }
    const passwordHash = await this.hasher.hash(this.config.initialAdminPassword);
    await this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(4620260002)');
      if ((await em.count(FacilityEntity)) > 0) return;
      const facility = await em.save(em.create(FacilityEntity, { code: this.config.facility.code, name: this.config.facility.name }));
      await em.save(
        em.create(UserEntity, {
          facilityId: facility.id,
          username: 'admin',
          fullName: 'Quản trị hệ thống',
          passwordHash,
          roles: ['admin'],
          practisingCertificateNo: null,
          active: true,
          failedLoginCount: 0,
          lockedUntil: null,
          passwordChangedAt: new Date(),
        }),
      );
    });
    this.logger.log(`Created facility ${this.config.facility.code} and the administrator "admin"`);
  }
}
