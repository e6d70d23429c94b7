import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProblemDetails } from '@benhan/shared/contracts';
import { TestSystem } from '../support/system';

describe('platform: health, errors, headers, OpenAPI', () => {
  let system: TestSystem;
  beforeAll(async () => (system = await TestSystem.start({ WEB_ORIGIN: 'http://localhost:3000' })));
  afterAll(() => system?.stop());

  it('reports live and ready (database reachable, archive store writable)', async () => {
    expect((await system.request('GET', '/health/live')).body).toEqual({ status: 'ok' });
    const ready = await system.request<{ status: string; info: Record<string, { status: string }> }>('GET', '/health/ready');
    expect([ready.status, ready.body.info['database'].status, ready.body.info['archiveStore'].status]).toEqual([200, 'up', 'up']);
  });

  it('is not ready when its archive store cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'benhan-broken-store-'));
    const broken = await TestSystem.start({ ARCHIVE_DIR: join(dir, 'store') });
    try {
      rmSync(join(dir, 'store'), { recursive: true, force: true });
      writeFileSync(join(dir, 'store'), 'a file where the store directory should be');
      const ready = await broken.request<ProblemDetails>('GET', '/health/ready');
      expect([ready.status, ready.body.type]).toEqual([503, expect.stringContaining('service-unavailable')]);
      expect((await broken.request('GET', '/health/live')).status).toBe(200);
    } finally {
      await broken.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers unknown routes with 404 problem details carrying the request id', async () => {
    const res = await system.request<ProblemDetails>('GET', '/api/nothing-here', { headers: { 'x-request-id': 'trace-42' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('x-request-id')).toBe('trace-42');
    expect(res.body).toEqual(expect.objectContaining({ status: 404, title: 'Not found', instance: '/api/nothing-here', requestId: 'trace-42' }));
  });

  it('sets security headers', async () => {
    const res = await system.request('GET', '/health/live');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('allows CORS only from the web origin', async () => {
    const ok = await system.request('OPTIONS', '/api/auth/login', { headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    const evil = await system.request('OPTIONS', '/api/auth/login', { headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves OpenAPI JSON at /api/docs-json and its page at /api/docs', async () => {
    const json = await system.request<{ openapi: string; paths: object }>('GET', '/api/docs-json');
    expect(json.body.openapi).toMatch(/^3\./);
    const page = await system.request<string>('GET', '/api/docs');
    expect([page.status, page.body]).toEqual([200, expect.stringContaining('swagger')]);
  });

  it('compresses large answers for clients that accept gzip, and only those', async () => {
    const gzip = await system.request<{ paths: object }>('GET', '/api/docs-json', { headers: { 'accept-encoding': 'gzip' } });
    expect([gzip.status, gzip.headers.get('content-encoding'), Object.keys(gzip.body.paths).length > 10]).toEqual([200, 'gzip', true]);
    const plain = await system.request('GET', '/api/docs-json', { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    const small = await system.request('GET', '/health/live', { headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers.get('content-encoding')).toBeNull();
  });

  it('keeps security events append-only in the database', async () => {
    await system.login('doctor');
    await expect(system.sql(`UPDATE audit_events SET outcome = 'failure'`)).rejects.toThrow(/append-only/);
    await expect(system.sql(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(system.sql(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
  });
});

describe('serving the web client', () => {
  let system: TestSystem;
  beforeAll(async () => (system = await TestSystem.start()));
  afterAll(() => system?.stop());

  const html = { accept: 'text/html' };

  it('serves the Angular app at / and at deep links, always revalidated', async () => {
    for (const path of ['/', '/login', '/doctor']) {
      const res = await system.request<string>('GET', path, { headers: html });
      expect([path, res.status, res.headers.get('cache-control')]).toEqual([path, 200, 'no-cache']);
      expect(res.body).toContain('<bh-root');
    }
  });

  it('never answers an API path with the app', async () => {
    const res = await system.request('GET', '/api/no-such-thing', { headers: html });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('caches content-hashed bundles for a year and translations not at all', async () => {
    const index = (await system.request<string>('GET', '/', { headers: html })).body;
    const bundle = /src="(main-[A-Z0-9]+\.js)"/.exec(index)?.[1];
    expect(bundle).toBeDefined();
    expect((await system.request('GET', `/${bundle}`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const vi = await system.request<Record<string, unknown>>('GET', '/i18n/vi.json');
    expect([vi.status, vi.headers.get('cache-control')]).toEqual([200, 'no-cache']);
  });
});
