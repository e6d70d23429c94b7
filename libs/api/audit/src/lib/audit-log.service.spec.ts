import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CoreModule, GENESIS_HASH } from '@benhan/api/core';
import { createMigratedTestDatabase, dataSourceOptions } from '@benhan/api/database';
import { AuditLog } from './audit-log.service';
import { AuditModule } from './audit.module';
import { ChainVerifier } from './chain/chain-verifier';

/** The log against a real PostgreSQL: one chain per facility, in the caller's transaction, verifiable. */
describe('AuditLog', () => {
  let db: { url: string; drop(): Promise<void> };
  let dataSource: DataSource;
  let audit: AuditLog;
  let close: () => Promise<void>;
  let facilities: string[];

  beforeAll(async () => {
    db = await createMigratedTestDatabase();
    const moduleRef = await Test.createTestingModule({
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(db.url), autoLoadEntities: true, extra: { max: 8 } }), CoreModule, AuditModule],
    }).compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    close = () => app.close();
    dataSource = app.get(DataSource);
    audit = app.get(AuditLog);
    facilities = [];
    for (const code of ['01001', '01002']) {
      const [f] = (await dataSource.query(`INSERT INTO facilities (code, name) VALUES ($1, $2) RETURNING id`, [code, `Bệnh viện ${code}`])) as { id: string }[];
      facilities.push(f.id);
    }
  });
  afterAll(async () => {
    await close?.();
    await db?.drop();
  });

  const actor = { userId: null, username: 'tester', roles: ['doctor'], departmentId: null };

  it('commits an event with its action and leaves no trace of one that rolled back', async () => {
    const before = await audit.head(facilities[0]);
    await expect(
      dataSource.transaction(async (em) => {
        await audit.record(em, { action: 'document_create', facilityId: facilities[0], actor, detail: { n: 1 } });
        throw new Error('the action failed after its event was written');
      }),
    ).rejects.toThrow(/action failed/);
    expect(await audit.head(facilities[0])).toEqual(before);
    const seq = await dataSource.transaction((em) => audit.record(em, { action: 'document_create', facilityId: facilities[0], actor, detail: { n: 2 } }));
    expect(seq).toBe(before.seq + 1);
  });

  it('keeps one gap-free chain per facility under concurrent writers, each verifying from genesis', async () => {
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        dataSource.transaction((em) => audit.record(em, { action: 'patient_read', facilityId: facilities[i % 2], actor, reason: i % 3 ? null : 'Kiểm tra “ký tự” đặc biệt', detail: { i, nested: { z: 1, a: [true, null] } } })),
      ),
    );
    for (const facilityId of facilities) {
      const verifier = new ChainVerifier({ seq: 0, hash: GENESIS_HASH });
      for await (const row of audit.chain(facilityId, 0, (await audit.head(facilityId)).seq)) expect(verifier.push(row)).toBeNull();
      expect(verifier.position).toEqual(await audit.head(facilityId));
    }
    expect((await audit.head(facilities[1])).seq).toBe(30);
  });

  it('refuses an export or break-glass without a reason before anything is written', async () => {
    await expect(audit.recordNow({ action: 'audit_export', facilityId: facilities[0], actor })).rejects.toThrow(/needs a reason/);
  });

  it('names the first event whose content changed', async () => {
    const rows = [];
    for await (const row of audit.chain(facilities[1], 0, (await audit.head(facilities[1])).seq)) rows.push(row);
    rows[4] = { ...rows[4], reason: 'sửa' };
    const verifier = new ChainVerifier({ seq: 0, hash: GENESIS_HASH });
    const failure = rows.map((r) => verifier.push(r)).find(Boolean);
    expect(failure).toMatchObject({ seq: 5, problem: 'hash_mismatch' });
  });
});
