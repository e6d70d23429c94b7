import type { ProblemDetails, TokenResponse } from '@benhan/shared/contracts';
import { DEMO_USERNAMES, TestSystem } from '../support/system';

describe('POST /api/auth/login', () => {
  let system: TestSystem;
  beforeAll(async () => (system = await TestSystem.start()));
  afterAll(() => system?.stop());

  it.each(DEMO_USERNAMES)('signs in the demo user %s with the documented password', async (username) => {
    const res = await system.login(username);
    expect(res.status).toBe(200);
    expect(res.body.tokenType).toBe('Bearer');
    expect(res.body.expiresIn).toBe(900);
    expect(res.body.accessToken.split('.')).toHaveLength(3);
    expect(res.body.refreshToken.length).toBeGreaterThan(30);
    expect(res.body.user.username).toBe(username);
  });

  it('returns the user with roles, departments and head-of-department flag', async () => {
    const { body } = await system.login('headdoctor');
    expect(body.user.roles).toEqual(['doctor']);
    expect(body.user.departments).toEqual([expect.objectContaining({ code: 'NOI', isHead: true })]);
    expect(body.user.practisingCertificateNo).toBeTruthy();
    const me = await system.request<TokenResponse['user']>('GET', '/api/auth/me', { token: body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.fullName).toBe(body.user.fullName);
  });

  it('answers a wrong password with 401 problem details and records the failure', async () => {
    const res = await system.login('doctor', 'wrong-password');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((res.body as unknown as ProblemDetails).type).toContain('invalid_credentials');
    const [event] = await system.sql(`SELECT action AS type, outcome, reason FROM audit_events WHERE actor_username = 'doctor' AND action = 'login_failed' ORDER BY seq DESC LIMIT 1`);
    expect(event).toEqual({ type: 'login_failed', outcome: 'failure', reason: 'wrong password' });
  });

  it('gives an unknown user the same 401 as a wrong password', async () => {
    const res = await system.login('nobody-here', 'whatever-password');
    expect(res.status).toBe(401);
    expect((res.body as unknown as ProblemDetails).detail).toBe('Wrong username or password');
  });

  it('names the missing field in a 400', async () => {
    const res = await system.request<ProblemDetails>('POST', '/api/auth/login', { json: { username: 'doctor' } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'password' })]));
  });

  it('records every successful sign-in with address and user agent', async () => {
    await system.request('POST', '/api/auth/login', { json: { username: 'nurse', password: 'Benhan@2026' }, headers: { 'user-agent': 'ward-tablet-7' } });
    const [event] = await system.sql(`SELECT action AS type, client_address, user_agent FROM audit_events WHERE actor_username = 'nurse' AND action = 'login' ORDER BY seq DESC LIMIT 1`);
    expect(event).toEqual({ type: 'login', client_address: expect.stringContaining('127.0.0.1'), user_agent: 'ward-tablet-7' });
  });

  it('never stores a password in clear', async () => {
    const rows = await system.sql<{ password_hash: string }>(`SELECT password_hash FROM users`);
    for (const row of rows) expect(row.password_hash).toMatch(/^\$scrypt\$ln=\d+,r=\d+,p=\d+\$/);
  });
});
