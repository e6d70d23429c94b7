import { expect, type Page, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ACCOUNTS, signIn } from '../support/demo';

/**
 * A day-one journey of the doctor workspace: register a patient whose name has Vietnamese diacritics, find
 * them again by typing the name without diacritics, admit them to a free bed of internal medicine, and find
 * them in the ward census.
 *
 * The CCCD (001 = Hà Nội, digit 4 = 1: a woman born in the 1900s, then 90 = 1990) and the birth day differ per
 * run, so the journey also passes against a reused server (BASE_URL) holding patients of earlier runs: no CCCD
 * clash, and no "possible duplicate" (same name, birth date and sex) to confirm.
 */
const runTag = String(Date.now() % 1_000_000).padStart(6, '0');
const patient = {
  fullName: 'Trịnh Thị Ngọc Ánh',
  searchText: 'trinh thi ngoc anh',
  birthDate: `${String((Number(runTag) % 28) + 1).padStart(2, '0')}/${String((Number(runTag) % 12) + 1).padStart(2, '0')}/1990`,
  citizenId: `001190${runTag}`,
  insuranceCard: 'DN4010123456789',
};

/**
 * PrimeNG date pickers parse what is typed key by key (they ignore a pasted or filled value); Escape closes the
 * calendar the typing opened.
 */
async function typeDate(page: Page, inputId: string, value: string): Promise<void> {
  const input = page.locator(`#${inputId}`);
  await input.click();
  await input.pressSequentially(value);
  await input.press('Escape');
  await input.press('Tab');
  await expect(input).toHaveValue(value);
}

test('the doctor registers a patient, finds them without diacritics, admits them to a free bed and sees them in the census', async ({
  page,
}) => {
  await signIn(page, DEMO_ACCOUNTS['doctor'].username);
  await expect(page).toHaveURL(/\/doctor$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Tìm bệnh nhân' })).toBeVisible();

  // Register.
  await page.getByTestId('register-patient').click();
  await expect(page).toHaveURL(/\/doctor\/patients\/new$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Đăng ký bệnh nhân mới' })).toBeVisible();
  await page.locator('#fullName').fill(patient.fullName);
  await typeDate(page, 'birthDate', patient.birthDate);
  await page.getByTestId('sex').getByText('Nữ', { exact: true }).click();

  // The client checks the CCCD against sex and year of birth before anything is sent.
  await page.locator('#citizenId').fill('001090' + runTag);
  await page.locator('#citizenId').press('Tab');
  await expect(page.locator('#citizenId-problems')).toContainText('Chữ số thứ 4 của CCCD');
  await page.locator('#citizenId').fill(patient.citizenId);
  await expect(page.locator('#citizenId-problems')).toBeEmpty();

  await page.locator('#cardNumber').fill(patient.insuranceCard);
  await typeDate(page, 'cardValidFrom', '01/01/2026');
  await typeDate(page, 'cardValidTo', '31/12/2026');
  await page.getByTestId('register-submit').click();

  await expect(page).toHaveURL(/\/doctor\/patients\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('patient-name')).toHaveText(patient.fullName);
  await expect(page.getByTestId('patient-code')).not.toBeEmpty();
  const patientCode = (await page.getByTestId('patient-code').innerText()).trim();
  await expect(page.getByTestId('patient-identity')).toContainText(patient.citizenId);
  await expect(page.getByTestId('insurance-card')).toContainText(patient.insuranceCard);

  // Find them again, typing the name without diacritics.
  await page.getByTestId('nav-patients').click();
  await page.getByTestId('patient-search').fill(patient.searchText);
  const row = page.getByTestId('patient-row').filter({ hasText: patient.citizenId });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(patient.fullName);
  await expect(row).toContainText(patient.birthDate);
  await expect(row).toContainText('Nữ');
  await row.getByTestId('patient-name').click();
  await expect(page.getByTestId('patient-code')).toHaveText(patientCode);

  // Admit to a free bed of internal medicine.
  await page.getByTestId('admit').click();
  const dialog = page.getByTestId('admission-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('admission-department')).toContainText('Khoa Nội tổng hợp');
  const freeBed = dialog.locator('[data-testid="bed"]:enabled').first();
  await expect(freeBed).toBeVisible();
  await expect(freeBed).toHaveAttribute('data-bed-code', /.+/);
  const bedCode = String(await freeBed.getAttribute('data-bed-code'));
  await freeBed.click();
  await expect(freeBed).toHaveAttribute('aria-pressed', 'true');
  await dialog.getByTestId('admission-source').getByText('Cấp cứu', { exact: true }).click();
  await page.locator('#admission-diagnosis').fill('J18.9');
  const option = page.getByTestId('icd10-option').filter({ hasText: 'J18.9' }).first();
  await expect(option).toBeVisible();
  await option.click();
  await expect(page.locator('#admission-diagnosis')).toHaveValue(/^J18\.9 – /);
  await dialog.getByTestId('admission-submit').click();

  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('admission-success')).toContainText('Khoa Nội tổng hợp');
  await expect(page.getByTestId('admit')).toHaveCount(0);

  // The ward census of the department lists them in that bed.
  await page.getByTestId('admission-success').getByRole('link').click();
  await expect(page).toHaveURL(/\/doctor\/census$/);
  const censusRow = page.getByTestId('census-row').filter({ hasText: patientCode });
  await expect(censusRow).toHaveCount(1);
  await expect(censusRow).toContainText(patient.fullName);
  await expect(censusRow).toContainText(bedCode);
  await expect(censusRow).toContainText('J18.9');

  const dir = join(test.info().project.outputDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  await page.screenshot({ path: join(dir, 'doctor-ward-census.png'), fullPage: true });
});
