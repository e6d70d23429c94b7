import { expect, type Locator, type Page, type Route, test } from '@playwright/test';
import { signIn } from '../support/demo';

/**
 * A long operation shows it is working, cannot be started twice by an impatient second click, and leaves the
 * page responsive meanwhile. The API's answer is held back for a moment so the busy state can be observed.
 */
async function holdRequests(page: Page, path: string): Promise<{ count: () => number; release: () => void }> {
  let count = 0;
  const held: Route[] = [];
  let released = false;
  await page.route((url) => url.pathname === path, async (route) => {
    count++;
    if (released) return route.continue();
    held.push(route);
  });
  return {
    count: () => count,
    release: () => {
      released = true;
      for (const route of held.splice(0)) void route.continue();
    },
  };
}

async function expectBusy(button: Locator): Promise<void> {
  await expect(button).toHaveClass(/p-button-loading/);
  // A second click while it runs is refused (the button is disabled for the pointer and in code).
  await button.dispatchEvent('click');
}

test('the integrity check shows progress, refuses a double start and keeps the page usable', async ({ page }) => {
  await signIn(page, 'inspector');
  await page.getByTestId('nav-integrity').click();
  const integrity = await holdRequests(page, '/api/audit/integrity');

  const run = page.getByTestId('integrity-run');
  await run.click();
  await expectBusy(run);
  expect(integrity.count()).toBe(1);
  // The page still answers: the menu can be focused while the check runs.
  await page.getByTestId('nav-events').focus();
  await expect(page.getByTestId('nav-events')).toBeFocused();

  integrity.release();
  await expect(run).not.toHaveClass(/p-button-loading/);
  await expect(page.getByTestId('integrity-last')).toHaveAttribute('data-status', 'OK');
  expect(integrity.count()).toBe(1);
});

test('the export of every archive shows progress and refuses a double submit', async ({ page }) => {
  await signIn(page, 'records');
  await page.getByTestId('nav-archives').click();
  const exports = await holdRequests(page, '/api/archives/export');

  await page.getByTestId('export-open').click();
  await page.getByTestId('reason-input').fill('Kiểm tra sao lưu định kỳ của phòng lưu trữ');
  const submit = page.getByTestId('reason-submit');
  await submit.click();
  await expectBusy(submit);
  await expect(page.getByTestId('reason-cancel')).toBeDisabled();
  expect(exports.count()).toBe(1);

  const download = page.waitForEvent('download');
  exports.release();
  await download;
  await expect(page.getByTestId('reason-dialog')).toBeHidden();
  expect(exports.count()).toBe(1);
});
