import type { RequestOrigin } from '@benhan/api/core';
import { IdentityTestbed } from '../../testing/identity-test-module';
import { IdentityError } from '../identity.errors';
import { AuthService } from './auth.service';

const origin: RequestOrigin = { clientAddress: '10.0.0.7', userAgent: 'jest', requestId: 'r-1' };
const PASSWORD = 'Correct-horse-7';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof IdentityError) return error.code;
    throw error;
  }
}

describe(AuthService.name, () => {
  let bed: IdentityTestbed;
  let auth: AuthService;
  beforeAll(async () => {
    bed = await IdentityTestbed.create();
    auth = bed.module.get(AuthService);
  });
  afterAll(() => bed?.close());

  describe('refresh-token rotation', () => {
    it('spends each refresh token once and issues a new one in the same session', async () => {
      const user = await bed.user('rotate.a', PASSWORD);
      const first = await auth.login(user, origin);
      const second = await auth.refresh(first.refreshToken, origin);
      const third = await auth.refresh(second.refreshToken, origin);
      expect(new Set([first.refreshToken, second.refreshToken, third.refreshToken]).size).toBe(3);
      const sessions = await bed.dataSource.query(`SELECT count(*)::int AS n FROM sessions WHERE user_id = $1`, [user.id]);
      expect(sessions).toEqual([{ n: 1 }]);
    });

    it('revokes the family when a spent token comes back, and records the theft', async () => {
      const user = await bed.user('rotate.b', PASSWORD);
      const first = await auth.login(user, origin);
      const second = await auth.refresh(first.refreshToken, origin);
      expect(await codeOf(auth.refresh(first.refreshToken, origin))).toBe('refresh_token_reused');
      expect(await codeOf(auth.refresh(second.refreshToken, origin))).toBe('session_ended');
      expect(await bed.events('refresh_reuse')).toEqual([expect.objectContaining({ outcome: 'failure' })]);
    });

    it('lets two racing refreshes of the same token succeed at most once', async () => {
      const user = await bed.user('rotate.c', PASSWORD);
      const { refreshToken } = await auth.login(user, origin);
      const results = await Promise.all([codeOf(auth.refresh(refreshToken, origin)), codeOf(auth.refresh(refreshToken, origin))]);
      expect(results.filter((r) => r === 'ok')).toHaveLength(1);
      expect(results).toContain('refresh_token_reused');
    });

    it('ends the session at its maximum age however often it was refreshed', async () => {
      const user = await bed.user('rotate.d', PASSWORD);
      let tokens = await auth.login(user, origin);
      for (let hour = 0; hour < 11; hour++) {
        bed.clock.advance(3600_000);
        tokens = await auth.refresh(tokens.refreshToken, origin);
      }
      bed.clock.advance(3600_000 + 1000);
      expect(await codeOf(auth.refresh(tokens.refreshToken, origin))).toBe('session_ended');
    });
  });

  describe('lockout', () => {
    it('locks after 5 failures, refuses the right password while locked, and unlocks after 15 minutes', async () => {
      await bed.user('lock.a', PASSWORD);
      const codes: string[] = [];
      for (let i = 0; i < 5; i++) codes.push(await codeOf(auth.verifyCredentials('lock.a', 'wrong', origin)));
      expect(codes).toEqual(['invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'account_locked']);
      expect(await codeOf(auth.verifyCredentials('lock.a', PASSWORD, origin))).toBe('account_locked');

      bed.clock.advance(14 * 60_000);
      expect(await codeOf(auth.verifyCredentials('lock.a', PASSWORD, origin))).toBe('account_locked');
      bed.clock.advance(60_000 + 1000);
      expect(await codeOf(auth.verifyCredentials('lock.a', PASSWORD, origin))).toBe('ok');
      expect(await bed.events('account_locked')).toHaveLength(1);
    });

    it('does not let a locked user keep working through a refresh', async () => {
      const user = await bed.user('lock.b', PASSWORD);
      const tokens = await auth.login(user, origin);
      for (let i = 0; i < 5; i++) await codeOf(auth.verifyCredentials('lock.b', 'wrong', origin));
      expect(await codeOf(auth.refresh(tokens.refreshToken, origin))).toBe('session_ended');
    });

    it('matches usernames case-insensitively, so case tricks do not dodge the counter', async () => {
      await bed.user('lock.c', PASSWORD);
      for (const name of ['LOCK.C', 'Lock.C', 'lock.c', ' lock.c', 'LoCk.c']) await codeOf(auth.verifyCredentials(name, 'wrong', origin));
      expect(await codeOf(auth.verifyCredentials('lock.c', PASSWORD, origin))).toBe('account_locked');
    });
  });
});
