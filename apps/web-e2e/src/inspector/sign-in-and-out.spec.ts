import { test } from '@playwright/test';
import { DEMO_ACCOUNTS, expectSignInAndOut } from '../support/demo';

test('the inspector signs in, sees only the inspector workspace, and signs out', async ({ page }) => {
  await expectSignInAndOut(page, DEMO_ACCOUNTS['inspector']);
});
