import type { CurrentUser } from '@benhan/shared/contracts';
import { anInspector } from './fixtures';

/** Signs a user in the way a reload would find them: AuthService reads the session from sessionStorage. */
export function storeSession(user: CurrentUser = anInspector()): void {
  sessionStorage.setItem('bh.session', JSON.stringify({ accessToken: 'a', refreshToken: 'r', user }));
}
