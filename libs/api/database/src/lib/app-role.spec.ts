import { Client } from 'pg';
import { ensureAppRole } from './app-role';

const SERVER = process.env['DATABASE_URL'];

/** Needs a PostgreSQL server where the URL's user may create roles (CI's, DATABASE_URL); skipped without one. */
(SERVER ? describe : describe.skip)('ensureAppRole', () => {
  it('sets the app role up from many processes at once: the losers of "tuple concurrently updated" try again', async () => {
    const urls = await Promise.all(Array.from({ length: 12 }, () => ensureAppRole(SERVER as string)));
    expect(new Set(urls).size).toBe(1);
    const app = new Client({ connectionString: urls[0] });
    await app.connect();
    try {
      const { rows } = await app.query<{ user: string; superuser: string }>(`SELECT current_user AS user, current_setting('is_superuser') AS superuser`);
      expect(rows[0]).toEqual({ user: 'benhan_app', superuser: 'off' });
    } finally {
      await app.end();
    }
  });
});
