#!/usr/bin/env node
// `npm start`: build the API and the web client (when sources changed; Nx caches), then run the whole
// system on http://localhost:3000 with the embedded database (unless DATABASE_URL is set), the
// demo hospital seeded once, and a simulated LIS and PACS (tools/lis-sim, tools/pacs-sim) that
// answer the doctors' orders with results over HL7 v2 (DEMO_SIMULATORS=false: without them;
// HL7_LIS_ADDRESS/HL7_PACS_ADDRESS set: the real ones). Stop with Ctrl+C.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
console.log('Building the API and the web client (first time ≈ 1 minute)…');
const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--projects=api,web', '--output-style=static'], { stdio: 'inherit', env });
if (build.status !== 0) process.exit(build.status ?? 1);

let simulators = null;
const wantSimulators = process.env.DEMO_SIMULATORS !== 'false' && !process.env.HL7_LIS_ADDRESS && !process.env.HL7_PACS_ADDRESS;
if (wantSimulators) {
  const { startDemoSimulators } = createRequire(import.meta.url)('./hl7-sim/demo.cjs');
  simulators = await startDemoSimulators({ benhanPort: Number(process.env.MLLP_PORT || 2575), log: (line) => console.log(line) });
  console.log(`Simulated LIS on MLLP port ${simulators.lis.port} and PACS on ${simulators.pacs.port}: orders get results in a few seconds.`);
}

const child = spawn(process.execPath, ['dist/apps/api/main.js'], {
  stdio: 'inherit',
  env: { DEMO_SEED: 'true', ...process.env, ...(simulators?.env ?? {}) },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', async (code) => {
  await simulators?.close();
  process.exit(code ?? 0);
});
