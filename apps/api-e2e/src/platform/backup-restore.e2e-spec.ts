import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ArchiveSummary, Page } from '@benhan/shared/contracts';
import { TestSystem } from '../support/system';

/* eslint-disable @nx/enforce-module-boundaries -- the process helpers in tools/testing are plain CommonJS shared with the browser tests' server, not a library. */
const postgres = require('../../../../tools/testing/postgres.cjs') as {
  uniqueName(prefix: string): string;
  withDatabase(serverUrl: string, name: string): string;
  dropDatabase(serverUrl: string, name: string): Promise<void>;
  query(url: string, sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  freePort(): Promise<number>;
};
const { startApi } = require('../../../../tools/testing/api-process.cjs') as {
  startApi(options: { databaseUrl: string; port: number; env?: Record<string, string> }): Promise<{ baseUrl: string; stop(): Promise<void> }>;
};
/* eslint-enable @nx/enforce-module-boundaries */

interface Outcome {
  status: number;
  stdout: string;
  stderr: string;
}

/** pg_dump must be of the server's major version or newer; without one the drill cannot run here. */
function pgDumpMajor(): number | null {
  const run = spawnSync('pg_dump', ['--version'], { encoding: 'utf8' });
  const match = /(\d+)\.\d+/.exec(run.stdout ?? '');
  return run.status === 0 && match ? Number(match[1]) : null;
}

/**
 * R17: the database and the archive store are backed up together, and a restore drill into a fresh database and a
 * fresh store re-verifies every signature, every archive's SHA-256 and the audit chain. A damaged backup or a
 * database that is not empty is refused before anything is written.
 */
describe('backup and restore drill (R17)', () => {
  const server = process.env['BENHAN_TEST_PG_SERVER'] ?? '';
  let system: TestSystem;
  let serverMajor = 0;
  const dir = mkdtempSync(join(tmpdir(), 'benhan-backup-e2e-'));
  const store = join(dir, 'store');
  const backupDir = join(dir, 'backup');
  const restoredName = postgres.uniqueName('benhan_restored');
  let demo: ArchiveSummary;
  let auditAtBackup = 0;

  const command = (args: string[], env: Record<string, string>): Promise<Outcome> =>
    new Promise((resolve) => {
      const full = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', PORT: '0', FIXITY_INTERVAL_HOURS: '0', AUDIT_INTEGRITY_INTERVAL_HOURS: '0', ...env };
      execFile(process.execPath, ['dist/apps/api/main.js', ...args], { env: full, encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) =>
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
      );
    });
  const report = <T>(outcome: Outcome): T => JSON.parse(outcome.stdout.slice(outcome.stdout.indexOf('{'))) as T;
  const count = async (url: string, table: string) => Number((await postgres.query(url, `SELECT count(*) AS n FROM ${table}`)).rows[0]['n']);

  beforeAll(async () => {
    system = await TestSystem.start({ ARCHIVE_DIR: store });
    serverMajor = Math.floor(Number((await system.sql<{ v: string }>(`SELECT current_setting('server_version_num') AS v`))[0].v) / 10000);
    const records = await system.token('records');
    [demo] = (await system.request<Page<ArchiveSummary>>('GET', '/api/archives?q=hoang thi lua', { token: records })).body.items;
    // This system's own store starts with what the seeding process archived.
    mkdirSync(dirname(join(store, demo.storeKey)), { recursive: true });
    copyFileSync(join(process.env['ARCHIVE_DIR'] ?? '', demo.storeKey), join(store, demo.storeKey));
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
    await postgres.dropDatabase(server, restoredName).catch(() => undefined);
    spawnSync('chmod', ['-R', 'u+w', dir]);
    rmSync(dir, { recursive: true, force: true });
  });

  const runnable = () => {
    const major = pgDumpMajor();
    if (major !== null && major >= serverMajor) return true;
    const why = `the backup drill needs pg_dump ${serverMajor} or newer (found ${major ?? 'none'}); set PG_BIN_DIR`;
    // CI runs on a server whose client tools are installed: there the drill must run.
    if (process.env['CI']) throw new Error(why);
    console.warn(`SKIPPED: ${why}`);
    return false;
  };

  it('backs up the database and the archive files together, with a manifest sha256sum -c accepts', async () => {
    if (!runnable()) return;
    auditAtBackup = await count(system.databaseUrl, 'audit_events');
    const outcome = await command(['backup', backupDir], { DATABASE_URL: system.databaseUrl, ARCHIVE_DIR: store });
    expect([outcome.status, outcome.stderr]).toEqual([0, expect.any(String)]);
    expect(report<{ archives: number; database: { lastMigration: string } }>(outcome)).toEqual(expect.objectContaining({ archives: 1, database: expect.objectContaining({ lastMigration: expect.any(String) }) }));
    const sums = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: backupDir, encoding: 'utf8' });
    expect([sums.status, sums.stdout.trim().split('\n')]).toEqual([0, ['database.dump: OK', `archive/${demo.storeKey}: OK`]]);
    // Into a directory that already holds something: refused.
    expect((await command(['backup', backupDir], { DATABASE_URL: system.databaseUrl, ARCHIVE_DIR: store })).stderr).toContain('not empty');
  });

  it('refuses a damaged backup and a target that is not empty, writing nothing', async () => {
    if (!runnable()) return;
    const damaged = join(dir, 'damaged');
    cpSync(backupDir, damaged, { recursive: true });
    const dump = readFileSync(join(damaged, 'database.dump'));
    dump[dump.length >> 1] ^= 0x01;
    writeFileSync(join(damaged, 'database.dump'), dump);
    const target = postgres.withDatabase(server, restoredName);
    const refused = await command(['restore', damaged], { DATABASE_URL: target, ARCHIVE_DIR: join(dir, 'unused') });
    expect([refused.status, refused.stderr]).toEqual([1, expect.stringContaining('database.dump does not match its SHA-256')]);
    expect(await count(target, `pg_tables WHERE schemaname = 'public'`)).toBe(0);

    const occupied = await command(['restore', backupDir], { DATABASE_URL: system.databaseUrl, ARCHIVE_DIR: join(dir, 'unused') });
    expect([occupied.status, occupied.stderr]).toEqual([1, expect.stringContaining('not empty')]);
  });

  it('restores into a fresh database and store, and the drill finds every signature PASSED, every archive intact and the chain OK', async () => {
    if (!runnable()) return;
    const target = postgres.withDatabase(server, restoredName);
    const restoredStore = join(dir, 'restored-store');
    const outcome = await command(['restore', backupDir], { DATABASE_URL: target, ARCHIVE_DIR: restoredStore });
    expect([outcome.status, outcome.stderr]).toEqual([0, expect.any(String)]);
    const drill = report<{ ok: boolean; archivesWritten: number; signatures: { checked: number; passed: number }; archives: { checked: number; ok: number }; audit: { status: string; eventsChecked: number }[] }>(outcome);
    const signatures = await count(system.databaseUrl, 'signatures');
    expect(signatures).toBeGreaterThan(0);
    expect(drill).toEqual(expect.objectContaining({ ok: true, archivesWritten: 1, signatures: expect.objectContaining({ checked: signatures, passed: signatures }), archives: expect.objectContaining({ checked: 1, ok: 1 }) }));
    expect(drill.audit).toEqual([expect.objectContaining({ status: 'OK', eventsChecked: expect.any(Number) })]);
    // The whole chain the backup holds, walked from genesis.
    expect(auditAtBackup).toBeGreaterThan(0);
    expect(drill.audit[0].eventsChecked).toBeGreaterThanOrEqual(auditAtBackup);
    for (const table of ['patients', 'encounters', 'document_versions', 'signatures', 'diagnostic_reports', 'archives']) {
      expect([table, await count(target, table)]).toEqual([table, await count(system.databaseUrl, table)]);
    }

    // The restored system serves: sign in, and the archive downloads byte for byte as before.
    const api = await startApi({ databaseUrl: target, port: await postgres.freePort(), env: { ARCHIVE_DIR: restoredStore, LOGIN_RATE_LIMIT: '10000' } });
    try {
      const login = await fetch(`${api.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'records', password: 'Benhan@2026' }) });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const pdf = await fetch(`${api.baseUrl}/api/archives/${demo.id}/pdf?purpose=${encodeURIComponent('Diễn tập khôi phục')}`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(pdf.status).toBe(200);
      expect(createHash('sha256').update(Buffer.from(await pdf.arrayBuffer())).digest('hex')).toBe(demo.sha256);
    } finally {
      await api.stop();
    }
  });
});
