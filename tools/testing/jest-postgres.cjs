// Jest globalSetup/globalTeardown for library tests that need a real PostgreSQL: reach the server at
// DATABASE_URL or start a throwaway embedded one, and hand its superuser URL to the test files in
// BENHAN_TEST_PG_SERVER. Each test file creates (and drops) its own database.
const { startTestServer } = require('./postgres.cjs');

async function setup() {
  const server = await startTestServer();
  globalThis.__BENHAN_LIB_PG__ = server;
  process.env.BENHAN_TEST_PG_SERVER = server.serverUrl;
}

async function teardown() {
  await globalThis.__BENHAN_LIB_PG__?.stop();
}

module.exports = { setup, teardown };
