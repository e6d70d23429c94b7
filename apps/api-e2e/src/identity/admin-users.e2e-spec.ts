import type { Department, Page, ProblemDetails, UserSummary } from '@benhan/shared/contracts';
import { TestSystem } from '../support/system';

describe('user administration', () => {
  let system: TestSystem;
  let admin: string;
  let departments: Department[];
  beforeAll(async () => {
    system = await TestSystem.start();
    admin = await system.token('admin');
    departments = (await system.request<Department[]>('GET', '/api/departments', { token: admin })).body;
  });
  afterAll(() => system?.stop());
  const dept = (code: string) => departments.find((d) => d.code === code)?.id ?? `no department ${code}`;

  it('creates a clinician in a department, who can then sign in and sees that department', async () => {
    const res = await system.request<UserSummary>('POST', '/api/users', {
      token: admin,
      json: { username: 'bs.lan', fullName: 'Trần Thị Lan', password: 'Lan#2026-khoaNgoai', roles: ['doctor'], departments: [{ departmentId: dept('NGOAI'), isHead: false }], practisingCertificateNo: '009999/HNO-CCHN' },
    });
    expect(res.status).toBe(201);
    expect(res.body.departments.map((d) => d.code)).toEqual(['NGOAI']);
    const login = await system.login('bs.lan', 'Lan#2026-khoaNgoai');
    expect(login.body.user.departments.map((d) => d.code)).toEqual(['NGOAI']);
    const created = await system.sql(`SELECT action AS type, actor_username FROM audit_events WHERE action = 'user_created'`);
    expect(created).toEqual([{ type: 'user_created', actor_username: 'admin' }]);
  });

  it('names each invalid field in a 400', async () => {
    const res = await system.request<ProblemDetails>('POST', '/api/users', { token: admin, json: { username: 'X Y', fullName: '', password: 'short', roles: ['surgeon'], departments: [] } });
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['username', 'fullName', 'roles']));
  });

  it('rejects a weak password and a duplicate username', async () => {
    const weak = await system.request<ProblemDetails>('POST', '/api/users', { token: admin, json: { username: 'dd.hoa', fullName: 'Hoa', password: 'short', roles: ['nurse'], departments: [] } });
    expect([weak.status, weak.body.errors?.[0]?.field]).toEqual([400, 'password']);
    const dup = await system.request('POST', '/api/users', { token: admin, json: { username: 'doctor', fullName: 'X', password: 'Long-enough-1', roles: ['nurse'], departments: [] } });
    expect(dup.status).toBe(409);
  });

  it('records a role change, which takes effect on the next request', async () => {
    const nurse = await system.login('nurse');
    const [{ id }] = await system.sql<{ id: string }>(`SELECT id FROM users WHERE username = 'nurse'`);
    expect((await system.request('GET', '/api/security-events', { token: nurse.body.accessToken })).status).toBe(403);
    const res = await system.request<UserSummary>('PATCH', `/api/users/${id}`, { token: admin, json: { roles: ['nurse', 'inspector'] } });
    expect(res.body.roles).toEqual(['nurse', 'inspector']);
    expect((await system.request('GET', '/api/security-events', { token: nurse.body.accessToken })).status).toBe(200);
    const [event] = await system.sql(`SELECT detail FROM audit_events WHERE action = 'role_change'`);
    expect(event).toEqual({ detail: { before: ['nurse'], after: ['nurse', 'inspector'] } });
  });

  it('forbids anyone to change their own roles or disable themselves', async () => {
    const [{ id }] = await system.sql<{ id: string }>(`SELECT id FROM users WHERE username = 'admin'`);
    const roles = await system.request<ProblemDetails>('PATCH', `/api/users/${id}`, { token: admin, json: { roles: ['admin', 'doctor'] } });
    expect([roles.status, roles.body.type]).toEqual([403, expect.stringContaining('self_role_change')]);
    expect((await system.request('PATCH', `/api/users/${id}`, { token: admin, json: { active: false } })).status).toBe(403);
  });

  it('disabling a user ends their sessions at once', async () => {
    const inspector = await system.login('inspector');
    const [{ id }] = await system.sql<{ id: string }>(`SELECT id FROM users WHERE username = 'inspector'`);
    await system.request('PATCH', `/api/users/${id}`, { token: admin, json: { active: false } });
    expect((await system.request('GET', '/api/auth/me', { token: inspector.body.accessToken })).status).toBe(401);
    expect((await system.login('inspector')).status).toBe(401);
  });

  it('lists and filters users by role', async () => {
    const res = await system.request<Page<UserSummary>>('GET', '/api/users?role=doctor', { token: admin });
    expect(res.body.items.map((u) => u.username).sort()).toEqual(['bs.lan', 'doctor', 'headdoctor']);
  });

  it('refuses user administration to non-admins', async () => {
    expect((await system.request('GET', '/api/users', { token: await system.token('headdoctor') })).status).toBe(403);
  });
});
