// What every end-to-end benchmark shares: the built API on a fresh demo database (DATABASE_URL's server, else a
// throwaway embedded PostgreSQL), a JSON caller that fails loudly, demo sign-in, percentiles, and clean-up.
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
