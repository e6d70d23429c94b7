import { test } from '@playwright/test';
import { DEMO_ACCOUNTS, expectSignInAndOut } from '../support/demo';

test('the doctor signs in, sees only the doctor workspace, and signs out', async ({ page }) => {
  await expectSignInAndOut(page, DEMO_ACCOUNTS['doctor']);
});

test('the head of internal medicine signs in as a doctor marked head of department, and signs out', async ({
  page,
}) => {
  await expectSignInAndOut(page, DEMO_ACCOUNTS['headdoctor']);
});
