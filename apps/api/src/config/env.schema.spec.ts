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
    expect(config.identity.jwtSecret).toBe(readFileSync(join(dir, 'jwt.secret'), 'utf8').trim());
    expect(loadConfig({ DATA_DIR: dir }).identity.jwtSecret).toBe(config.identity.jwtSecret);
  });

  it('names every bad variable in one message', () => {
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: dataDir(), PORT: 'abc', DATABASE_URL: 'mysql://x', LOGIN_MAX_FAILURES: '0', DEMO_SEED: 'perhaps' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT must be an integer');
    expect(message).toContain('DATABASE_URL must be a URL');
    expect(message).toContain('LOGIN_MAX_FAILURES');
    expect(message).toContain('DEMO_SEED must be true or false');
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
