import { expect, type Locator, type Page } from '@playwright/test';
import { signIn } from '../support/demo';

/**
 * The main page of each workspace, reached the way a user reaches it (sign in, then the menus), for the checks
 * that look at every screen at once: accessibility and screen sizes.
 */
export interface MainPage {
  /** Short name used in test titles and screenshot file names. */
  name: string;
  /** Demo account that opens it; null for the public login page. */
  account: string | null;
  /** The workspace it belongs to, when not named like the account (the director works in the records office's). */
  workspace?: string;
  /** Navigates there and resolves once its content (not just the frame) is on screen. */
  open(page: Page): Promise<void>;
}

async function signedIn(page: Page, account: string, landing: string): Promise<void> {
  await signIn(page, account);
  await expect(page).toHaveURL(new RegExp(`/${landing}$`));
}

async function openCensus(page: Page): Promise<void> {
  await signedIn(page, 'doctor', 'doctor');
  await page.getByTestId('nav-census').click();
  await expect(page.getByTestId('census-row').first()).toBeVisible();
}

async function openEncounter(page: Page): Promise<void> {
  await openCensus(page);
  await page.getByTestId('census-documents').first().click();
  await expect(page.getByTestId('encounter-header')).toBeVisible();
  await expect(page.getByTestId('completeness')).toBeVisible();
}

export const MAIN_PAGES: MainPage[] = [
  {
    name: 'login',
    account: null,
    open: async (page) => {
      await page.goto('/login');
      await expect(page.getByTestId('login-submit')).toBeVisible();
    },
  },
  { name: 'doctor-census', account: 'doctor', open: openCensus },
  {
    name: 'doctor-patient',
    account: 'doctor',
    open: async (page) => {
      await openCensus(page);
      await page.getByTestId('census-patient').first().click();
      await expect(page.getByTestId('patient-name')).toBeVisible();
      await expect(page.getByTestId('encounter-row').first()).toBeVisible();
    },
  },
  { name: 'doctor-documents', account: 'doctor', open: openEncounter },
  {
    name: 'doctor-orders',
    account: 'doctor',
    open: async (page) => {
      await openEncounter(page);
      await page.getByTestId('open-orders').click();
      await expect(page.getByTestId('order-entry')).toBeVisible();
    },
  },
  {
    name: 'doctor-results',
    account: 'doctor',
    open: async (page) => {
      await signedIn(page, 'doctor', 'doctor');
      await page.getByTestId('nav-results').click();
      await expect(page.getByTestId('inbox-entry').first()).toBeVisible();
    },
  },
  {
    name: 'nurse-care-chart',
    account: 'nurse',
    open: async (page) => {
      await signedIn(page, 'nurse', 'nurse');
      await page.getByTestId('ward-row').first().getByTestId('ward-patient').click();
      await expect(page).toHaveURL(/\/vital-signs$/);
      await expect(page.locator('bh-vitals-flowsheet[aria-busy="false"]')).toHaveCount(1);
    },
  },
  {
    name: 'records-queue',
    account: 'records',
    open: async (page) => {
      await signedIn(page, 'records', 'records');
      await expect(page.locator('bh-discharge-queue p-table[data-testid="queue"]')).toBeVisible();
      await expect(page.locator('.p-datatable-mask')).toHaveCount(0);
    },
  },
  {
    name: 'records-archives',
    account: 'records',
    open: async (page) => {
      await signedIn(page, 'records', 'records');
      await page.getByTestId('nav-archives').click();
      await expect(page.getByTestId('search-form')).toBeVisible();
    },
  },
  {
    name: 'records-disposals',
    account: 'director',
    workspace: 'records',
    open: async (page) => {
      await signedIn(page, 'director', 'records');
      await expect(page.getByTestId('nav-disposals')).toHaveAttribute('aria-current', 'page');
      await expect(page.locator('[data-testid="proposal-row"], [data-testid="proposals-empty"]').first()).toBeVisible();
      await expect(page.locator('.p-datatable-mask')).toHaveCount(0);
    },
  },
  {
    name: 'inspector-audit',
    account: 'inspector',
    open: async (page) => {
      await signedIn(page, 'inspector', 'inspector');
      await page.getByTestId('nav-events').click();
      await expect(page.getByTestId('events-filters')).toBeVisible();
      await expect(page.locator('[data-testid="event-row"], [data-testid="events-empty"]').first()).toBeVisible();
    },
  },
  {
    name: 'inspector-integrity',
    account: 'inspector',
    open: async (page) => {
      await signedIn(page, 'inspector', 'inspector');
      await page.getByTestId('nav-integrity').click();
      await expect(page.getByTestId('integrity-run')).toBeVisible();
    },
  },
  {
    name: 'admin-forms',
    account: 'admin',
    open: async (page) => {
      await signedIn(page, 'admin', 'admin');
      await page.getByTestId('nav-forms').click();
      await expect(page.getByTestId('form-row').first()).toBeVisible();
    },
  },
  {
    name: 'admin-form',
    account: 'admin',
    open: async (page) => {
      await signedIn(page, 'admin', 'admin');
      await page.getByTestId('nav-forms').click();
      await page.getByTestId('form-row').first().getByTestId('form-link').click();
      await expect(page.getByTestId('back-to-forms')).toBeVisible();
    },
  },
  {
    name: 'admin-interfaces',
    account: 'admin',
    open: async (page) => {
      await signedIn(page, 'admin', 'admin');
      await page.getByTestId('nav-interfaces').click();
      await expect(page.getByTestId('interfaces-overview')).toBeVisible();
    },
  },
];

/** What a user needs to reach from the page: their workspace menu and sign-out, or the sign-in button. */
export function navigationOf(page: Page, mainPage: MainPage): Locator[] {
  return mainPage.account
    ? [page.getByTestId(`menu-${mainPage.workspace ?? mainPage.account}`), page.getByTestId('logout')]
    : [page.getByTestId('login-submit')];
}

/**
 * Waits for the icon font (font-display: block keeps icons invisible until it has loaded) and for enter
 * animations to end (a message fading in is measured at half its contrast otherwise).
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity));
}
