import { TestSystem } from '../support/system';

describe('refresh-token rotation, reuse detection and logout', () => {
  let system: TestSystem;
  beforeAll(async () => (system = await TestSystem.start()));
  afterAll(() => system?.stop());

  it('rotates: a refresh gives a new pair and the new access token works', async () => {
    const { body: first } = await system.login('doctor');
    const res = await system.request<{ accessToken: string; refreshToken: string }>('POST', '/api/auth/refresh', { json: { refreshToken: first.refreshToken } });
    expect(res.status).toBe(200);
    expect(res.body.refreshToken).not.toBe(first.refreshToken);
    expect((await system.request('GET', '/api/auth/me', { token: res.body.accessToken })).status).toBe(200);
  });

  it('revokes the whole family when a spent refresh token is presented again', async () => {
    const { body: first } = await system.login('nurse');
    const second = await system.request<{ accessToken: string; refreshToken: string }>('POST', '/api/auth/refresh', { json: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);

    const replay = await system.request('POST', '/api/auth/refresh', { json: { refreshToken: first.refreshToken } });
    expect(replay.status).toBe(401);
    expect(JSON.stringify(replay.body)).toContain('refresh_token_reused');

    // Every token of the family is dead now, including the legitimate newest ones.
    expect((await system.request('POST', '/api/auth/refresh', { json: { refreshToken: second.body.refreshToken } })).status).toBe(401);
    expect((await system.request('GET', '/api/auth/me', { token: second.body.accessToken })).status).toBe(401);
    expect((await system.request('GET', '/api/auth/me', { token: first.accessToken })).status).toBe(401);

    const events = await system.sql(`SELECT action AS type, outcome FROM audit_events WHERE action = 'refresh_reuse' AND actor_username = 'nurse'`);
    expect(events).toEqual([{ type: 'refresh_reuse', outcome: 'failure' }]);
    const [session] = await system.sql(`SELECT revoke_reason FROM sessions WHERE id = $1`, [JSON.parse(Buffer.from(first.accessToken.split('.')[1], 'base64url').toString()).sid]);
    expect(session).toEqual({ revoke_reason: 'refresh_reuse' });
  });

  it('keeps other sessions of the same user alive after a reuse in one family', async () => {
    const a = (await system.login('headdoctor')).body;
    const b = (await system.login('headdoctor')).body;
    await system.request('POST', '/api/auth/refresh', { json: { refreshToken: a.refreshToken } });
    await system.request('POST', '/api/auth/refresh', { json: { refreshToken: a.refreshToken } });
    expect((await system.request('GET', '/api/auth/me', { token: b.accessToken })).status).toBe(200);
  });

  it('rejects an unknown refresh token', async () => {
    expect((await system.request('POST', '/api/auth/refresh', { json: { refreshToken: 'x'.repeat(43) } })).status).toBe(401);
  });

  it('logout ends the session at once: access and refresh tokens stop working', async () => {
    const { body } = await system.login('records');
    const out = await system.request('POST', '/api/auth/logout', { token: body.accessToken });
    expect(out.status).toBe(204);
    expect((await system.request('GET', '/api/auth/me', { token: body.accessToken })).status).toBe(401);
    expect((await system.request('POST', '/api/auth/refresh', { json: { refreshToken: body.refreshToken } })).status).toBe(401);
    expect(await system.sql(`SELECT action AS type FROM audit_events WHERE action = 'logout' AND actor_username = 'records'`)).toHaveLength(1);
  });

  it('rejects a forged or tampered access token', async () => {
    const { body } = await system.login('doctor');
    const [h, p] = body.accessToken.split('.');
    expect((await system.request('GET', '/api/auth/me', { token: `${h}.${p}.AAAA` })).status).toBe(401);
  });
});
