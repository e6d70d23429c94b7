import { ARCHIVE_STORE, FixityService, type ArchiveStore } from '@benhan/api/archive';
import { IntegrityService } from '@benhan/api/inspection';
import { MllpListener, OutboxSender } from '@benhan/api/interop-hl7v2';
import { ensureAppRole, ensureDatabase, redactUrl, runMigrations, startEmbeddedPostgres, withDatabase, type RunningPostgres } from '@benhan/api/database';
import type { Server } from 'node:http';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { createApp } from './app/create-app';
import { ConfigError, loadConfig, type AppConfig } from './config/env.schema';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/demo-hospital';
import { backup, OperationError, readVerifiedBackup, restoreArchives, restoreDatabase, type BackupManifest } from './operations/backup';
import { drill } from './operations/drill';

/**
 * `node main.js`          start the API (and the web client, if built) on PORT
 * `node main.js migrate`  apply pending migrations and exit
 * `node main.js fixity`   re-hash every stored archive, print the report, exit 1 if any is missing or changed
 * `node main.js audit-verify`  verify every facility's audit chain from genesis, print the reports, exit 1 if BROKEN
 * `node main.js backup <dir>`   back up the database and the archive store together into a new directory (R17)
 * `node main.js restore <dir>`  restore a backup into an empty database and the configured store, then run the drill
 * `node main.js verify`         the restore drill on this system: every signature, archive hash and audit chain
 */
async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(error.message + '\n');
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  // Start-up lines are structured JSON like the request logs that follow.
  const logger = pino({ level: config.logLevel, base: { context: 'Benhan' } });

  const { url, embedded } = await resolveDatabase(config, logger);
  const command = process.argv[2];
  const restoring = command === 'restore' ? await startRestore(process.argv[3], url) : null;
  const applied = await runMigrations(url);
  if (applied.length) logger.info({ migrations: applied }, 'Applied migrations');
  if (process.argv[2] === 'migrate') {
    await embedded?.stop();
    return;
  }

  // Migrations ran as the schema owner; the API serves as a role that owns nothing (R8, R11).
  const appUrl = config.databaseAppUrl ?? (await ensureAppRole(url));
  const app = await createApp(config, appUrl);
  if (command === 'backup' || command === 'restore' || command === 'verify') {
    await app.init();
    try {
      if (command === 'backup') {
        const manifest = await backup(url, app.get<ArchiveStore>(ARCHIVE_STORE), requiredDir(process.argv[3]));
        process.stdout.write(JSON.stringify({ backup: process.argv[3], createdAt: manifest.createdAt, database: manifest.database, archives: manifest.archives.length }, null, 2) + '\n');
      } else {
        const restored = restoring ? { archivesWritten: await restoreArchives(restoring.dir, restoring.manifest, app.get<ArchiveStore>(ARCHIVE_STORE)) } : {};
        const report = await drill(app);
        process.stdout.write(JSON.stringify({ ...restored, ...report }, null, 2) + '\n');
        process.exitCode = report.ok ? 0 : 1;
      }
    } catch (error) {
      if (!(error instanceof OperationError)) throw error;
      process.stderr.write(`${command} failed: ${error.message}\n`);
      process.exitCode = 1;
    } finally {
      await app.close();
      await embedded?.stop();
    }
    return;
  }
  if (process.argv[2] === 'fixity') {
    await app.init();
    const runs = await app.get(FixityService).runScheduled('command');
    process.stdout.write(JSON.stringify(runs, null, 2) + '\n');
    await app.close();
    await embedded?.stop();
    process.exitCode = runs.some((r) => r.problems.length) ? 1 : 0;
    return;
  }
  if (process.argv[2] === 'audit-verify') {
    await app.init();
    const reports = await app.get(IntegrityService).runScheduled();
    process.stdout.write(JSON.stringify(reports, null, 2) + '\n');
    await app.close();
    await embedded?.stop();
    process.exitCode = reports.length && reports.every((r) => r.status === 'OK') ? 0 : 1;
    return;
  }
  // Idle keep-alive sockets outlive the clients' and proxies' own idle timeouts (60 s is the usual proxy default):
  // Node's 5 s closed sockets a client was just reusing, which it sees as "other side closed".
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = `http://localhost:${port}`;
  // HL7 v2 from the LIS and PACS; app.close() (SIGTERM) stops it. MLLP_PORT=0 takes a free port, logged here.
  const mllp = await app.get(MllpListener).start();
  // Orders and movements to the LIS and PACS: the outbox's senders, one per configured destination.
  app.get(OutboxSender).start();
  logger.info({ url: base, mllp: `${mllp.address}:${mllp.port}`, database: embedded ? 'embedded' : redactUrl(url) }, 'Benhan is running');
  // For the person who typed `npm start`: plain text, not a log line.
  const banner = [
    '',
    `  Benhan is running at ${base}   (API docs: ${base}/api/docs)`,
    `  Database: ${embedded ? `embedded PostgreSQL, data in ${join(config.dataDir, 'pg')}` : redactUrl(url)}`,
    ...(config.demoSeed ? [`  Demo sign-ins, password ${DEMO_PASSWORD}: ${DEMO_USERS.map((u) => u.username).join(', ')}`] : []),
    '',
  ];
  // After the start-up log lines have drained, so it is the last thing on screen.
  if (process.stdout.isTTY || config.demoSeed) setTimeout(() => process.stdout.write(banner.join('\n') + '\n'), 300).unref();
  if (embedded) app.getHttpServer().on('close', () => void embedded.stop());
}

function requiredDir(dir: string | undefined): string {
  if (!dir) throw new OperationError('Name the backup directory: node main.js backup|restore <dir>');
  return dir;
}

/** Before migrations: check the whole backup, then restore its database into the (empty) target. */
async function startRestore(dir: string | undefined, url: string): Promise<{ dir: string; manifest: BackupManifest }> {
  const from = requiredDir(dir);
  const manifest = await readVerifiedBackup(from);
  // The app role first: the dump grants it its rights.
  await ensureAppRole(url);
  await restoreDatabase(from, manifest, url);
  return { dir: from, manifest };
}

async function resolveDatabase(config: AppConfig, logger: Logger): Promise<{ url: string; embedded: RunningPostgres | null }> {
  if (config.databaseUrl) {
    await ensureDatabase(config.databaseUrl);
    return { url: config.databaseUrl, embedded: null };
  }
  const started = Date.now();
  const embedded = await startEmbeddedPostgres({ dataDir: join(config.dataDir, 'pg'), port: config.embeddedPgPort });
  const url = withDatabase(embedded.url, 'benhan');
  await ensureDatabase(url);
  logger.info({ port: config.embeddedPgPort, ms: Date.now() - started }, 'Embedded PostgreSQL ready');
  return { url, embedded };
}

main().catch((error: unknown) => {
  if (error instanceof OperationError) {
    process.stderr.write(`${process.argv[2]} failed: ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`Benhan failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
