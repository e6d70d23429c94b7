import { expect, type Page, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Password of every demo account (the API's demo seed; published in the README, demo only). */
export const DEMO_PASSWORD = 'Benhan@2026';

export interface DemoAccount {
  username: string;
  fullName: string;
  /** Department names shown in the top bar; empty when the account has none. */
  departments: string[];
  isHead: boolean;
  /** The only workspace menu items this account may see, in order. */
  menu: string[];
  /** Vietnamese title of the workspace it lands on. */
  landingTitle: string;
}

/** The demo seed's human accounts (apps/api/src/demo/demo-hospital.ts). */
export const DEMO_ACCOUNTS: Record<string, DemoAccount> = {
  doctor: {
    username: 'doctor',
    fullName: 'BS. Nguyễn Văn Minh',
    departments: ['Khoa Nội tổng hợp'],
    isHead: false,
    menu: ['menu-doctor'],
    landingTitle: 'Bác sĩ',
  },
  headdoctor: {
    username: 'headdoctor',
    fullName: 'BSCKII. Trần Thị Thanh Hương',
    departments: ['Khoa Nội tổng hợp'],
    isHead: true,
    menu: ['menu-doctor'],
    landingTitle: 'Bác sĩ',
  },
  nurse: {
    username: 'nurse',
    fullName: 'ĐD. Lê Thị Hồng Nhung',
    departments: ['Khoa Nội tổng hợp'],
    isHead: false,
    menu: ['menu-nurse'],
    landingTitle: 'Điều dưỡng',
  },
  records: {
    username: 'records',
    fullName: 'Phạm Thu Trang',
    departments: ['Phòng Kế hoạch tổng hợp'],
    isHead: false,
    menu: ['menu-records'],
    landingTitle: 'Phòng Kế hoạch tổng hợp – Lưu trữ hồ sơ',
  },
  inspector: {
    username: 'inspector',
    fullName: 'Đỗ Quang Vinh',
    departments: [],
    isHead: false,
    menu: ['menu-inspector'],
    landingTitle: 'Thanh tra',
  },
  admin: {
    username: 'admin',
    fullName: 'Quản trị hệ thống',
    departments: ['Phòng Kế hoạch tổng hợp'],
    isHead: false,
    menu: ['menu-admin'],
    landingTitle: 'Quản trị',
  },
};

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByTestId('login-submit').click();
}

/**
 * The whole journey of one account: sign in, land on its own workspace with exactly its menu, see who is
 * signed in, leave a screenshot of the shell, sign out, and find the workspace closed afterwards.
 */
export async function expectSignInAndOut(page: Page, account: DemoAccount): Promise<void> {
  await signIn(page, account.username);

  const landing = account.menu[0].replace('menu-', '');
  await expect(page).toHaveURL(new RegExp(`/${landing}$`));
  await expect(page.locator('[data-testid^="menu-"]')).toHaveCount(account.menu.length);
  for (const item of account.menu) await expect(page.getByTestId(item)).toBeVisible();
  await expect(page.getByTestId('workspace-title')).toHaveText(account.landingTitle);
  await expect(page.getByTestId('user-name')).toHaveText(account.fullName);
  if (account.departments.length > 0) {
    for (const name of account.departments) await expect(page.getByTestId('user-departments')).toContainText(name);
  } else {
    await expect(page.getByTestId('user-departments')).toHaveCount(0);
  }
  await expect(page.getByTestId('head-of-department')).toHaveCount(account.isHead ? 1 : 0);

  const dir = join(test.info().project.outputDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  // primeicons uses font-display: block, so icons stay invisible until the font has arrived.
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  await page.screenshot({ path: join(dir, `${account.username}.png`), fullPage: true });

  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId('login-submit')).toBeVisible();

  // Signed out, the workspace sends to the login page, which would bring the user back there.
  await page.goto(`/${landing}`);
  await expect(page).toHaveURL(new RegExp(`/login\\?returnUrl=%2F${landing}$`));
}
