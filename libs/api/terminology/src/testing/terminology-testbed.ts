import { Injectable } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Clock, CoreModule } from '@benhan/api/core';
import { dataSourceOptions, runMigrations, withDatabase } from '@benhan/api/database';
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
    private readonly serverUrl: string,
    private readonly database: string,
  ) {}

  static async create(): Promise<TerminologyTestbed> {
    const serverUrl = process.env['BENHAN_TEST_PG_SERVER'];
    if (!serverUrl) throw new Error('BENHAN_TEST_PG_SERVER is unset: run through the jest config (global setup)');
    const database = `benhan_lib_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    await admin(serverUrl, `CREATE DATABASE "${database}"`);
    const url = withDatabase(serverUrl, database);
    await runMigrations(url);
    const module = await Test.createTestingModule({
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(url), autoLoadEntities: true, extra: { max: 5 } }), CoreModule, TerminologyModule],
    })
      .overrideProvider(Clock)
      .useClass(FixedClock)
      .compile();
    const started = Date.now();
    await module.init();
    return new TerminologyTestbed(module, module.get(Clock), module.get(DataSource), Date.now() - started, serverUrl, database);
  }

  async close(): Promise<void> {
    await this.module.close();
    await admin(this.serverUrl, `DROP DATABASE IF EXISTS "${this.database}" WITH (FORCE)`);
  }

  async count(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = (await this.dataSource.query(sql, params)) as { n: number }[];
    return Number(row.n);
  }
}

async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
