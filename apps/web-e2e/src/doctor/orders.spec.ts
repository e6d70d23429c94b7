import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ACCOUNTS, signIn } from '../support/demo';

/**
 * Orders and results: the doctor opens an internal-medicine inpatient, orders a lipid panel, signs and sends it
 * with the PIN (123456, enrolled by the demo seed) and sees it "Đã gửi"; the LIS (the demo `lis` client, with
 * its client-credentials token) posts the results with a high LDL; the doctor finds them in the results inbox
 * flagged "Bất thường", opens them, sees the LDL coloured as abnormal and acknowledges them, and they leave the
 * inbox. Each run posts its own report id, so it also passes against a reused server (BASE_URL).
 */
const DEMO_PIN = '123456';

test('orders: the doctor orders a lipid panel, signs it, and acknowledges the LIS results from the inbox', async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS['doctor'].username);
  await expect(page).toHaveURL(/\/doctor$/);

  // An internal-medicine inpatient from the ward census, then the encounter's orders.
  await page.getByTestId('nav-census').click();
  await expect(page.getByTestId('census-department-name')).toHaveText('Khoa Nội tổng hợp');
  const link = page.getByTestId('census-documents').first();
  await expect(link).toBeVisible();
  await page.goto((await link.getAttribute('href')) ?? '');
  await expect(page.getByTestId('encounter-header')).toBeVisible();
  await page.getByTestId('open-orders').click();
  await expect(page).toHaveURL(/\/doctor\/encounters\/[^/]+\/orders$/);

  // The lipid panel, found by its Vietnamese name without diacritics, shows its member tests.
  await page.getByTestId('order-search').fill('mo mau');
  const lipids = page.locator('[data-testid="order-pick"][data-service-code="SH-LIPID"]');
  await expect(lipids).toContainText('Bộ mỡ máu');
  await expect(lipids.getByTestId('order-pick-members')).toContainText('LDL-Cholesterol');
  await lipids.click();
  await expect(page.getByTestId('order-selected-item')).toHaveText(/Bộ mỡ máu/);
  await page.getByTestId('order-priority-urgent').check();
  await page.locator('#order-reason-code').fill('E11.9');
  const icd10 = page.getByTestId('icd10-option').filter({ hasText: 'E11.9' }).first();
  await expect(icd10).toBeVisible();
  await icd10.click();
  await expect(page.locator('#order-reason-code')).toHaveValue(/^E11\.9 – /);
  await page.getByTestId('order-reason-text').fill('Theo dõi rối loạn lipid máu');
  await page.getByTestId('order-note').fill('Nhịn ăn từ 22 giờ.');
  const dir = join(test.info().project.outputDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, 'doctor-order-entry.png'), fullPage: true });
  await page.getByTestId('order-place').click();

  // Placed as a draft, then "Ký và gửi" with the PIN: the signature of the order sheet activates it.
  await expect(page.getByTestId('pin-step')).toContainText('Phiếu chỉ định cận lâm sàng');
  await page.getByTestId('pin-input').fill(DEMO_PIN);
  await page.getByTestId('pin-submit').click();
  await expect(page.getByTestId('pin-input')).toBeHidden();
  await expect(page.getByTestId('orders-notice')).toContainText('Đã ký và gửi chỉ định.');
  const row = page.getByTestId('order-row').first();
  await expect(row.getByTestId('order-items')).toContainText('Bộ mỡ máu');
  await expect(row.getByTestId('order-status')).toHaveText('Đã gửi');
  await expect(row).toContainText('Khẩn');
  const orderId = (await row.getAttribute('data-order-id')) ?? '';
  expect(orderId).not.toBe('');

  // The LIS posts the results with its client-credentials token.
  const tokenResponse = await page.request.post('/api/auth/token', {
    form: { grant_type: 'client_credentials', client_id: 'lis', client_secret: 'lis-demo-secret-2026' },
  });
  expect(tokenResponse.status(), await tokenResponse.text()).toBe(200);
  const lis = ((await tokenResponse.json()) as { access_token: string }).access_token;
  const results = await page.request.post(`/api/orders/${orderId}/results`, {
    headers: { Authorization: `Bearer ${lis}` },
    data: {
      externalId: `LIS-WEB-E2E-${Date.now()}`,
      status: 'final',
      performer: 'KTV. Vũ Thị Lan',
      conclusion: 'LDL-Cholesterol tăng.',
      observations: [
        { code: '14647-2', valueQuantity: 5.0, unit: 'mmol/L' },
        { code: '14927-8', valueQuantity: 1.5, unit: 'mmol/L' },
        { code: '14646-4', valueQuantity: 1.2, unit: 'mmol/L' },
        { code: '22748-8', valueQuantity: 4.1, unit: 'mmol/L' },
      ],
    },
  });
  expect(results.status(), await results.text()).toBe(201);
  const reportId = ((await results.json()) as { report: { id: string } }).report.id;

  // The inbox shows it flagged abnormal; the result view colours the LDL and takes the acknowledgement.
  await page.getByTestId('nav-results').click();
  await expect(page).toHaveURL(/\/doctor\/results$/);
  const entry = page.locator(`[data-testid="inbox-entry"][data-report-id="${reportId}"]`);
  await expect(entry).toBeVisible();
  await expect(entry.getByTestId('inbox-abnormal')).toHaveText('Bất thường');
  await expect(entry.getByTestId('inbox-flagged')).toContainText('LDL-Cholesterol');
  await expect(entry.getByTestId('inbox-flagged')).toContainText('4,1');
  // Critical results come first: the demo's critical potassium is above ours.
  await expect(page.getByTestId('inbox-entry').first().getByTestId('inbox-critical')).toHaveText('Nguy hiểm');

  await page.screenshot({ path: join(dir, 'doctor-results-inbox.png'), fullPage: true });

  await entry.getByTestId('inbox-open').click();
  await expect(page.getByTestId('result-view')).toHaveAttribute('data-report-id', reportId);
  const ldl = page.locator('[data-testid="observation-row"][data-code="22748-8"]');
  await expect(ldl).toHaveClass(/bh-flag--abnormal/);
  await expect(ldl.getByTestId('observation-interpretation')).toHaveText('Cao');
  await expect(ldl.getByTestId('observation-range')).toHaveText('< 3,4');
  await expect(page.locator('[data-testid="observation-row"][data-code="14646-4"]')).toHaveClass(/bh-flag--normal/);
  await ldl.getByTestId('observation-trend').click();
  await expect(page.getByTestId('trend-table')).toContainText('4,1');
  await page.screenshot({ path: join(dir, 'doctor-result-view.png'), fullPage: true });
  await page.getByTestId('result-acknowledge').click();
  await expect(page.getByTestId('result-acknowledged')).toContainText('Đã xem lúc');

  await page.getByTestId('nav-results').click();
  await expect(page.getByTestId('inbox-entry').first()).toBeVisible();
  await expect(entry).toHaveCount(0);
});
