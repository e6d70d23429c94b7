#!/usr/bin/env node
// `npm start`: build the API and the web client (when sources changed; Nx caches), then run the whole
// system on http://localhost:3000 with the embedded database (unless DATABASE_URL is set) and the
// demo hospital seeded once. Stop with Ctrl+C.
import { spawn, spawnSync } from 'node:child_process';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
console.log('Building the API and the web client (first time ≈ 1 minute)…');
const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--projects=api,web', '--output-style=static'], { stdio: 'inherit', env });
if (build.status !== 0) process.exit(build.status ?? 1);

const child = spawn(process.execPath, ['dist/apps/api/main.js'], {
  stdio: 'inherit',
  env: { DEMO_SEED: 'true', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
