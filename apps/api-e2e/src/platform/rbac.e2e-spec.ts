import { USER_ROLES, type Principal } from '@benhan/shared/contracts';
import { TestSystem } from '../support/system';

type Access = { public?: true; authenticated?: true; principals?: Principal[] };
interface Operation {
  method: string;
  path: string;
  access: Access | undefined;
}

/** One demo user per role, so every route is tried as every role. */
const USER_FOR_ROLE = { doctor: 'doctor', nurse: 'nurse', records_officer: 'records', director: 'director', inspector: 'inspector', admin: 'admin' } as const;
const ANY_ID = '00000000-0000-4000-8000-000000000000';

describe('role-based access on every route (deny by default)', () => {
  let system: TestSystem;
  let operations: Operation[];
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    system = await TestSystem.start();
    const doc = await system.request<{ paths: Record<string, Record<string, { 'x-benhan-access'?: Access }>> }>('GET', '/api/docs-json');
    operations = Object.entries(doc.body.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, access: op['x-benhan-access'] })),
    );
    for (const role of USER_ROLES) tokens.set(role, await system.token(USER_FOR_ROLE[role]));
    const client = await system.request<{ access_token: string }>('POST', '/api/auth/token', {
      form: { grant_type: 'client_credentials', client_id: 'lis', client_secret: 'lis-demo-secret-2026' },
    });
    tokens.set('lis', client.body.access_token);
  });
  afterAll(() => system?.stop());

  it('publishes the routes it tests (sanity: the suite is not vacuous)', () => {
    expect(operations.length).toBeGreaterThan(15);
    expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(expect.arrayContaining(['POST /api/auth/login', 'GET /api/users', 'GET /api/patients']));
  });

  it('declares an access rule on every route', () => {
    const undeclared = operations.filter((o) => !o.access).map((o) => `${o.method} ${o.path}`);
    expect(undeclared).toEqual([]);
  });

  it('answers 401 without a token on every non-public route', async () => {
    const failures: string[] = [];
    for (const op of operations.filter((o) => !o.access?.public)) {
      const res = await call(op);
      if (res.status !== 401) failures.push(`${op.method} ${op.path} gave ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers 403 to every role and system client the route does not name, and lets the named ones through', async () => {
    const failures: string[] = [];
    for (const op of operations.filter((o) => !o.access?.public && !(o.path === '/api/auth/logout'))) {
      for (const who of [...USER_ROLES, 'lis'] as const) {
        const allowed = op.access?.authenticated ? who !== 'lis' : (op.access?.principals ?? []).includes(who);
        const res = await call(op, tokens.get(who));
        if (allowed && (res.status === 401 || res.status === 403)) failures.push(`${who} refused on ${op.method} ${op.path} (${res.status})`);
        if (!allowed && res.status !== 403) failures.push(`${who} not refused on ${op.method} ${op.path} (${res.status})`);
      }
    }
    expect(failures).toEqual([]);
  });

  function call(op: Operation, token?: string) {
    const path = op.path.replace(/\{[^}]+\}/g, ANY_ID);
    const hasBody = ['POST', 'PUT', 'PATCH'].includes(op.method);
    return system.request(op.method, path, { token, ...(hasBody ? { json: {} } : {}) });
  }
});
