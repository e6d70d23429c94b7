import type { Department, IntegrityReport, ProblemDetails } from '@benhan/shared/contracts';
import { TestSystem } from '../support/system';

/* eslint-disable @nx/enforce-module-boundaries -- plain CommonJS test helpers shared with the other suites, not a library. */
const postgres = require('../../../../tools/testing/postgres.cjs') as { query(url: string, sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };
/* eslint-enable @nx/enforce-module-boundaries */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The database goes away under load (as in a restart or a failover: every connection cut, none accepted) and comes
 * back. The API stays up, says it is not ready, answers 503 with Retry-After meanwhile (never hangs, never 500),
 * recovers by itself, and no request in flight is half-applied: every user created is there with its audit event,
 * and the audit chain verifies. Played on this suite's own database only (ALLOW_CONNECTIONS), not the whole server.
 */
describe('database outage under load', () => {
  let system: TestSystem;
  const server = process.env['BENHAN_TEST_PG_SERVER'] ?? '';

  beforeAll(async () => {
    system = await TestSystem.start();
  });
  afterAll(async () => {
    await postgres.query(server, `ALTER DATABASE ${databaseName()} ALLOW_CONNECTIONS true`).catch(() => undefined);
    await system?.stop();
  });

  const databaseName = () => `"${decodeURIComponent(new URL(system.databaseUrl).pathname.slice(1))}"`;

  it('answers 503 while the database is gone, recovers by itself, and leaves nothing half-written', async () => {
    const admin = await system.token('admin');
    const departments = (await system.request<Department[]>('GET', '/api/departments', { token: admin })).body;
    const noi = departments.find((d) => d.code === 'NOI')?.id ?? '';
    const prefix = `dbo${Date.now().toString(36)}`;
    const created: string[] = [];
    const statuses: number[] = [];
    let sawRetryAfter = false;
    let running = true;
    let n = 0;

    const worker = async () => {
      while (running) {
        const username = `${prefix}.${++n}`;
        const started = Date.now();
        const res = await fetch(`${system.baseUrl}/api/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
          body: JSON.stringify({ username, fullName: 'Điều dưỡng Thử', password: 'Dieu-duong-2026', roles: ['nurse'], departments: [{ departmentId: noi, isHead: false }] }),
          signal: AbortSignal.timeout(20_000),
        });
        statuses.push(res.status);
        expect(Date.now() - started).toBeLessThan(20_000);
        if (res.status === 201) created.push(username);
        else {
          const problem = (await res.json()) as ProblemDetails;
          expect([res.status, problem.type]).toEqual([503, expect.stringContaining('database_unavailable')]);
          if (res.headers.get('retry-after')) sawRetryAfter = true;
          await sleep(100);
        }
      }
    };
    const ready = async () => (await fetch(`${system.baseUrl}/health/ready`)).status;
    const waitFor = async (status: number) => {
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(100)) if ((await ready()) === status) return;
      throw new Error(`/health/ready never answered ${status}`);
    };

    const workers = [worker(), worker(), worker()];
    await sleep(1500);
    const before = created.length;
    // The outage: no new connection to this database, and every open one cut.
    await postgres.query(server, `ALTER DATABASE ${databaseName()} ALLOW_CONNECTIONS false`);
    await postgres.query(server, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [databaseName().slice(1, -1)]);
    await waitFor(503);
    expect((await fetch(`${system.baseUrl}/health/live`)).status).toBe(200);
    await sleep(2000);
    await postgres.query(server, `ALTER DATABASE ${databaseName()} ALLOW_CONNECTIONS true`);
    await waitFor(200);
    const recoveredAt = created.length;
    await sleep(1500);
    running = false;
    await Promise.all(workers);

    expect(before).toBeGreaterThan(0);
    expect(statuses).toContain(503);
    expect(sawRetryAfter).toBe(true);
    expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    expect(created.length).toBeGreaterThan(recoveredAt);

    // Whole or nothing: each user created during the run exactly when its audit event is there; every 201 is there.
    const rows = await system.sql<{ username: string; events: number }>(
      `SELECT u.username, (SELECT count(*)::int FROM audit_events e WHERE e.action = 'user_created' AND e.detail->>'username' = u.username) AS events
         FROM users u WHERE u.username LIKE $1`,
      [`${prefix}.%`],
    );
    expect(rows.map((r) => r.username).sort()).toEqual(expect.arrayContaining([...created].sort()));
    expect(rows.filter((r) => r.events !== 1)).toEqual([]);
    const inspector = await system.token('inspector');
    const chain = await system.request<IntegrityReport>('GET', '/api/audit/integrity?from=genesis', { token: inspector });
    expect([chain.body.status, chain.body.failure]).toEqual(['OK', null]);
  });
});
