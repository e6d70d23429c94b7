import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import type { ArchiveStore } from '@benhan/api/archive';

export const BACKUP_FORMAT = 'benhan-backup/1';
const DUMP_FILE = 'database.dump';

/** What a backup holds, written beside it as manifest.json: restore checks every hash before it touches anything. */
export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  database: { file: string; sha256: string; sizeBytes: number; serverVersion: string; lastMigration: string | null };
  /** Every archive file the database refers to (disposed ones excepted), as the store holds it. */
  archives: { id: string; storeKey: string; file: string; sha256: string; sizeBytes: number }[];
}

/**
 * Backs up the database and the archive store together (R17), consistent with each other: the archive list is read
 * in the very snapshot pg_dump dumps (an exported snapshot), and every archive file copied is re-hashed against the
 * SHA-256 the database recorded. The result is a directory: database.dump (pg_dump custom format), archive/<key>,
 * manifest.json and SHA256SUMS (for `sha256sum -c`). Secrets (PKI_KEY_SECRET, JWT_SECRET) are not in it: keep them
 * apart, as the backup is only as safe as where it is kept.
 */
export async function backup(ownerUrl: string, store: ArchiveStore, dir: string): Promise<BackupManifest> {
  if (existsSync(dir) && readdirSync(dir).length) throw new OperationError(`${dir} is not empty: back up into a new directory`);
  mkdirSync(join(dir, 'archive'), { recursive: true });
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  let manifest: BackupManifest;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const [{ snapshot }] = (await client.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot')).rows;
    const archives = (
      await client.query<{ id: string; store_key: string; sha256: string; size_bytes: string }>(
        `SELECT id, store_key, sha256, size_bytes FROM archives WHERE status <> 'disposed' ORDER BY archived_at, id`,
      )
    ).rows;
    const [{ server_version }] = (await client.query<{ server_version: string }>('SHOW server_version')).rows;
    const [last] = (await client.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY id DESC LIMIT 1')).rows;
    await run(pgTool('pg_dump'), ['--format=custom', `--snapshot=${snapshot}`, `--file=${join(dir, DUMP_FILE)}`, `--dbname=${ownerUrl}`]);
    await client.query('COMMIT');
    const dump = await hashFile(join(dir, DUMP_FILE));
    manifest = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      database: { file: DUMP_FILE, ...dump, serverVersion: server_version, lastMigration: last?.name ?? null },
      archives: [],
    };
    for (const a of archives) {
      const file = `archive/${a.store_key}`;
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      const copied = await copyHashing(await store.get(a.store_key), join(dir, file));
      if (copied.sha256 !== a.sha256) throw new OperationError(`archive ${a.id} (${a.store_key}) no longer matches its recorded SHA-256: run the fixity check`);
      manifest.archives.push({ id: a.id, storeKey: a.store_key, file, ...copied });
    }
  } finally {
    await client.end();
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  const sums = [`${manifest.database.sha256}  ${DUMP_FILE}`, ...manifest.archives.map((a) => `${a.sha256}  ${a.file}`)];
  writeFileSync(join(dir, 'SHA256SUMS'), sums.join('\n') + '\n');
  return manifest;
}

/** The backup's manifest, after checking that every file in it is there with its recorded SHA-256. */
export async function readVerifiedBackup(dir: string): Promise<BackupManifest> {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) throw new OperationError(`${dir} holds no manifest.json: not a Benhan backup`);
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) throw new OperationError(`${dir} is a backup of format ${String(manifest.format)}, not ${BACKUP_FORMAT}`);
  for (const { file, sha256 } of [manifest.database, ...manifest.archives]) {
    const full = join(dir, file);
    if (!existsSync(full)) throw new OperationError(`${file} is missing from the backup`);
    if ((await hashFile(full)).sha256 !== sha256) throw new OperationError(`${file} does not match its SHA-256 in the manifest: the backup is damaged`);
  }
  return manifest;
}

/**
 * Restores a verified backup's database into an empty database: the app role first (so the dump's grants to it
 * apply), then pg_restore in one transaction — it either restores everything or nothing.
 */
export async function restoreDatabase(dir: string, manifest: BackupManifest, ownerUrl: string): Promise<void> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const [{ tables }] = (await client.query<{ tables: string }>(`SELECT count(*) AS tables FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`)).rows;
    if (Number(tables) > 0) throw new OperationError('The target database is not empty: restore into a new, empty database');
  } finally {
    await client.end();
  }
  await run(pgTool('pg_restore'), ['--no-owner', '--single-transaction', '--exit-on-error', `--dbname=${ownerUrl}`, join(dir, manifest.database.file)]);
}

/** Puts the backup's archive files into the configured store (an identical file already there is fine). */
export async function restoreArchives(dir: string, manifest: BackupManifest, store: ArchiveStore): Promise<number> {
  let written = 0;
  for (const a of manifest.archives) {
    const existing = await store.hash(a.storeKey);
    if (existing) {
      if (existing.sha256 !== a.sha256) throw new OperationError(`${a.storeKey} is already in the store with other content`);
      continue;
    }
    const stored = await store.put(a.storeKey, readFileSync(join(dir, a.file)));
    if (stored.sha256 !== a.sha256) throw new OperationError(`${a.storeKey} was stored with another SHA-256`);
    written++;
  }
  return written;
}

/** A failure of backup, restore or the drill that the operator must read: printed as is, exit code 1. */
export class OperationError extends Error {
  override readonly name = 'OperationError';
}

/** PostgreSQL's own tools, from PG_BIN_DIR or the PATH; they must be of the server's major version or newer. */
function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  return process.env['PG_BIN_DIR'] ? join(process.env['PG_BIN_DIR'], name) : name;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new OperationError(`${command} was not found: install PostgreSQL's client tools (the server's major version or newer) or set PG_BIN_DIR`) : error),
    );
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new OperationError(`${command} failed (exit ${code}): ${stderr.trim()}`))));
  });
}

async function hashFile(path: string): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    sizeBytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}

async function copyHashing(source: NodeJS.ReadableStream, path: string): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      sizeBytes += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(source, tap, createWriteStream(path, { flags: 'wx' }));
  return { sha256: hash.digest('hex'), sizeBytes };
}
