import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withDatabase } from './database-url';
import { quoteIdent, runMigrations } from './migrate';

/**
 * Fresh databases for tests (CONVENTIONS habit 7): migrate once into a template, then
 * `CREATE DATABASE … TEMPLATE` per test file (≈ 50 ms). `serverUrl` is a superuser URL.
 */
export async function createMigratedTemplate(serverUrl: string, name = uniqueName('benhan_tpl')): Promise<string> {
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  await runMigrations(withDatabase(serverUrl, name));
  return name;
}

export async function createDatabaseFromTemplate(serverUrl: string, template: string, name = uniqueName('benhan_test')): Promise<string> {
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`));
  return withDatabase(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

async function admin<T>(serverUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * For library tests run under tools/testing/jest-postgres.cjs: a new migrated database on the server the
 * global setup started or found (BENHAN_TEST_PG_SERVER), and how to drop it.
 */
export async function createMigratedTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = process.env['BENHAN_TEST_PG_SERVER'];
  if (!serverUrl) throw new Error('BENHAN_TEST_PG_SERVER is unset: run through the jest config (global setup)');
  const name = await createMigratedTemplate(serverUrl, uniqueName('benhan_lib'));
  return { url: withDatabase(serverUrl, name), drop: () => dropDatabase(serverUrl, name) };
}
