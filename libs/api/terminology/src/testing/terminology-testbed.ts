import { Injectable } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, CoreModule } from '@benhan/api/core';
import { createMigratedTestDatabase, dataSourceOptions } from '@benhan/api/database';
import { TerminologyModule } from '../lib/terminology.module';

/** A clock set by hand: the catalogue version depends on the day. */
@Injectable()
export class FixedClock extends Clock {
  private fixed: Date | null = null;
  override now(): Date {
    return this.fixed ?? new Date();
  }
  set(at: Date | null): void {
    this.fixed = at;
  }
}

/**
 * The terminology module on a fresh, migrated database of its own (real PostgreSQL: the server the
 * Jest global setup started or found). `create()` initialises the module, so the start-up loaders run.
 */
export class TerminologyTestbed {
  private constructor(
    readonly module: TestingModule,
    readonly clock: FixedClock,
    readonly dataSource: DataSource,
    readonly initMs: number,
    private readonly dropDatabase: () => Promise<void>,
  ) {}

  static async create(): Promise<TerminologyTestbed> {
    const { url, drop } = await createMigratedTestDatabase();
    const module = await Test.createTestingModule({
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(url), autoLoadEntities: true, extra: { max: 5 } }), CoreModule, TerminologyModule],
    })
      .overrideProvider(Clock)
      .useClass(FixedClock)
      .compile();
    const started = Date.now();
    await module.init();
    return new TerminologyTestbed(module, module.get(Clock), module.get(DataSource), Date.now() - started, drop);
  }

  async close(): Promise<void> {
    await this.module.close();
    await this.dropDatabase();
  }

  async count(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = (await this.dataSource.query(sql, params)) as { n: number }[];
    return Number(row.n);
  }
}

