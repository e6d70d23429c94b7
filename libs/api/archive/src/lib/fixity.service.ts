import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Clock } from '@benhan/api/core';
import type { FixityOutcome, FixityProblem, FixityRun } from '@benhan/shared/contracts';
import { ARCHIVE_OPTIONS, type ArchiveOptions } from './archive.options';
import { ArchiveEntity, FixityRunEntity } from './entities';
import { ARCHIVE_STORE, type ArchiveStore } from './store';

const FIXITY_LOCK = 4_620_260_009;

/**
 * Fixity (R17): re-hash every stored archive file and compare it with the SHA-256 recorded at archiving; report
 * missing and changed files. Runs on a schedule (one process at a time, by an advisory lock), on demand from the
 * records office, and as a command (`node main.js fixity`). Reading is streamed: memory stays flat.
 */
@Injectable()
export class FixityService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FixityService.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ARCHIVE_OPTIONS) private readonly options: ArchiveOptions,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.fixityIntervalHours) return;
    this.timer = setInterval(() => void this.runScheduled(), this.options.fixityIntervalHours * 3_600_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Every facility's archives, if no other process is already checking. */
  async runScheduled(trigger: 'schedule' | 'command' = 'schedule'): Promise<FixityRun[]> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [FIXITY_LOCK])) as { locked: boolean }[];
      if (!locked) {
        this.logger.log('Another process is running the fixity check');
        return [];
      }
      try {
        const facilities = (await this.dataSource.query(`SELECT DISTINCT facility_id FROM archives`)) as { facility_id: string }[];
        const runs: FixityRun[] = [];
        for (const f of facilities) runs.push(await this.run(f.facility_id, trigger, null));
        return runs;
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [FIXITY_LOCK]);
      }
    } catch (error) {
      this.logger.error(`Scheduled fixity check failed: ${String(error)}`);
      throw error;
    } finally {
      await runner.release();
    }
  }

  async run(facilityId: string, trigger: FixityRun['trigger'], userId: string | null): Promise<FixityRun> {
    const repo = this.dataSource.getRepository(FixityRunEntity);
    const run = await repo.save(repo.create({ facilityId, trigger, startedAt: this.clock.now(), finishedAt: null, startedBy: userId, checked: 0, ok: 0, bytesRead: 0, problems: [] }));
    const archives = await this.dataSource.getRepository(ArchiveEntity).find({ where: { facilityId, status: In(['stored', 'superseded']) }, order: { archivedAt: 'ASC' } });
    const problems: FixityProblem[] = [];
    let ok = 0;
    let bytesRead = 0;
    for (const archive of archives) {
      let outcome: FixityOutcome;
      try {
        const found = await this.store.hash(archive.storeKey);
        if (!found) {
          outcome = 'missing';
          problems.push({ archiveId: archive.id, storeKey: archive.storeKey, outcome, detail: `not in the ${this.store.name} store` });
        } else {
          bytesRead += found.sizeBytes;
          outcome = found.sha256 === archive.sha256 && found.sizeBytes === archive.sizeBytes ? 'ok' : 'changed';
          if (outcome === 'ok') ok++;
          else problems.push({ archiveId: archive.id, storeKey: archive.storeKey, outcome, detail: `recorded SHA-256 ${archive.sha256} (${archive.sizeBytes} bytes), stored file ${found.sha256} (${found.sizeBytes} bytes)` });
        }
      } catch (error) {
        outcome = 'missing';
        problems.push({ archiveId: archive.id, storeKey: archive.storeKey, outcome, detail: `cannot be read: ${String(error)}` });
      }
      await this.dataSource.getRepository(ArchiveEntity).update({ id: archive.id }, { lastFixityAt: this.clock.now(), lastFixityOutcome: outcome });
    }
    await repo.update({ id: run.id }, { finishedAt: this.clock.now(), checked: archives.length, ok, bytesRead, problems });
    if (problems.length) this.logger.error(`Fixity check: ${problems.length} of ${archives.length} archives missing or changed`);
    return toView(await repo.findOneByOrFail({ id: run.id }));
  }

  async list(facilityId: string, limit = 20): Promise<FixityRun[]> {
    const rows = await this.dataSource.getRepository(FixityRunEntity).find({ where: { facilityId }, order: { startedAt: 'DESC' }, take: limit });
    return rows.map(toView);
  }
}

function toView(r: FixityRunEntity): FixityRun {
  return {
    id: r.id,
    trigger: r.trigger,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    checked: r.checked,
    ok: r.ok,
    problems: r.problems,
    bytesRead: r.bytesRead,
  };
}
