import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TokenResponse } from '@benhan/shared/contracts';

/* eslint-disable @nx/enforce-module-boundaries -- the process helpers in tools/testing are plain CommonJS shared with the browser tests' server, not a library. */
const { startApi } = require('../../../../tools/testing/api-process.cjs') as {
  startApi(options: { databaseUrl: string; port: number; env?: Record<string, string>; timeoutMs?: number; logFile?: string | null }): Promise<ApiProcess>;
};
const postgres = require('../../../../tools/testing/postgres.cjs') as {
  createDatabase(serverUrl: string, name: string, template?: string): Promise<string>;
  dropDatabase(serverUrl: string, name: string): Promise<void>;
  freePort(): Promise<number>;
  uniqueName(prefix: string): string;
  query(url: string, sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
};
/* eslint-enable @nx/enforce-module-boundaries */

export const DEMO_PASSWORD = 'Benhan@2026';
export const DEMO_USERNAMES = ['admin', 'doctor', 'headdoctor', 'nurse', 'records', 'director', 'inspector'] as const;

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

interface ApiProcess {
  baseUrl: string;
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  output(): string;
}

/** The built API running on its own fresh copy of the seeded template database. */
export class TestSystem {
  private constructor(
    private api: ApiProcess,
    readonly databaseUrl: string,
    private readonly databaseName: string,
    private readonly env: Record<string, string>,
    private readonly logFile: string | null,
  ) {}

  get baseUrl(): string {
    return this.api.baseUrl;
  }

  /**
   * Start on a copy of the seeded template, or on an empty database (`empty: true`: first start). `keepLog`: keep the
   * API's whole output, across restarts, for `fullLog()`.
   */
  static async start(env: Record<string, string> = {}, { empty = false, keepLog = false } = {}): Promise<TestSystem> {
    const server = required('BENHAN_TEST_PG_SERVER');
    const name = postgres.uniqueName('benhan_e2e_db');
    const databaseUrl = await postgres.createDatabase(server, name, empty ? undefined : required('BENHAN_TEST_TEMPLATE'));
    // E2E_API_LOG=<file> keeps the API's output (appended) for a failing run.
    const logFile = keepLog ? join(mkdtempSync(join(tmpdir(), 'benhan-log-')), 'api.log') : (process.env['E2E_API_LOG'] ?? null);
    const apiEnv = { LOGIN_RATE_LIMIT: '10000', ...env };
    const api = await startApi({ databaseUrl, port: await postgres.freePort(), env: apiEnv, logFile });
    return new TestSystem(api, databaseUrl, name, apiEnv, logFile);
  }

  /** Stop the API (`kill`: SIGKILL, dying mid-work as in a crash) and start it again on the same database and settings. */
  async restart({ kill = false } = {}): Promise<void> {
    await this.api.stop(kill ? 'SIGKILL' : 'SIGTERM');
    this.api = await startApi({ databaseUrl: this.databaseUrl, port: await postgres.freePort(), env: this.env, logFile: this.logFile });
  }

  /** Everything the API wrote since `start` (with `keepLog`), up to its last stop or restart. */
  fullLog(): string {
    if (!this.logFile) throw new Error('start the system with keepLog to read its whole output');
    return readFileSync(this.logFile, 'utf8');
  }

  /** The API's recent output (stdout and stderr), for a failing assertion's message. */
  output(): string {
    return this.api.output();
  }

  async stop(): Promise<void> {
    await this.api.stop();
    await postgres.dropDatabase(required('BENHAN_TEST_PG_SERVER'), this.databaseName);
    if (this.logFile && this.logFile !== process.env['E2E_API_LOG']) rmSync(dirname(this.logFile), { recursive: true, force: true });
  }

  /** Read the database directly, as an inspector with psql would (assertions only; never to arrange state). */
  async sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    return (await postgres.query(this.databaseUrl, text, params)).rows as T[];
  }

  async request<T = unknown>(method: string, path: string, options: { token?: string; json?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined;
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    if (options.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    }
    const res = await fetch(this.baseUrl + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** The exact bytes of a response (signatures, CRLs, canonical JSON), with its status and headers. */
  async download(path: string, token?: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
    const res = await fetch(this.baseUrl + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
  }

  login(username: string, password = DEMO_PASSWORD): Promise<HttpResult<TokenResponse>> {
    return this.request<TokenResponse>('POST', '/api/auth/login', { json: { username, password } });
  }

  async token(username: string, password = DEMO_PASSWORD): Promise<string> {
    const res = await this.login(username, password);
    if (res.status !== 200) throw new Error(`login ${username} gave ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.accessToken;
  }
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the api-e2e tests through their jest config (global setup)`);
  return value;
}
