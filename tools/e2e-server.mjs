#!/usr/bin/env node
// The system for the browser tests: the built API serving the built web client on a fresh database
// with the demo seed. Stops (and drops its database) on SIGINT/SIGTERM. Port: E2E_PORT or 3100.
import { assertApiBuilt, startApi } from './testing/api-process.cjs';
import { createDatabase, dropDatabase, dropStaleDatabases, startTestServer, uniqueName } from './testing/postgres.cjs';

assertApiBuilt();
const port = Number(process.env.E2E_PORT ?? 3100);
const server = await startTestServer();
await dropStaleDatabases(server.serverUrl, 'benhan_web_e2e');
const name = uniqueName('benhan_web_e2e');
const databaseUrl = await createDatabase(server.serverUrl, name);
const api = await startApi({
  databaseUrl,
  port,
  env: { DEMO_SEED: 'true', LOG_LEVEL: 'warn', WEB_ORIGIN: `http://127.0.0.1:${port}`, LOGIN_RATE_LIMIT: '1000' },
  timeoutMs: 120_000,
});
console.log(`Benhan e2e system at ${api.baseUrl} (database ${name})`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await api.stop();
  await dropDatabase(server.serverUrl, name).catch(() => undefined);
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
