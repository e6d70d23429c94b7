import { expect, test } from '@playwright/test';
import { signIn } from '../support/demo';

test('a wrong password shows a visible Vietnamese error and stays on the login page', async ({ page }) => {
  await signIn(page, 'doctor', 'not-the-password');

  const error = page.getByTestId('login-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('Sai tên đăng nhập hoặc mật khẩu');
  await expect(page).toHaveURL(/\/login$/);
});
