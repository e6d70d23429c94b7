#!/usr/bin/env node
// `npm test`: every test, in order of cost — unit tests of every project, the API's black-box suite
// (real HTTP, real PostgreSQL: DATABASE_URL, else an embedded server), then the browser tests in
// Debian's Chromium. No Chromium: said loudly and skipped, unless REQUIRE_BROWSER=1 (CI), then a failure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
const results = [];

function step(name, args) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const { status } = spawnSync('npx', ['nx', ...args, '--output-style=static'], { stdio: 'inherit', env });
  results.push({ name, ok: status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}

console.log(process.env.DATABASE_URL ? 'Database: the server at DATABASE_URL' : 'Database: embedded PostgreSQL (DATABASE_URL is unset)');
step('unit tests', ['run-many', '-t', 'test', '--exclude=api-e2e,web-e2e']);
step('API end-to-end tests', ['run', 'api-e2e:e2e']);
if (existsSync(chrome)) {
  step('browser tests', ['run', 'web-e2e:e2e']);
} else {
  const message = `NO CHROMIUM AT ${chrome}: the browser tests did NOT run. Install it (apt-get install chromium) or set CHROME_PATH.`;
  console.error(`\n${'!'.repeat(message.length)}\n${message}\n${'!'.repeat(message.length)}`);
  results.push({ name: 'browser tests', ok: process.env.REQUIRE_BROWSER !== '1', seconds: 0, skipped: true });
}

console.log('\n=== summary ===');
for (const r of results) console.log(`${r.ok ? (r.skipped ? 'SKIP' : 'PASS') : 'FAIL'}  ${r.name}  (${r.seconds}s)`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
