// What every end-to-end benchmark shares: the built API on a fresh demo database (DATABASE_URL's server, else a
// throwaway embedded PostgreSQL), a JSON caller that fails loudly, demo sign-in, percentiles, and clean-up; the
// result line tools/bench/run.mjs collects, and the bare servers the baselines are measured against.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApi } from '../testing/api-process.cjs';
import { createDatabase, dropDatabase, freePort, startTestServer, uniqueName } from '../testing/postgres.cjs';

export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Starts the demo system, runs `body({ api, url, call, login })`, and always stops and drops everything. */
export async function withDemoApi(body, env = {}) {
  const server = await startTestServer();
  const name = uniqueName('benhan_bench');
  const url = await createDatabase(server.serverUrl, name);
  const api = await startApi({ databaseUrl: url, port: await freePort(), env: { DEMO_SEED: 'true', LOGIN_RATE_LIMIT: '100000', ...env }, timeoutMs: 180_000 });
  const call = async (method, path, token, json) => {
    const res = await fetch(`${api.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: json ? JSON.stringify(json) : undefined,
    });
    const parsed = await res.json();
    if (res.status >= 300) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(parsed)}`);
    return parsed;
  };
  const login = async (username) => (await call('POST', '/api/auth/login', null, { username, password: 'Benhan@2026' })).accessToken;
  try {
    return await body({ api, url, call, login });
  } finally {
    await api.stop();
    await dropDatabase(server.serverUrl, name).catch(() => undefined);
    await server.stop();
  }
}

/** Median, p95 (ms) and per second of a list of per-operation times; per second from `wallMs` when the operations overlapped, else from their sum. */
export function summarize(times, wallMs = null) {
  const sorted = [...times].sort((a, b) => a - b);
  const total = wallMs ?? sorted.reduce((a, b) => a + b, 0);
  return { median_ms: percentile(sorted, 50), p95_ms: percentile(sorted, 95), throughput_per_s: (sorted.length / total) * 1000 };
}

/**
 * Prints one machine-readable line `BENCH_RESULT {json}` that tools/bench/run.mjs collects (a script may print several,
 * one per scenario). `metrics` and `baseline` are summaries ({ median_ms, p95_ms, throughput_per_s }, any may be null);
 * ratio = the baseline's throughput ÷ the scenario's (how many times the baseline's cost), else median ÷ median;
 * `target` is { metric, op: '>=' | '<=', value, text }.
 */
export function emitResult({ scenario, title, unit, metrics, baseline = null, target = null, sizes = {}, notes = null }) {
  const m = metrics;
  const b = baseline;
  const ratio = !b ? null : m.throughput_per_s && b.throughput_per_s ? b.throughput_per_s / m.throughput_per_s : m.median_ms && b.median_ms ? m.median_ms / b.median_ms : null;
  const value = target ? m[target.metric] : null;
  const met = !target || value == null ? null : target.op === '>=' ? value >= target.value : value <= target.value;
  console.log(`BENCH_RESULT ${JSON.stringify({ scenario, title, unit, metrics, baseline, ratio, target, met, sizes, notes })}`);
}

/** A bare server in its own process (tools/bench/bare-server.mjs): `http` answers a fixed JSON of `bytes` bytes, `mllp` a fixed ACK per frame. */
export async function startBareServer(kind, bytes = 0) {
  const child = spawn(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'bare-server.mjs'), kind, String(bytes)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`bare ${kind} server exited with ${code}`)));
  });
  return { port, stop: () => new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', resolve), child.kill()))) };
}
