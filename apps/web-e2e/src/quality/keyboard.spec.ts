import { expect, type Page, test } from '@playwright/test';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../support/demo';

/**
 * The frequent tasks by keyboard alone (issue 10; the vital-signs round is nurse/care-chart.spec.ts): sign in without
 * touching the mouse, find a patient by typing and open them with Tab and Enter, and sign an order with the PIN typed
 * straight into the dialog and Enter. Each page puts the focus where its first task is.
 */
async function tabUntil(page: Page, testId: string, limit = 25): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if ((await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === testId) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${testId} never took the focus within ${limit} Tab presses`);
}

test('keyboard: sign in, find and open a patient, and sign an order with the PIN, without the mouse', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByTestId('login-username')).toBeFocused();
  await page.keyboard.type(DEMO_ACCOUNTS['doctor'].username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/doctor$/);

  // The patient list opens with the search field ready: type, then Tab to the first patient and Enter.
  await expect(page.getByTestId('patient-search')).toBeFocused();
  await page.keyboard.type('nguyen');
  await expect(page.getByTestId('patient-row').first()).toBeVisible();
  await tabUntil(page, 'patient-name');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/doctor\/patients\/[0-9a-f-]{36}$/);

  // An order placed on an internal-medicine stay, then signed: the PIN field has the focus, Enter signs.
  await page.getByTestId('nav-census').click();
  const link = page.getByTestId('census-documents').first();
  await expect(link).toBeVisible();
  await page.goto((await link.getAttribute('href')) ?? '');
  await page.getByTestId('open-orders').click();
  await page.getByTestId('order-search').fill('glucose');
  await page.locator('[data-testid="order-pick"][data-service-code="SH-GLU"]').click();
  await page.getByTestId('order-place').click();
  await expect(page.getByTestId('pin-input')).toBeFocused();
  await page.keyboard.type('123456');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pin-input')).toBeHidden();
  await expect(page.getByTestId('orders-notice')).toContainText('Đã ký và gửi chỉ định.');
});
