import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { ARCHIVE_STORE, type ArchiveStore } from '@benhan/api/archive';
import { Public } from '@benhan/api/core';

/** Liveness (the process answers) and readiness (it can reach its database and write to its archive store), for orchestrators and CI. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
  ) {}

  @Get('live')
  @Public()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @HealthCheck()
  ready() {
    return this.health.check([() => this.db.pingCheck('database', { timeout: 3000 }), () => this.archiveStore()]);
  }

  private async archiveStore() {
    const check = this.indicator.check('archiveStore');
    try {
      await this.store.check();
      return check.up({ store: this.store.name });
    } catch (error) {
      return check.down({ store: this.store.name, message: (error as Error).message });
    }
  }
}
