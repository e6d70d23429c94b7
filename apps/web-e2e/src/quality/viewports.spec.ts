import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { signIn } from '../support/demo';
import { MAIN_PAGES, navigationOf, settle } from './main-pages';

/**
 * The screens Benhan is used on: the ward PC (1366×768) and a 10-inch tablet held either way (1280×800, 800×1280).
 * On each, every main page fits the width (the page itself never scrolls sideways; a wide table scrolls inside
 * its own container), and the workspace menu can be reached. Screenshots land in the test output's
 * screenshots/viewport-<size>-<page>.png for a person to look at.
 */
const VIEWPORTS = [
  { name: 'ward-pc-1366x768', width: 1366, height: 768 },
  { name: 'tablet-landscape-1280x800', width: 1280, height: 800 },
  { name: 'tablet-portrait-800x1280', width: 800, height: 1280 },
] as const;

for (const mainPage of MAIN_PAGES) {
  test(`${mainPage.name} fits the ward PC and a 10-inch tablet in both orientations`, async ({ page }) => {
    const dir = join(test.info().project.outputDir, 'screenshots');
    mkdirSync(dir, { recursive: true });
    await page.setViewportSize(VIEWPORTS[0]);
    await mainPage.open(page);

    for (const viewport of VIEWPORTS) {
      await test.step(viewport.name, async () => {
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        await settle(page);
        await page.screenshot({ path: join(dir, `viewport-${viewport.name}-${mainPage.name}.png`), fullPage: true });

        const overflow = await page.evaluate(() => {
          const root = document.scrollingElement ?? document.documentElement;
          const wider = [...document.querySelectorAll<HTMLElement>('body *')]
            .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1 && !el.closest('.p-datatable-table-container'))
            .slice(0, 5)
            .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
          return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wider };
        });
        expect(overflow.scrollWidth, `sideways scrolling at ${viewport.name}: ${overflow.wider.join(', ')}`).toBeLessThanOrEqual(overflow.clientWidth);

        // The workspace menu and the sign-out button (or the sign-in button) are on screen without scrolling sideways.
        for (const control of navigationOf(page, mainPage)) await expect(control).toBeInViewport();
      });
    }
  });
}

/**
 * The inspector's signature trail, full of the demo seed's signatures, on the ward PC and the tablet held sideways:
 * the page does not scroll sideways, and neither does the table: every column, down to each signature's verdict, is
 * on screen (long names and titles wrap instead).
 */
test('the signature trail fits 1366×768 and 1280×800 with every column on screen', async ({ page }) => {
  await page.setViewportSize(VIEWPORTS[0]);
  await signIn(page, 'inspector');
  await expect(page).toHaveURL(/\/inspector$/);
  await page.getByTestId('trail-submit').click();
  const verdicts = page.locator('[data-testid="trail-row"][data-indication="PASSED"] [data-testid="signature-badge"]');
  await expect(verdicts.first()).toBeVisible();

  for (const viewport of VIEWPORTS.slice(0, 2)) {
    await test.step(viewport.name, async () => {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await settle(page);
      const widths = await page.evaluate(() => {
        const table = document.querySelector<HTMLElement>('[data-testid="trail"] .p-datatable-table-container');
        return {
          page: document.documentElement.scrollWidth,
          window: window.innerWidth,
          table: table?.scrollWidth ?? Infinity,
          tableFrame: table?.clientWidth ?? 0,
        };
      });
      expect(widths.page, `the page scrolls sideways at ${viewport.name}`).toBeLessThanOrEqual(widths.window);
      expect(widths.table, `the table scrolls sideways at ${viewport.name}`).toBeLessThanOrEqual(widths.tableFrame);
      await expect(verdicts.first()).toBeInViewport({ ratio: 1 });
      await expect(verdicts.first()).toHaveText('Chữ ký hợp lệ');
    });
  }
});
