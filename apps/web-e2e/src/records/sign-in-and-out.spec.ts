import { test } from '@playwright/test';
import { DEMO_ACCOUNTS, expectSignInAndOut } from '../support/demo';

test('the records officer signs in, sees only the records workspace, and signs out', async ({ page }) => {
  await expectSignInAndOut(page, DEMO_ACCOUNTS['records']);
});
