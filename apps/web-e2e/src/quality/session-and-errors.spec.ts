import { expect, type Page, test } from '@playwright/test';
import { DEMO_PASSWORD, signIn } from '../support/demo';
import { readSession, tamperSession } from '../support/session';

/** Signs in on the login page the app sent us to, keeping its `returnUrl`. */
async function signInAgain(page: Page, username: string): Promise<void> {
  await expect(page.getByTestId('login-submit')).toBeVisible();
  await page.getByTestId('login-username').fill(username);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
}

test('an expired session sends the user to sign in and then back to the page they were on', async ({ page }) => {
  await signIn(page, 'doctor');
  await page.getByTestId('nav-census').click();
  await expect(page).toHaveURL(/\/doctor\/census$/);

  // Both tokens are dead (the tab slept past the refresh token's life): the reload cannot refresh.
  await tamperSession(page, { accessToken: 'expired.access', refreshToken: 'expired-refresh' });
  await page.reload();
  await expect(page).toHaveURL(/\/login\?returnUrl=%2Fdoctor%2Fcensus$/);

  await signInAgain(page, 'doctor');
  await expect(page).toHaveURL(/\/doctor\/census$/);
  await expect(page.getByTestId('census-row').first()).toBeVisible();
});

test('a session revoked while a page is open returns there after signing in again', async ({ page }) => {
  await signIn(page, 'records');
  await page.getByTestId('nav-archives').click();
  await expect(page).toHaveURL(/\/records\/archives/);
  await expect(page.getByTestId('search-form')).toBeVisible();

  // The session ends elsewhere (an administrator, or the same user signing out in another tab).
  const session = await readSession(page);
  const logout = await page.request.post('/api/auth/logout', {
    data: { refreshToken: session.refreshToken },
    headers: { authorization: `Bearer ${session.accessToken}` },
  });
  expect(logout.ok()).toBe(true);

  const archivesUrl = new URL(page.url());
  await page.getByTestId('search-submit').click();
  await expect(page).toHaveURL(/\/login\?returnUrl=/);
  const returnUrl = new URL(page.url()).searchParams.get('returnUrl');
  expect(returnUrl).toMatch(/^\/records\/archives/);

  await signInAgain(page, 'records');
  await expect(page).toHaveURL(new RegExp(`${archivesUrl.pathname}`));
  await expect(page.getByTestId('search-form')).toBeVisible();
});

test('an API error is shown as a sentence in the user language, never as raw JSON', async ({ page }) => {
  await signIn(page, 'doctor');
  await expect(page).toHaveURL(/\/doctor$/);

  // 404 from the API: a patient that does not exist.
  await page.goto('/doctor/patients/00000000-0000-4000-8000-000000000000');
  const notFound = page.getByTestId('patient-error');
  await expect(notFound).toContainText('Không tìm thấy hồ sơ.');

  // 400 from the API (the id is not a UUID): the server's reason, worded for a person.
  await page.goto('/doctor/patients/not-a-patient-id');
  const rejected = page.getByTestId('patient-error');
  await expect(rejected).toBeVisible();
  const message = await rejected.innerText();
  expect(message).not.toMatch(/[{}[\]]|"status"|"type"|application\/problem\+json|HttpErrorResponse|Http failure/);
  expect(message).toMatch(/\p{L}{2,}/u);
});
