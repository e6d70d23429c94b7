import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ACCOUNTS, signIn } from '../support/demo';

/**
 * The nurse's care chart: from the ward list of internal medicine, open an inpatient, type a set of vital signs
 * with the keyboard only (Enter and Tab move on, Enter on the last value saves), see the abnormal temperature
 * flagged as typed, find the set in the flowsheet and as new points of the chart's temperature and pulse curves,
 * and have an impossible temperature refused in Vietnamese before anything is sent.
 */
test('the nurse charts a set of vital signs with the keyboard and sees it in the flowsheet and the chart', async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS['nurse'].username);
  await expect(page).toHaveURL(/\/nurse$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Buồng bệnh' })).toBeVisible();

  // The ward list: the department's inpatients by bed.
  const row = page.getByTestId('ward-row').first();
  await expect(row).toBeVisible();
  const patientName = (await row.getByTestId('ward-patient').innerText()).trim();
  await row.getByTestId('ward-patient').click();
  await expect(page).toHaveURL(/\/nurse\/encounters\/[0-9a-f-]{36}\/vital-signs$/);
  await expect(page.getByTestId('chart-patient')).toHaveText(patientName);

  // Wait for the flowsheet of the range, then count the chart's points before.
  await expect(page.locator('bh-vitals-flowsheet[aria-busy="false"]')).toHaveCount(1);
  const temperaturePoints = page.getByTestId('temperature-point');
  const pulsePoints = page.getByTestId('pulse-point');
  const temperaturesBefore = await temperaturePoints.count();
  const pulsesBefore = await pulsePoints.count();
  const hotBefore = await page.locator('[data-testid="temperature-point"][data-value="38.6"]').count();

  const posts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().includes('/vital-signs')) posts.push(request.url());
  });

  // Keyboard only: Enter and Tab move on; the abnormal temperature is flagged as typed.
  await page.getByTestId('vs-pulse').click();
  await page.keyboard.type('88');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('vs-temperature')).toBeFocused();
  await page.keyboard.type('38,6');
  await expect(page.getByTestId('vs-temperature')).toHaveAttribute('data-flag', 'high');
  await expect(page.getByTestId('vs-temperature-message')).toContainText('Cao');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('vs-systolic_bp')).toBeFocused();
  await page.keyboard.type('125');
  await page.keyboard.press('Enter');
  await page.keyboard.type('80');
  await page.keyboard.press('Enter');
  await page.keyboard.type('20');
  await page.keyboard.press('Enter');
  await page.keyboard.type('97');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('vs-weight')).toBeFocused();
  await page.keyboard.type('55');
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('vs-notice')).toContainText('Đã lưu 7 chỉ số');
  expect(posts).toHaveLength(1);
  await expect(page.getByTestId('vs-pulse')).toBeFocused();
  await expect(page.getByTestId('vs-pulse')).toHaveValue('');

  // The flowsheet shows the set, the temperature flagged high.
  const newest = page.getByTestId('flowsheet-row').first();
  await expect(newest.locator('[data-testid="flowsheet-value"][data-kind="temperature"]')).toContainText('38,6');
  await expect(newest.locator('[data-testid="flowsheet-value"][data-kind="temperature"]')).toHaveAttribute('data-flag', 'high');
  await expect(newest.locator('[data-testid="flowsheet-value"][data-kind="pulse"]')).toContainText('88');

  // The chart has a new point on each curve, and the curves go through them.
  await expect(temperaturePoints).toHaveCount(temperaturesBefore + 1);
  await expect(pulsePoints).toHaveCount(pulsesBefore + 1);
  await expect(page.locator('[data-testid="temperature-point"][data-value="38.6"]')).toHaveCount(hotBefore + 1);
  const newTemperature = page.locator('[data-testid="temperature-point"][data-value="38.6"]').last();
  const newPulse = page.locator('[data-testid="pulse-point"][data-value="88"]').last();
  const temperaturePath = (await page.getByTestId('temperature-path').getAttribute('d')) ?? '';
  const pulsePath = (await page.getByTestId('pulse-path').getAttribute('d')) ?? '';
  expect(temperaturePath).toMatch(/^M/);
  expect(temperaturePath).toContain(`${await newTemperature.getAttribute('data-x')},${await newTemperature.getAttribute('data-y')}`);
  expect(pulsePath).toContain(`${await newPulse.getAttribute('cx')},${await newPulse.getAttribute('cy')}`);

  // An impossible temperature is refused before sending, in Vietnamese.
  await page.getByTestId('vs-temperature').fill('52');
  await page.getByTestId('vs-temperature').press('Tab');
  await expect(page.getByTestId('vs-temperature-message')).toContainText('Giá trị không thể có');
  await expect(page.getByTestId('vs-temperature')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('vs-save').click();
  await expect(page.getByTestId('vs-temperature')).toBeFocused();
  expect(posts).toHaveLength(1);

  const dir = join(test.info().project.outputDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  await page.screenshot({ path: join(dir, 'nurse-care-chart.png'), fullPage: true });
});

