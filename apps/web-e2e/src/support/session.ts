import type { Page } from '@playwright/test';

/** The session the web client keeps in sessionStorage (libs/web/data-access SessionStore). */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
}

export async function readSession(page: Page): Promise<StoredSession> {
  const raw = await page.evaluate(() => sessionStorage.getItem('bh.session'));
  if (!raw) throw new Error('no session stored');
  return JSON.parse(raw) as StoredSession;
}

/** Simulates tokens that expired (or were replaced) while the tab was open. */
export async function tamperSession(page: Page, change: Partial<StoredSession>): Promise<void> {
  await page.evaluate((patch) => {
    const session = JSON.parse(sessionStorage.getItem('bh.session') ?? '{}') as Record<string, unknown>;
    sessionStorage.setItem('bh.session', JSON.stringify({ ...session, ...patch }));
  }, change);
}
