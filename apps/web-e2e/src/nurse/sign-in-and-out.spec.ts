import { test } from '@playwright/test';
import { DEMO_ACCOUNTS, expectSignInAndOut } from '../support/demo';

test('the nurse signs in, sees only the nurse workspace, and signs out', async ({ page }) => {
  await expectSignInAndOut(page, DEMO_ACCOUNTS['nurse']);
});
