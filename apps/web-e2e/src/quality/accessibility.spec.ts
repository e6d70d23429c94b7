import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { MAIN_PAGES, settle } from './main-pages';

/**
 * Every workspace's main page passes axe-core's WCAG 2 A and AA rules without a serious or critical violation
 * (contrast, names of controls, landmarks, ARIA). Minor and moderate findings are attached to the report, not failed.
 */
const BLOCKING = new Set(['serious', 'critical']);

for (const mainPage of MAIN_PAGES) {
  test(`${mainPage.name} has no serious or critical WCAG 2 A/AA violation`, async ({ page }, testInfo) => {
    await mainPage.open(page);
    await settle(page);

    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    await testInfo.attach('axe-violations.json', { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });

    const blocking = results.violations
      .filter((v) => BLOCKING.has(v.impact ?? ''))
      .map((v) => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 12).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ') ?? ''}`),
      }));
    expect(blocking).toEqual([]);
  });
}
