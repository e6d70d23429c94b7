import { expect, type Page, test } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ACCOUNTS, signIn } from '../support/demo';

/**
 * The doctor signs the internal-medicine record (01/BV1) of an inpatient with the signing PIN: a wrong PIN is
 * refused with the attempts left, the demo PIN (123456, enrolled by the demo seed) signs it, the version becomes
 * "Đã ký" and read-only, its badge says the signature is valid and the validation report passes every check.
 *
 * The record is created through the API with the valid sample content (every mandatory field), so the journey is
 * about signing, not about typing the form. It takes the first internal-medicine inpatient without a record, so it
 * also passes against a reused server (BASE_URL) whose demo inpatients earlier runs have written records for.
 */
const FORM_CODE = '01/BV1';
const DEMO_PIN = '123456';
const SAMPLE = join(__dirname, '../../../../libs/api/documents/src/testing/form-samples/01-BV1-internal-medicine.valid.json');

/** Opens the encounter page of an internal-medicine inpatient whose record can still be started; returns its id. */
async function openEncounterWithoutRecord(page: Page): Promise<string> {
  await page.getByTestId('nav-census').click();
  await expect(page.getByTestId('census-department-name')).toHaveText('Khoa Nội tổng hợp');
  const links = page.getByTestId('census-documents');
  await expect(links.first()).toBeVisible();
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  for (const href of hrefs) {
    await page.goto(href);
    await expect(page.getByTestId('encounter-header')).toBeVisible();
    await expect(page.getByTestId('create-document')).toBeEnabled();
    await page.getByTestId('create-document').click();
    const choice = page.getByTestId('form-chooser').locator(`[data-testid="form-choice"][data-form-code="${FORM_CODE}"]`);
    await expect(choice).toBeVisible();
    const free = await choice.isEnabled();
    await page.keyboard.press('Escape');
    if (free) return new URL(page.url()).pathname.split('/').pop() ?? '';
  }
  throw new Error('Every internal-medicine inpatient already has an internal-medicine record');
}

/** Creates the record as the signed-in doctor, through the API with the session's bearer token. */
async function createRecord(page: Page, encounterId: string): Promise<string> {
  const token = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('bh.session') ?? '{}') as { accessToken?: string }).accessToken);
  const content = JSON.parse(readFileSync(SAMPLE, 'utf8')) as Record<string, unknown>;
  const response = await page.request.post(`/api/encounters/${encounterId}/documents`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { formCode: FORM_CODE, content },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { documentId: string }).documentId;
}

test('signatures: the doctor signs an internal-medicine record with the PIN after a wrong one, and the report passes', async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS['doctor'].username);
  await expect(page).toHaveURL(/\/doctor$/);

  const encounterId = await openEncounterWithoutRecord(page);
  const documentId = await createRecord(page, encounterId);

  await page.goto(`/doctor/documents/${documentId}`);
  await expect(page.getByTestId('document-title')).toHaveText('Bệnh án nội khoa');
  await expect(page.getByTestId('document-status')).toHaveText('Nháp');
  await expect(page.getByTestId('document-signatures')).toContainText('Chờ ký: Bác sĩ làm bệnh án');
  await expect(page.getByTestId('sign')).toHaveText('Ký số');

  // A wrong PIN: refused, the dialog stays with the attempts left, nothing is signed.
  await page.getByTestId('sign').click();
  await expect(page.getByTestId('pin-input')).toBeVisible();
  await expect(page.getByTestId('pin-input')).toHaveAttribute('type', 'password');
  await page.getByTestId('pin-input').fill('000000');
  await page.getByTestId('pin-submit').click();
  await expect(page.getByTestId('pin-problem')).toHaveText('Mã PIN không đúng.');
  await expect(page.getByTestId('pin-remaining')).toContainText(/Còn \d+ lần thử/);
  await expect(page.getByTestId('document-status')).toHaveText('Nháp');

  // The demo PIN signs it.
  await page.getByTestId('pin-input').fill(DEMO_PIN);
  await page.getByTestId('pin-submit').click();
  await expect(page.getByTestId('pin-input')).toBeHidden();
  await expect(page.getByTestId('document-notice')).toContainText('Đã ký phiên bản 1');
  await expect(page.getByTestId('document-status')).toHaveText('Đã ký');
  await expect(page.getByTestId('save-draft')).toHaveCount(0);
  await expect(page.getByTestId('amend')).toBeVisible();
  await expect(page.locator('#sf-reasonForAdmission-reason')).toBeDisabled();

  // The badge: the author's signature valid, the head of department's countersignature still awaited.
  const badges = page.getByTestId('document-signatures');
  await expect(badges.locator('[data-testid="signature-badge"][data-state="valid"]')).toHaveText('Chữ ký hợp lệ');
  await expect(badges).toContainText('Chờ ký: Trưởng khoa');

  // The report: PASSED, every check in plain Vietnamese, and how to verify it with OpenSSL.
  await page.getByTestId('toggle-signatures').click();
  const report = page.getByTestId('signature-report');
  await expect(report.getByTestId('signature-report-item')).toHaveAttribute('data-indication', 'PASSED');
  await expect(report.getByTestId('signature-signer')).toHaveText(DEMO_ACCOUNTS['doctor'].fullName);
  await expect(report.locator('[data-check="content_hash"]')).toContainText('Nội dung không bị thay đổi sau khi ký');
  await expect(report.locator('[data-check="signature_value"]')).toContainText('Chữ ký số đúng về mật mã');
  await expect(report.locator('.bh-sigreport__check--failed')).toHaveCount(0);
  await expect(report.getByTestId('openssl-command')).toHaveText(
    'openssl cms -verify -binary -inform DER -in 01-BV1-v1-step1.p7s -content 01-BV1-v1.json -CAfile chain.pem -purpose any',
  );
  const download = page.waitForEvent('download');
  await report.getByTestId('download-p7s').click();
  expect((await download).suggestedFilename()).toBe('01-BV1-v1-step1.p7s');

  const dir = join(test.info().project.outputDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  await page.screenshot({ path: join(dir, 'doctor-signed-record.png'), fullPage: true });

  // The encounter's document list shows the same badge.
  await page.goto(`/doctor/encounters/${encounterId}`);
  const row = page.locator(`[data-testid="document-row"][data-form-code="${FORM_CODE}"]`);
  await expect(row.locator('[data-testid="signature-badge"][data-state="valid"]')).toHaveText('Chữ ký hợp lệ');
});
