import { expect, type Locator, type Page, test } from '@playwright/test';
import { signIn } from '../support/demo';

/**
 * The nurse's date-time fields (when vital signs were taken, alone or in a round; when a dose was given) read and take
 * the hospital's dd/MM/yyyy HH:mm on a 24-hour clock, even in a browser set to American English, whose own
 * `datetime-local` field would show mm/dd/yyyy and AM/PM.
 */
test.use({ locale: 'en-US', timezoneId: 'Asia/Ho_Chi_Minh' });

const VIETNAMESE_DATE_TIME = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/;

/** Today in the browser, as dd/MM/yyyy. */
function today(page: Page): Promise<string> {
  return page.evaluate(() => {
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${pad(now.getDate())}/${pad(now.getMonth() + 1)}/${now.getFullYear()}`;
  });
}

async function expectNowShown(page: Page, field: Locator): Promise<void> {
  await expect(field).toHaveValue(VIETNAMESE_DATE_TIME);
  expect((await field.inputValue()).slice(0, 10)).toBe(await today(page));
}

async function openCareChart(page: Page): Promise<void> {
  await signIn(page, 'nurse');
  await expect(page).toHaveURL(/\/nurse$/);
  await page.getByTestId('ward-row').first().getByTestId('ward-patient').click();
  await expect(page.locator('bh-vitals-flowsheet[aria-busy="false"]')).toHaveCount(1);
}

test('a set of vital signs is taken at a time typed day first on a 24-hour clock', async ({ page }) => {
  await openCareChart(page);
  const time = page.getByTestId('vs-taken-at').locator('input');
  await expectNowShown(page, time);

  // Yesterday at 20:15, typed as the hospital writes it; Enter moves on to the first value.
  const { typed, instant } = await page.evaluate(() => {
    const at = new Date();
    at.setDate(at.getDate() - 1);
    at.setHours(20, 15, 0, 0);
    const pad = (n: number) => String(n).padStart(2, '0');
    return {
      typed: `${pad(at.getDate())}/${pad(at.getMonth() + 1)}/${at.getFullYear()} 20:15`,
      instant: at.toISOString(),
    };
  });
  await time.click();
  await time.press('ControlOrMeta+a');
  await time.pressSequentially(typed);
  await time.press('Enter');
  await expect(page.getByTestId('vs-pulse')).toBeFocused();
  await expect(time).toHaveValue(typed);
  await page.keyboard.type('76');
  await page.getByTestId('vs-save').click();
  await expect(page.getByTestId('vs-notice')).toBeVisible();
  await expect(page.locator(`[data-testid="flowsheet-row"][data-taken-at="${instant}"]`)).toHaveCount(1);
  // After saving, the field shows now again.
  await expectNowShown(page, time);

  // The calendar opens from its icon only (focusing the field to type leaves the values below uncovered), on a
  // 24-hour clock: no AM/PM.
  const calendar = page.locator('.p-datepicker-panel');
  await time.focus();
  await expect(calendar).toHaveCount(0);
  await page.getByTestId('vs-taken-at').locator('.p-datepicker-input-icon').click();
  await expect(calendar).toBeVisible();
  await expect(calendar.locator('.p-datepicker-ampm-picker')).toHaveCount(0);
  await time.press('Escape');
  await expect(calendar).toHaveCount(0);
});

test('the round’s time reads dd/MM/yyyy HH:mm and Enter goes from it to the first patient’s first value', async ({ page }) => {
  await signIn(page, 'nurse');
  await page.getByTestId('nav-round').click();
  await expect(page.getByTestId('round-row').first()).toBeVisible();
  const time = page.getByTestId('round-taken-at').locator('input');
  await expectNowShown(page, time);

  await time.click();
  await time.press('Enter');
  const firstCell = page.getByTestId('round-row').first().locator('input').first();
  await expect(firstCell).toBeFocused();

  // Tab from the time stops on no calendar button: it goes on into the grid (the first patient's name, then the values).
  await time.click();
  await time.press('Tab');
  await expect(page.getByTestId('round-row').first().getByRole('link')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(firstCell).toBeFocused();
});

test('a dose is recorded as given at the time its field shows, dd/MM/yyyy HH:mm', async ({ page }) => {
  await openCareChart(page);
  await page.getByTestId('tab-medications').click();
  await page.getByTestId('medication-record').first().click();
  const time = page.getByTestId('administered-at').locator('input');
  await expectNowShown(page, time);
  const shown = await time.inputValue();
  await page.getByTestId('administration-submit').click();
  await expect(page.getByTestId('medication-notice')).toBeVisible();
  // The newest administration is the one just recorded, at the time the field showed.
  await expect(page.getByTestId('medication-administration').first().locator('td').first()).toHaveText(shown);
});
