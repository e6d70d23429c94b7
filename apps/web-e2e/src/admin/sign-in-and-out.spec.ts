import { test } from '@playwright/test';
import { DEMO_ACCOUNTS, expectSignInAndOut } from '../support/demo';

test('the admin signs in, sees only the admin workspace, and signs out', async ({ page }) => {
  await expectSignInAndOut(page, DEMO_ACCOUNTS['admin']);
});
