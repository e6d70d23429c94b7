import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ArchiveOptions } from '@benhan/api/archive';
import type { IdentityOptions } from '@benhan/api/identity';
import type { InspectionOptions } from '@benhan/api/inspection';
import type { Hl7DestinationOptions, Hl7v2Options } from '@benhan/api/interop-hl7v2';
import type { SignaturesOptions } from '@benhan/api/signatures';

/**
 * The one place for configuration (CONVENTIONS "one way to do each thing"). Every variable is listed
 * in `.env.example` with its default; a bad value stops the start with a message naming the variable.
 */
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Unset: embedded PostgreSQL under `<dataDir>/pg`. */
  databaseUrl: string | null;
  /** The API's own, non-owner role; unset: Benhan manages `benhan_app` with the owner's rights. */
  databaseAppUrl: string | null;
  dataDir: string;
  embeddedPgPort: number;
  webOrigins: string[];
  webDistDir: string;
  trustProxy: boolean;
  /** Every SQL statement to the log (diagnosis, and the test that clinical queries name facility_id). */
  databaseLogQueries: boolean;
  /** The largest JSON or form body the API reads, in bytes (FHIR resources have their own 5 MB). */
  bodyLimitBytes: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  demoSeed: boolean;
  /** Tests only (NODE_ENV=test): run the clock this many days ahead, to see what happens when retention runs out. */
  testClockOffsetDays: number;
  facility: { code: string; name: string };
  initialAdminPassword: string | null;
  identity: IdentityOptions;
  signatures: SignaturesOptions;
  archive: ArchiveOptions;
  audit: InspectionOptions;
  /**
   * HL7 v2: the MLLP listener (MLLP_HOST, MLLP_PORT, MLLP_TLS_*), the PACS viewer link of an imaging report (PACS_VIEWER_URL),
   * the destinations orders and ADT go to (HL7_LIS_*, HL7_PACS_*) and how the outbox delivers (HL7_ACK_TIMEOUT_MS…).
   */
  hl7v2: Hl7v2Options;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable and its default.`);
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = new Reader(env, problems);

  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const dataDir = resolve(read.string('DATA_DIR', '.data'));
  const databaseUrl = read.optionalUrl('DATABASE_URL', ['postgres:', 'postgresql:']);
  const jwtSecretVar = read.optionalString('JWT_SECRET');
  if (jwtSecretVar !== null && jwtSecretVar.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
  if (nodeEnv === 'production' && jwtSecretVar === null) problems.push('JWT_SECRET is required when NODE_ENV=production');
  const pkiKeySecretVar = read.optionalString('PKI_KEY_SECRET');
  if (pkiKeySecretVar !== null && pkiKeySecretVar.length < 32) problems.push('PKI_KEY_SECRET must be at least 32 characters');
  if (nodeEnv === 'production' && pkiKeySecretVar === null) problems.push('PKI_KEY_SECRET is required when NODE_ENV=production (it encrypts the facility CA keys)');
  if (nodeEnv === 'production' && !databaseUrl) problems.push('DATABASE_URL is required when NODE_ENV=production (the embedded database is for development)');
  const demoSeed = read.boolean('DEMO_SEED', false);
  if (nodeEnv === 'production' && demoSeed) problems.push('DEMO_SEED must not be true when NODE_ENV=production (demo users have published passwords)');
  const testClockOffsetDays = read.int('TEST_CLOCK_OFFSET_DAYS', 0, 0, 100 * 366);
  if (testClockOffsetDays && nodeEnv !== 'test') problems.push('TEST_CLOCK_OFFSET_DAYS is only for NODE_ENV=test');
  const facilityCode = read.string('FACILITY_CODE', '01999');
  if (!/^\d{5}$/.test(facilityCode)) problems.push(`FACILITY_CODE must be the 5-digit facility code (MA_CSKCB) (got "${facilityCode}")`);

  const host = read.string('HOST', '0.0.0.0');
  const pacsViewerUrl = read.string('PACS_VIEWER_URL', 'http://localhost:8042/ohif/viewer?StudyInstanceUIDs={uid}');
  if (!/^https?:\/\/\S+$/.test(pacsViewerUrl) || !pacsViewerUrl.includes('{uid}')) problems.push(`PACS_VIEWER_URL must be an http(s) URL containing {uid} (got "${pacsViewerUrl}")`);

  const config: AppConfig = {
    env: nodeEnv,
    host,
    port: read.int('PORT', 3000, 0, 65535),
    databaseUrl,
    databaseAppUrl: read.optionalUrl('DATABASE_APP_URL', ['postgres:', 'postgresql:']),
    dataDir,
    embeddedPgPort: read.int('EMBEDDED_PG_PORT', 54329, 1024, 65535),
    webOrigins: read.string('WEB_ORIGIN', 'http://localhost:3000').split(',').map((o) => o.trim()).filter(Boolean),
    webDistDir: resolve(read.string('WEB_DIST_DIR', 'dist/apps/web/browser')),
    trustProxy: read.boolean('TRUST_PROXY', false),
    bodyLimitBytes: read.int('HTTP_BODY_LIMIT_KB', 1024, 16, 50 * 1024) * 1024,
    databaseLogQueries: read.boolean('DATABASE_LOG_QUERIES', false),
    logLevel: read.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    demoSeed,
    testClockOffsetDays,
    facility: { code: facilityCode, name: read.string('FACILITY_NAME', 'Bệnh viện Đa khoa Benhan') },
    initialAdminPassword: read.optionalString('ADMIN_INITIAL_PASSWORD'),
    signatures: {
      keySecret: '',
      publicUrl: '',
      userCertificateYears: read.int('SIGNING_CERTIFICATE_YEARS', 3, 1, 10),
    },
    archive: {
      publicUrl: '',
      store: archiveStore(read, dataDir),
      retentionRulesFile: read.optionalString('ARCHIVE_RETENTION_RULES'),
      fixityIntervalHours: read.int('FIXITY_INTERVAL_HOURS', 24, 0, 24 * 366),
    },
    audit: {
      checkpointEveryEvents: read.int('AUDIT_CHECKPOINT_EVENTS', 1000, 1, 10_000_000),
      checkpointEveryMinutes: read.int('AUDIT_CHECKPOINT_MINUTES', 60, 1, 7 * 24 * 60),
      integrityIntervalHours: read.int('AUDIT_INTEGRITY_INTERVAL_HOURS', 24, 0, 24 * 366),
      publicUrl: '',
    },
    hl7v2: {
      host: read.string('MLLP_HOST', host),
      // Tests start many APIs side by side: there the default is any free port, never a shared 2575.
      port: read.int('MLLP_PORT', nodeEnv === 'test' ? 0 : 2575, 0, 65535),
      tls: listenerTls(read),
      pacsViewerUrl,
      sendingApplication: 'BENHAN',
      destinations: [hl7Destination(read, 'lis', facilityCode), hl7Destination(read, 'pacs', facilityCode)].filter((d): d is Hl7DestinationOptions => d !== null),
      outbox: {
        ackTimeoutMs: read.int('HL7_ACK_TIMEOUT_MS', 10_000, 100, 600_000),
        maxAttempts: read.int('HL7_MAX_ATTEMPTS', 10, 1, 1000),
        retryBaseMs: read.int('HL7_RETRY_BASE_MS', 5_000, 10, 3_600_000),
        retryMaxMs: read.int('HL7_RETRY_MAX_MS', 300_000, 10, 86_400_000),
        pollMs: read.int('HL7_OUTBOX_POLL_MS', 250, 10, 60_000),
      },
    },
    identity: {
      jwtSecret: '',
      accessTokenTtlSeconds: read.int('ACCESS_TOKEN_TTL_SECONDS', 900, 60, 3600),
      refreshTokenTtlSeconds: read.int('REFRESH_TOKEN_TTL_SECONDS', 8 * 3600, 300, 30 * 86400),
      sessionMaxAgeSeconds: read.int('SESSION_MAX_AGE_SECONDS', 12 * 3600, 300, 30 * 86400),
      maxFailedLogins: read.int('LOGIN_MAX_FAILURES', 5, 1, 100),
      lockoutMinutes: read.int('LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
      breakGlassMinutes: read.int('BREAK_GLASS_MINUTES', 60, 1, 24 * 60),
      careAccessDaysAfterEnd: read.int('CARE_ACCESS_DAYS_AFTER_DISCHARGE', 30, 0, 3650),
      loginRateLimit: {
        limit: read.int('LOGIN_RATE_LIMIT', 30, 1, 100000),
        ttlSeconds: read.int('LOGIN_RATE_WINDOW_SECONDS', 60, 1, 3600),
      },
    },
  };
  if (problems.length) throw new ConfigError(problems);
  config.identity.jwtSecret = jwtSecretVar ?? persistedSecret(join(dataDir, 'jwt.secret'));
  config.signatures.keySecret = pkiKeySecretVar ?? persistedSecret(join(dataDir, 'pki.secret'));
  config.signatures.publicUrl = (read.optionalString('PUBLIC_URL') ?? `http://localhost:${config.port}`).replace(/\/$/, '');
  config.archive.publicUrl = config.signatures.publicUrl;
  config.audit.publicUrl = config.signatures.publicUrl;
  return config;
}

/** ARCHIVE_STORE=fs (default, write-once files under ARCHIVE_DIR) or s3 (S3_BUCKET, S3_REGION, S3_ENDPOINT…). */
function archiveStore(read: Reader, dataDir: string): ArchiveOptions['store'] {
  const kind = read.oneOf('ARCHIVE_STORE', ['fs', 's3'] as const, 'fs');
  if (kind === 'fs') return { kind, directory: resolve(read.string('ARCHIVE_DIR', join(dataDir, 'archive'))) };
  const bucket = read.optionalString('S3_BUCKET');
  if (!bucket) read.problem('S3_BUCKET is required when ARCHIVE_STORE=s3');
  return {
    kind,
    bucket: bucket ?? '',
    region: read.string('S3_REGION', 'us-east-1'),
    endpoint: read.optionalUrl('S3_ENDPOINT', ['http:', 'https:']),
    accessKeyId: read.optionalString('S3_ACCESS_KEY_ID'),
    secretAccessKey: read.optionalString('S3_SECRET_ACCESS_KEY'),
    forcePathStyle: read.boolean('S3_FORCE_PATH_STYLE', true),
    prefix: read.string('S3_PREFIX', ''),
  };
}

/**
 * A destination is configured by its address: HL7_LIS_ADDRESS=host:port (HL7_PACS_ADDRESS for the PACS/RIS); unset, nothing
 * is sent to it. HL7_<NAME>_TLS=true sends over TLS (HL7_<NAME>_TLS_CA: a PEM file of the CA to trust), HL7_<NAME>_APPLICATION
 * and HL7_<NAME>_FACILITY are MSH-5/6, and HL7_LIS_ORDER_MESSAGE chooses OML^O21 (default) or ORM^O01 for the LIS.
 */
function hl7Destination(read: Reader, name: 'lis' | 'pacs', facilityCode: string): Hl7DestinationOptions | null {
  const prefix = `HL7_${name.toUpperCase()}_`;
  const address = read.optionalString(`${prefix}ADDRESS`);
  if (address === null) return null;
  const match = /^(\[[^\]]+\]|[^:\s]+):(\d{1,5})$/.exec(address);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535) {
    read.problem(`${prefix}ADDRESS must be host:port (got "${address}")`);
    return null;
  }
  const tls = read.boolean(`${prefix}TLS`, false);
  const caFile = read.optionalString(`${prefix}TLS_CA`);
  const orderMessage = name === 'lis' ? read.oneOf(`${prefix}ORDER_MESSAGE`, ['OML^O21', 'ORM^O01'] as const, 'OML^O21') : 'ORM^O01';
  return {
    name,
    host: match[1].replace(/^\[|\]$/g, ''),
    port: Number(match[2]),
    tls: tls ? { ca: caFile ? readPem(read, `${prefix}TLS_CA`, caFile) : undefined } : false,
    orderMessage,
    receivingApplication: read.string(`${prefix}APPLICATION`, name.toUpperCase()),
    receivingFacility: read.string(`${prefix}FACILITY`, facilityCode),
  };
}

/** MLLP_TLS_CERT and MLLP_TLS_KEY (PEM files): the listener speaks MLLP over TLS; both or neither. */
function listenerTls(read: Reader): Hl7v2Options['tls'] {
  const certFile = read.optionalString('MLLP_TLS_CERT');
  const keyFile = read.optionalString('MLLP_TLS_KEY');
  if (!certFile && !keyFile) return null;
  if (!certFile || !keyFile) {
    read.problem('MLLP_TLS_CERT and MLLP_TLS_KEY go together (the listener needs its certificate and its key)');
    return null;
  }
  return { cert: readPem(read, 'MLLP_TLS_CERT', certFile), key: readPem(read, 'MLLP_TLS_KEY', keyFile) };
}

function readPem(read: Reader, name: string, file: string): string {
  try {
    return readFileSync(resolve(file), 'utf8');
  } catch (error) {
    read.problem(`${name}: cannot read ${file} (${(error as Error).message})`);
    return '';
  }
}

/** Development only: a random secret generated on first start and kept in the data directory. */
function persistedSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(resolve(file, '..'), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

class Reader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === '' ? undefined : value;
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  optionalString(name: string): string | null {
    return this.raw(name) ?? null;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^-?\d+$/.test(value) || n < min || n > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max} (got "${value}")`);
      return fallback;
    }
    return n;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['true', '1', 'yes'].includes(value)) return true;
    if (['false', '0', 'no'].includes(value)) return false;
    this.problems.push(`${name} must be true or false (got "${value}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
    return fallback;
  }

  problem(message: string): void {
    this.problems.push(message);
  }

  optionalUrl(name: string, protocols: string[]): string | null {
    const value = this.raw(name);
    if (value === undefined) return null;
    try {
      const url = new URL(value);
      if (protocols.includes(url.protocol)) return value;
    } catch {
      // reported below
    }
    this.problems.push(`${name} must be a URL starting with ${protocols.map((p) => p + '//').join(' or ')}`);
    return null;
  }
}
