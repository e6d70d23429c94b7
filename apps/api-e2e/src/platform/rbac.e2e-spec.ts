import { USER_ROLES } from '@benhan/shared/contracts';
import { publishedOperations, tokensOfEveryRole, type Operation } from '../support/routes';
import { TestSystem } from '../support/system';

const ANY_ID = '00000000-0000-4000-8000-000000000000';

describe('role-based access on every route (deny by default)', () => {
  let system: TestSystem;
  let operations: Operation[];
  let tokens: Map<string, string>;

  beforeAll(async () => {
    system = await TestSystem.start();
    operations = await publishedOperations(system);
    tokens = await tokensOfEveryRole(system);
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
