import { TestSystem } from '../support/system';

describe('POST /api/auth/token (OAuth2 client credentials for LIS and PACS)', () => {
  let system: TestSystem;
  beforeAll(async () => (system = await TestSystem.start()));
  afterAll(() => system?.stop());

  const form = (extra: Record<string, string>) => ({ grant_type: 'client_credentials', ...extra });

  it('issues a scoped bearer token for the right secret in the form body', async () => {
    const res = await system.request<{ access_token: string; token_type: string; expires_in: number; scope: string }>('POST', '/api/auth/token', {
      form: form({ client_id: 'lis', client_secret: 'lis-demo-secret-2026' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 900, scope: 'orders.read results.write system/*.read system/DiagnosticReport.write system/Observation.write system/Specimen.write system/ServiceRequest.u' });
  });

  it('accepts HTTP Basic client authentication and a narrower scope', async () => {
    const basic = Buffer.from('pacs:pacs-demo-secret-2026').toString('base64');
    const res = await system.request<{ scope: string }>('POST', '/api/auth/token', { form: form({ scope: 'orders.read' }), headers: { authorization: `Basic ${basic}` } });
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe('orders.read');
  });

  it('answers RFC 6749 errors: invalid_client, unsupported_grant_type, invalid_scope, invalid_request', async () => {
    const wrong = await system.request('POST', '/api/auth/token', { form: form({ client_id: 'lis', client_secret: 'nope' }) });
    expect([wrong.status, wrong.body]).toEqual([401, expect.objectContaining({ error: 'invalid_client' })]);
    const grant = await system.request('POST', '/api/auth/token', { form: { grant_type: 'password', client_id: 'lis', client_secret: 'lis-demo-secret-2026' } });
    expect([grant.status, grant.body]).toEqual([400, expect.objectContaining({ error: 'unsupported_grant_type' })]);
    const scope = await system.request('POST', '/api/auth/token', { form: form({ client_id: 'lis', client_secret: 'lis-demo-secret-2026', scope: 'admin' }) });
    expect([scope.status, scope.body]).toEqual([400, expect.objectContaining({ error: 'invalid_scope' })]);
    const missing = await system.request('POST', '/api/auth/token', { form: form({ client_id: 'lis' }) });
    expect([missing.status, missing.body]).toEqual([400, expect.objectContaining({ error: 'invalid_request' })]);
    const failures = await system.sql(`SELECT reason FROM audit_events WHERE action = 'client_token_failed'`);
    expect(failures).toEqual(expect.arrayContaining([{ reason: 'wrong secret' }]));
  });

  it('gives a system client no access to user functions', async () => {
    const { body } = await system.request<{ access_token: string }>('POST', '/api/auth/token', { form: form({ client_id: 'lis', client_secret: 'lis-demo-secret-2026' }) });
    expect((await system.request('GET', '/api/auth/me', { token: body.access_token })).status).toBe(403);
    expect((await system.request('GET', '/api/users', { token: body.access_token })).status).toBe(403);
    expect((await system.request('GET', '/api/patients', { token: body.access_token })).status).toBe(403);
  });
});
