// Once per run: reach (or start) PostgreSQL, build a template database with migrations and the demo
// seed by running the built API on it once; every test file then clones the template (≈ 50 ms).
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { startApi } = require('../../../../tools/testing/api-process.cjs');
const { createDatabase, dropStaleDatabases, freePort, startTestServer, uniqueName } = require('../../../../tools/testing/postgres.cjs');

module.exports = async function globalSetup() {
  // The demo seed archives a stay: its file goes to a throwaway store every test system shares (read-only use).
  process.env.ARCHIVE_DIR = mkdtempSync(join(tmpdir(), 'benhan-e2e-archive-'));
  const server = await startTestServer();
  await dropStaleDatabases(server.serverUrl, 'benhan_e2e');
  const template = uniqueName('benhan_e2e_tpl');
  const url = await createDatabase(server.serverUrl, template);
  const api = await startApi({ databaseUrl: url, port: await freePort(), env: { DEMO_SEED: 'true' }, timeoutMs: 120_000 });
  await api.stop();
  globalThis.__BENHAN_PG__ = { server, template, archiveDir: process.env.ARCHIVE_DIR };
  process.env.BENHAN_TEST_PG_SERVER = server.serverUrl;
  process.env.BENHAN_TEST_TEMPLATE = template;
};
