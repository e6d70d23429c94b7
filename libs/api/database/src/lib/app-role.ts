import { createHmac } from 'node:crypto';
import { Client } from 'pg';
import { APP_ROLE } from './migrations/1795800010000-AuditTrail';

/**
 * The URL the API serves with: the schema owner's (DATABASE_URL) runs migrations, the API then connects as
 * `benhan_app`, which owns nothing and is no superuser — so it cannot disable the append-only triggers or
 * set session_replication_role, whatever SQL it is tricked into running (R8, R11).
 *
 * The role's password is derived from the owner's (HMAC), so every API process of one installation agrees
 * on it without another secret to configure; the owner sets it at start-up. An installation whose owner may
 * not manage roles creates the role itself and gives its URL in DATABASE_APP_URL.
 */
export async function ensureAppRole(ownerUrl: string): Promise<string> {
  const owner = new URL(ownerUrl);
  const password = createHmac('sha256', decodeURIComponent(owner.password))
    .update(`benhan database role ${APP_ROLE} @ ${owner.hostname}:${owner.port || 5432}`)
    .digest('base64url');
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await withConcurrentRetry(() => setUpRole(client, password));
  } catch (error) {
    throw new Error(
      `Could not set up the database role ${APP_ROLE} as ${owner.username} (${(error as Error).message}). ` +
        `Create a LOGIN role that does not own the tables and give its URL in DATABASE_APP_URL.`,
    );
  } finally {
    await client.end();
  }
  const app = new URL(ownerUrl);
  app.username = APP_ROLE;
  app.password = password;
  return app.toString();
}

/**
 * Roles are the server's, not a database's: several processes starting at once on one server (API processes, the test
 * suites' APIs on their own databases) update the same pg_authid row, and PostgreSQL refuses the loser with "tuple
 * concurrently updated". The statements are idempotent, so the loser tries again.
 */
async function withConcurrentRetry(work: () => Promise<void>, attempts = 6): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !/tuple concurrently (updated|deleted)/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 * attempt + Math.floor(Math.random() * 50)));
    }
  }
}

async function setUpRole(client: Client, password: string): Promise<void> {
  await client.query(`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
        CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
  // Idempotent: every process of the installation sets the same password.
  await client.query(`ALTER ROLE ${APP_ROLE} WITH LOGIN NOSUPERUSER PASSWORD '${password}'`);
}
