import { expect, test } from '@playwright/test';

test('the login page is Vietnamese by default and switches to English, remembering the choice', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng nhập');
  await expect(page.getByText('Tên đăng nhập')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');

  await page.getByTestId('lang-en').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  await expect(page.getByText('Username')).toBeVisible();
  await expect(page.getByTestId('app-subtitle')).toHaveText('Hospital electronic medical record');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');

  await page.getByTestId('lang-vi').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng nhập');
});

test('an English user gets the English error for a wrong password', async ({ page }) => {
  await page.goto('/login');
  await page.getByTestId('lang-en').click();
  await page.getByTestId('login-username').fill('nurse');
  await page.locator('#password').fill('not-the-password');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toContainText('Incorrect username or password');
});
