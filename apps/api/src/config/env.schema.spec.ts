import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './env.schema';

describe(loadConfig.name, () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'benhan-config-'));

  it('starts with defaults that need nothing installed (embedded database, generated secret)', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config.databaseUrl).toBeNull();
    expect(config.port).toBe(3000);
    expect(config.identity.accessTokenTtlSeconds).toBe(900);
    expect(config.identity.maxFailedLogins).toBe(5);
    expect(config.identity.lockoutMinutes).toBe(15);
    expect(config.bodyLimitBytes).toBe(1024 * 1024);
    expect(loadConfig({ DATA_DIR: dir, HTTP_BODY_LIMIT_KB: '4096' }).bodyLimitBytes).toBe(4 * 1024 * 1024);
    expect(config.identity.jwtSecret).toBe(readFileSync(join(dir, 'jwt.secret'), 'utf8').trim());
    expect(loadConfig({ DATA_DIR: dir }).identity.jwtSecret).toBe(config.identity.jwtSecret);
  });

  it('names every bad variable in one message', () => {
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: dataDir(), PORT: 'abc', DATABASE_URL: 'mysql://x', LOGIN_MAX_FAILURES: '0', DEMO_SEED: 'perhaps', HTTP_BODY_LIMIT_KB: '1' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT must be an integer');
    expect(message).toContain('DATABASE_URL must be a URL');
    expect(message).toContain('LOGIN_MAX_FAILURES');
    expect(message).toContain('DEMO_SEED must be true or false');
    expect(message).toContain('HTTP_BODY_LIMIT_KB');
  });

  it('keeps archives in a write-once directory by default, or in an S3 bucket that must be named', () => {
    const dir = dataDir();
    expect(loadConfig({ DATA_DIR: dir }).archive).toEqual({ publicUrl: 'http://localhost:3000', store: { kind: 'fs', directory: join(dir, 'archive') }, retentionRulesFile: null, fixityIntervalHours: 24 });
    expect(loadConfig({ DATA_DIR: dir, ARCHIVE_STORE: 's3', S3_BUCKET: 'emr', S3_ENDPOINT: 'http://minio:9000', S3_PREFIX: 'benhan/' }).archive.store).toEqual({
      kind: 's3',
      bucket: 'emr',
      region: 'us-east-1',
      endpoint: 'http://minio:9000',
      accessKeyId: null,
      secretAccessKey: null,
      forcePathStyle: true,
      prefix: 'benhan/',
    });
    expect(() => loadConfig({ DATA_DIR: dir, ARCHIVE_STORE: 's3', S3_ENDPOINT: 'minio:9000' })).toThrow(/S3_BUCKET is required when ARCHIVE_STORE=s3[\s\S]*S3_ENDPOINT must be a URL/);
    expect(() => loadConfig({ DATA_DIR: dir, TEST_CLOCK_OFFSET_DAYS: '30' })).toThrow(/TEST_CLOCK_OFFSET_DAYS is only for NODE_ENV=test/);
  });

  it('listens for HL7 v2 on MLLP port 2575 on HOST by default (a free port under NODE_ENV=test), and needs {uid} in PACS_VIEWER_URL', () => {
    const dir = dataDir();
    expect(loadConfig({ DATA_DIR: dir, HOST: '127.0.0.1' }).hl7v2).toEqual(
      expect.objectContaining({ host: '127.0.0.1', port: 2575, tls: null, pacsViewerUrl: 'http://localhost:8042/ohif/viewer?StudyInstanceUIDs={uid}', destinations: [] }),
    );
    expect(loadConfig({ DATA_DIR: dir, NODE_ENV: 'test' }).hl7v2.port).toBe(0);
    expect(loadConfig({ DATA_DIR: dir, MLLP_PORT: '0', MLLP_HOST: '10.0.0.5' }).hl7v2).toEqual(expect.objectContaining({ host: '10.0.0.5', port: 0 }));
    expect(() => loadConfig({ DATA_DIR: dir, MLLP_PORT: '70000', PACS_VIEWER_URL: 'https://pacs.local/viewer' })).toThrow(/PACS_VIEWER_URL must be an http\(s\) URL containing \{uid\}[\s\S]*MLLP_PORT must be an integer/);
  });

  it('sends orders and ADT to the destinations given by address, OML^O21 to the LIS unless told ORM^O01, ORM^O01 to the PACS', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir, FACILITY_CODE: '79001', HL7_LIS_ADDRESS: 'lis.bv.local:2576', HL7_PACS_ADDRESS: '[::1]:2577', HL7_PACS_APPLICATION: 'RIS' }).hl7v2;
    expect(config.destinations).toEqual([
      { name: 'lis', host: 'lis.bv.local', port: 2576, tls: false, orderMessage: 'OML^O21', receivingApplication: 'LIS', receivingFacility: '79001' },
      { name: 'pacs', host: '::1', port: 2577, tls: false, orderMessage: 'ORM^O01', receivingApplication: 'RIS', receivingFacility: '79001' },
    ]);
    expect(config.outbox).toEqual({ ackTimeoutMs: 10_000, maxAttempts: 10, retryBaseMs: 5_000, retryMaxMs: 300_000, pollMs: 250 });
    expect(loadConfig({ DATA_DIR: dir, HL7_LIS_ADDRESS: '10.0.0.9:2576', HL7_LIS_ORDER_MESSAGE: 'ORM^O01', HL7_LIS_TLS: 'true' }).hl7v2.destinations[0]).toEqual(
      expect.objectContaining({ orderMessage: 'ORM^O01', tls: { ca: undefined } }),
    );
    expect(() => loadConfig({ DATA_DIR: dir, HL7_LIS_ADDRESS: 'lis-without-port', HL7_LIS_ORDER_MESSAGE: 'OML^O33', HL7_MAX_ATTEMPTS: '0' })).toThrow(
      /HL7_LIS_ADDRESS must be host:port[\s\S]*HL7_MAX_ATTEMPTS must be an integer from 1/,
    );
    expect(() => loadConfig({ DATA_DIR: dir, HL7_LIS_ADDRESS: 'lis:2576', HL7_LIS_ORDER_MESSAGE: 'OML^O33' })).toThrow(/HL7_LIS_ORDER_MESSAGE must be one of OML\^O21, ORM\^O01/);
    expect(() => loadConfig({ DATA_DIR: dir, MLLP_TLS_CERT: '/nonexistent.pem' })).toThrow(/MLLP_TLS_CERT and MLLP_TLS_KEY go together/);
  });

  it('refuses production without a JWT secret, a database server, or with demo users', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'production', DEMO_SEED: 'true' })).toThrow(
      /JWT_SECRET is required[\s\S]*DATABASE_URL is required[\s\S]*DEMO_SEED must not be true/,
    );
  });

  it('rejects a short JWT secret and a malformed facility code', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), JWT_SECRET: 'short', FACILITY_CODE: '12' })).toThrow(/JWT_SECRET must be at least 32[\s\S]*FACILITY_CODE/);
  });
});
