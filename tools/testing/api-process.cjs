// Runs the built API (dist/apps/api/main.js) as a child process, the way it runs in production.
'use strict';
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { createWriteStream, existsSync } = require('node:fs');
const { join } = require('node:path');

const API_MAIN = join(__dirname, '../../dist/apps/api/main.js');

function assertApiBuilt() {
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run "npx nx build api" first`);
}

/** Run `main.js migrate` against a database and wait for it to finish. */
function migrate(databaseUrl, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [API_MAIN, 'migrate'], { env: { ...process.env, NODE_ENV: 'test', JWT_SECRET: randomBytes(32).toString('hex'), ...env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`migrate exited ${code}: ${err}`))));
  });
}

/** Start the API and resolve once /health/ready answers 200. */
async function startApi({ databaseUrl, port, env = {}, logFile = null, timeoutMs = 60_000 }) {
  const child = spawn(process.execPath, [API_MAIN], {
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', JWT_SECRET: randomBytes(32).toString('hex'), ...env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const sink = logFile ? createWriteStream(logFile, { flags: 'a' }) : null;
  const collect = (d) => {
    output = (output + d).slice(-20_000);
    sink?.write(d);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = null;
  child.on('exit', (code) => (exited = code));

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`API exited with ${exited} before it was ready:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/health/ready`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  if (Date.now() >= deadline) {
    child.kill('SIGKILL');
    throw new Error(`API not ready within ${timeoutMs} ms:\n${output}`);
  }
  return {
    baseUrl,
    output: () => output,
    // SIGTERM: a graceful stop (SIGKILL after 5 s); SIGKILL: the process dies where it is, as in a crash or an OOM kill.
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (exited !== null) return resolve();
        // 'close': its output is all read; resolved once the log file has it.
        child.once('close', () => (sink ? sink.end(resolve) : resolve()));
        child.kill(signal);
        if (signal !== 'SIGKILL') setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

module.exports = { API_MAIN, assertApiBuilt, migrate, startApi };
