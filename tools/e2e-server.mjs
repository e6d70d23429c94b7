#!/usr/bin/env node
// The system for the browser tests: the built API serving the built web client on a fresh database
// with the demo seed, its HL7 v2 outbox pointed at the LIS and PACS simulators (results come back by
// themselves). Stops (and drops its database) on SIGINT/SIGTERM. Ports: E2E_PORT or 3100 (HTTP),
// E2E_MLLP_PORT or 3102 (Benhan's MLLP listener).
import { createRequire } from 'node:module';
import { assertApiBuilt, startApi } from './testing/api-process.cjs';
import { createDatabase, dropDatabase, dropStaleDatabases, startTestServer, uniqueName } from './testing/postgres.cjs';

const { startDemoSimulators } = createRequire(import.meta.url)('./hl7-sim/demo.cjs');

assertApiBuilt();
const port = Number(process.env.E2E_PORT ?? 3100);
const server = await startTestServer();
await dropStaleDatabases(server.serverUrl, 'benhan_web_e2e');
const name = uniqueName('benhan_web_e2e');
const databaseUrl = await createDatabase(server.serverUrl, name);
const mllpPort = Number(process.env.E2E_MLLP_PORT ?? 3102);
// Three lab values in four out of range: a blood count of 7 tests then comes back with no abnormal value once in
// ~16,000 runs (instead of one in five at the simulator's default 0.2), so the journey test can count on a flagged value.
const simulators = await startDemoSimulators({ benhanPort: mllpPort, resultDelayMs: 2000, abnormalRate: 0.75 });
const api = await startApi({
  databaseUrl,
  port,
  env: {
    DEMO_SEED: 'true',
    LOG_LEVEL: 'warn',
    WEB_ORIGIN: `http://127.0.0.1:${port}`,
    LOGIN_RATE_LIMIT: '1000',
    MLLP_PORT: String(mllpPort),
    HL7_RETRY_BASE_MS: '500',
    ...simulators.env,
  },
  timeoutMs: 120_000,
});
console.log(`Benhan e2e system at ${api.baseUrl} (database ${name})`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await api.stop();
  await simulators.close();
  await dropDatabase(server.serverUrl, name).catch(() => undefined);
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
