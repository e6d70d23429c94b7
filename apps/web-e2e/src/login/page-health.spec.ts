import { expect, test } from '@playwright/test';

test('the login page loads without console errors and with its icon font (nothing blocked by the CSP)', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));

  await page.goto('/login');
  await expect(page.getByTestId('login-submit')).toBeVisible();
  const iconFontLoaded = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].some((font) => font.family.replace(/"/g, '') === 'primeicons' && font.status === 'loaded');
  });

  expect(iconFontLoaded).toBe(true);
  expect(errors).toEqual([]);
});
