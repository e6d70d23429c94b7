import { expect, test } from '@playwright/test';
import { signIn } from '../support/demo';
import { readSession, tamperSession } from '../support/session';

test('an expired access token is refreshed silently and the rotated refresh token is kept', async ({ page }) => {
  await signIn(page, 'nurse');
  await expect(page).toHaveURL(/\/nurse$/);
  const before = await readSession(page);

  await tamperSession(page, { accessToken: 'expired.access.token' });
  const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/auth/refresh') && r.status() === 200);
  await page.reload();
  await refreshed;

  await expect(page).toHaveURL(/\/nurse$/);
  await expect(page.getByTestId('user-name')).toBeVisible();
  const after = await readSession(page);
  expect(after.accessToken).not.toBe('expired.access.token');
  expect(after.refreshToken).not.toBe(before.refreshToken);
});

test('presenting an already rotated refresh token ends the session everywhere and returns to /login', async ({
  page,
}) => {
  await signIn(page, 'inspector');
  await expect(page).toHaveURL(/\/inspector$/);
  const first = await readSession(page);

  await tamperSession(page, { accessToken: 'expired.access.token' });
  const rotated = page.waitForResponse((r) => r.url().endsWith('/api/auth/refresh') && r.status() === 200);
  await page.reload();
  await rotated;
  // The response reaching the network is not the app having stored it: wait for the rotated token,
  // or the app's write could land after (and undo) the tampering below.
  await expect.poll(async () => (await readSession(page)).refreshToken).not.toBe(first.refreshToken);
  await expect(page.getByTestId('user-name')).toBeVisible();
  const second = await readSession(page);

  // A thief replays the first refresh token: the server must treat it as reuse.
  await tamperSession(page, { accessToken: 'expired.access.token', refreshToken: first.refreshToken });
  await page.reload();
  await expect(page).toHaveURL(/\/login\?returnUrl=%2Finspector$/);
  expect(await page.evaluate(() => sessionStorage.getItem('bh.session'))).toBeNull();

  // Reuse revokes the whole session, including the newest refresh token.
  const retry = await page.request.post('/api/auth/refresh', { data: { refreshToken: second.refreshToken } });
  expect(retry.status()).toBe(401);
});
