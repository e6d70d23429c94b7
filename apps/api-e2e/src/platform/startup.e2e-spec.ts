import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { TestSystem } from '../support/system';

const MAIN = join(__dirname, '../../../../dist/apps/api/main.js');

describe('start-up: configuration, first start, demo seed', () => {
  it('refuses to start on bad configuration, naming each bad variable', () => {
    const run = spawnSync(process.execPath, [MAIN], {
      env: { PATH: process.env['PATH'], PORT: 'abc', LOGIN_MAX_FAILURES: '0', DATABASE_URL: 'mysql://db/x' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(78);
    expect(run.stderr).toContain('PORT must be an integer');
    expect(run.stderr).toContain('LOGIN_MAX_FAILURES');
    expect(run.stderr).toContain('DATABASE_URL must be a URL');
  });

  it('refuses the demo seed in production', () => {
    const run = spawnSync(process.execPath, [MAIN], {
      env: { PATH: process.env['PATH'], NODE_ENV: 'production', DEMO_SEED: 'true', JWT_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://db/x' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(78);
    expect(run.stderr).toContain('DEMO_SEED must not be true when NODE_ENV=production');
  });

  describe('a real installation on an empty database', () => {
    let system: TestSystem;
    beforeAll(async () => (system = await TestSystem.start({ ADMIN_INITIAL_PASSWORD: 'First-admin-2026', FACILITY_CODE: '79123', FACILITY_NAME: 'Bệnh viện Quận 1' }, { empty: true })));
    afterAll(() => system?.stop());

    it('migrates, creates the facility and the first administrator, and no demo data', async () => {
      const login = await system.login('admin', 'First-admin-2026');
      expect(login.status).toBe(200);
      expect(login.body.user.facility).toEqual(expect.objectContaining({ code: '79123', name: 'Bệnh viện Quận 1' }));
      expect(await system.sql(`SELECT username FROM users`)).toEqual([{ username: 'admin' }]);
      expect(await system.sql(`SELECT count(*)::int AS n FROM patients`)).toEqual([{ n: 0 }]);
      const migrations = await system.sql<{ name: string }>(`SELECT name FROM schema_migrations ORDER BY id`);
      expect(migrations.length).toBeGreaterThanOrEqual(3);
    });
  });

  describe('the demo seed', () => {
    let system: TestSystem;
    beforeAll(async () => (system = await TestSystem.start({ DEMO_SEED: 'true' })));
    afterAll(() => system?.stop());

    it('seeds once: starting again on a seeded database adds nothing', async () => {
      const counts = await system.sql(`SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM patients)::int AS patients, (SELECT count(*) FROM facilities)::int AS facilities`);
      expect(counts).toEqual([{ users: 7, patients: 13, facilities: 1 }]);
    });

    it('gives twelve demo patients an open stay in a bed of a clinical department, and one a finished, archived stay', async () => {
      const rows = await system.sql(`SELECT status, count(*)::int AS n FROM encounters WHERE bed_id IS NOT NULL OR status = 'finished' GROUP BY status ORDER BY status`);
      expect(rows).toEqual([
        { status: 'finished', n: 1 },
        { status: 'in_progress', n: 12 },
      ]);
      const attended = await system.sql(
        `SELECT u.username, count(*)::int AS n FROM encounters e JOIN users u ON u.id = e.attending_doctor_id GROUP BY u.username`,
      );
      expect(attended).toEqual([{ username: 'doctor', n: 7 }]);
      expect(await system.sql(`SELECT generation, status FROM archives`)).toEqual([{ generation: 1, status: 'stored' }]);
    });
  });
});
