import type { ProblemDetails } from '@benhan/shared/contracts';
import { TestSystem } from '../support/system';

describe('account lockout and sign-in rate limit', () => {
  let system: TestSystem;
  beforeAll(async () => (system = await TestSystem.start()));
  afterAll(() => system?.stop());

  it('locks an account for 15 minutes after 5 failed sign-ins, even for the right password', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await system.login('nurse', `wrong-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);

    const locked = await system.login('nurse');
    expect(locked.status).toBe(423);
    const problem = locked.body as unknown as ProblemDetails;
    expect(problem.type).toContain('account_locked');
    const lockedUntil = new Date(problem['lockedUntil'] as string).getTime();
    expect(lockedUntil - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(lockedUntil - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);

    const events = await system.sql<{ type: string }>(`SELECT action AS type FROM audit_events WHERE actor_username = 'nurse' ORDER BY seq`);
    expect(events.filter((e) => e.type === 'login_failed')).toHaveLength(6);
    expect(events.filter((e) => e.type === 'account_locked')).toHaveLength(1);
  });

  it('counts parallel wrong guesses, none lost', async () => {
    await Promise.all(Array.from({ length: 5 }, (_, i) => system.login('records', `wrong-${i}`)));
    expect((await system.login('records')).status).toBe(423);
  });

  it('lets an administrator unlock by resetting the password', async () => {
    const admin = await system.token('admin');
    const [user] = await system.sql<{ id: string }>(`SELECT id FROM users WHERE username = 'nurse'`);
    const reset = await system.request('POST', `/api/users/${user.id}/password`, { token: admin, json: { newPassword: 'NewNurse#2026' } });
    expect(reset.status).toBe(204);
    expect((await system.login('nurse', 'NewNurse#2026')).status).toBe(200);
  });

  it('resets the failure count after a successful sign-in', async () => {
    for (let i = 0; i < 4; i++) await system.login('inspector', 'wrong');
    expect((await system.login('inspector')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await system.login('inspector', 'wrong')).status).toBe(401);
  });
});

describe('sign-in rate limit', () => {
  let system: TestSystem;
  beforeAll(async () => (system = await TestSystem.start({ LOGIN_RATE_LIMIT: '3', LOGIN_RATE_WINDOW_SECONDS: '60' })));
  afterAll(() => system?.stop());

  it('answers 429 with Retry-After past the configured number of attempts per minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await system.login('doctor', 'wrong')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
