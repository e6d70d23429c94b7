import { Injectable } from '@angular/core';
import type { CurrentUser } from '@benhan/shared/contracts';

export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  user: CurrentUser;
}

const STORAGE_KEY = 'bh.session';

/**
 * Keeps the session in sessionStorage so a reload does not sign the user out, while closing the tab does.
 *
 * Trade-off: sessionStorage is readable by any script running on our origin, so an XSS bug could steal the
 * refresh token. An httpOnly SameSite cookie would hide it from scripts, but the API contract returns the
 * tokens in the JSON body and the refresh token rotates (a stolen one that is used after us revokes the
 * whole session). We accept sessionStorage (never localStorage: it outlives the tab and is shared between
 * tabs) and rely on a strict CSP and Angular's template sanitising to keep scripts out.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  read(): StoredSession | null {
    try {
      const raw = sessionStorage.getItem(STORAGE_KEY);
      if (!raw) return null;
      const parsed = JSON.parse(raw) as Partial<StoredSession>;
      return parsed.accessToken && parsed.refreshToken && parsed.user ? (parsed as StoredSession) : null;
    } catch {
      // Corrupt JSON or storage disabled by policy: behave as signed out rather than fail to boot.
      return null;
    }
  }

  write(session: StoredSession): void {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  }

  clear(): void {
    sessionStorage.removeItem(STORAGE_KEY);
  }
}
