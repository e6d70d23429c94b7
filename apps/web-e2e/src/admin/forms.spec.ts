import { expect, type Page, test } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ACCOUNTS, signIn } from '../support/demo';

/**
 * The administrator configures the record forms without a deploy (R20): the registry list, the internal-medicine
 * record 01/BV1 with its preview, its signer matrix edited (the head-of-department step removed, saved, checked
 * after a reload, then restored), and a new form uploaded from a definition file (after a refused one whose field
 * errors are listed) that then shows in the list.
 */
const FIXTURE = join(__dirname, 'fixtures', 'E2E-BV2-admin-note.json');

function signerRows(page: Page) {
  return page.getByTestId('form-settings').getByTestId('signer-row');
}

async function saveSettings(page: Page): Promise<void> {
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toHaveText('Đã lưu cấu hình biểu mẫu.');
}

test('forms: the admin opens 01/BV1, edits its signer matrix and uploads a new form', async ({ page }) => {
  // A long journey (two reloads of a page carrying the largest schema, two uploads): more than the default 30 s on a busy machine.
  test.setTimeout(90_000);
  await signIn(page, DEMO_ACCOUNTS['admin'].username);
  await expect(page).toHaveURL(/\/admin$/);

  // The registry.
  await page.getByTestId('nav-forms').click();
  await expect(page).toHaveURL(/\/admin\/forms$/);
  const record = page.locator('[data-testid="form-row"][data-form-code="01/BV1"]');
  await expect(record).toContainText('Bệnh án nội khoa');
  await expect(record.getByTestId('form-signers')).toContainText('Trưởng khoa');
  await expect(record.getByTestId('form-active')).toHaveText('Đang dùng');
  await page.getByTestId('forms-filter').fill('benh an noi khoa');
  await expect(page.getByTestId('form-row')).toHaveCount(1);

  // The form page: what it is, what is uncertain, and what doctors will fill.
  await record.getByTestId('form-link').click();
  await expect(page).toHaveURL(/\/admin\/forms\/01%2FBV1$/);
  await expect(page.getByTestId('form-page-title')).toHaveText('Bệnh án nội khoa');
  await expect(page.getByTestId('form-page-source')).toContainText('TT 32/2023/TT-BYT');
  await expect(page.getByTestId('form-uncertainties')).toBeVisible();
  const preview = page.getByTestId('form-preview');
  await expect(preview.getByTestId('schema-form-sections')).toContainText('Lý do vào viện');
  await expect(preview.locator('#sf-reasonForAdmission-reason')).toBeDisabled();

  const dir = join(test.info().project.outputDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  await page.screenshot({ path: join(dir, 'admin-form-page.png'), fullPage: true });

  // Remove the head-of-department step, save, reload: one step left.
  await expect(signerRows(page)).toHaveCount(2);
  await expect(signerRows(page).nth(1).getByTestId('signer-role')).toContainText('Trưởng khoa');
  await signerRows(page).nth(1).getByTestId('signer-remove').click();
  await expect(signerRows(page)).toHaveCount(1);
  await saveSettings(page);
  await page.reload();
  await expect(page.getByTestId('form-page-title')).toHaveText('Bệnh án nội khoa', { timeout: 20_000 });
  await expect(signerRows(page)).toHaveCount(1);
  await expect(signerRows(page).first().getByTestId('signer-label')).toHaveValue('Bác sĩ làm bệnh án');

  // Restore it: a new step needs its role before it can be saved.
  await page.getByTestId('signer-add').click();
  const added = signerRows(page).nth(1);
  await expect(added.getByTestId('signer-step')).toHaveText('2');
  await page.getByTestId('settings-save').click();
  await expect(page.locator('[data-testid="signer-problems"][data-step="2"]')).toContainText('Chọn vai trò ký.');
  await added.getByTestId('signer-role').click();
  await page.getByRole('option', { name: 'Trưởng khoa', exact: true }).click();
  await added.getByTestId('signer-label').fill('Trưởng khoa');
  await saveSettings(page);
  await page.reload();
  await expect(signerRows(page)).toHaveCount(2, { timeout: 20_000 });
  await expect(signerRows(page).nth(1).getByTestId('signer-role')).toContainText('Trưởng khoa');
  await expect(signerRows(page).nth(1).getByTestId('signer-label')).toHaveValue('Trưởng khoa');

  // Upload: a definition the server refuses lists its field errors…
  await page.getByTestId('back-to-forms').click();
  await page.getByTestId('open-upload').click();
  await expect(page).toHaveURL(/\/admin\/forms\/new$/);
  const definition = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { signers: { role: string }[] };
  const refused = { ...definition, signers: [{ ...definition.signers[0], role: 'head_of_department' }] };
  await page.getByTestId('upload-json').fill(JSON.stringify(refused, null, 2));
  await expect(page.getByTestId('upload-code')).toHaveText('E2E/BV2');
  await page.getByTestId('upload-submit').click();
  await expect(page.getByTestId('upload-problem')).toContainText('Máy chủ từ chối biểu mẫu');
  await expect(page.getByTestId('upload-errors')).toContainText('signers[0].role');

  // …the file itself goes in, previewed first.
  await page.getByTestId('upload-file').setInputFiles(FIXTURE);
  await expect(page.getByTestId('upload-file-name')).toHaveText('E2E-BV2-admin-note.json');
  await expect(page.getByTestId('upload-form-title')).toContainText('Phiếu ghi chú hành chính (thử nghiệm)');
  // A new form on a fresh system; a new version of it against a reused one (BASE_URL).
  await expect(page.getByTestId('upload-kind')).toContainText(/Biểu mẫu mới|Phiên bản mới/);
  await expect(page.getByTestId('upload-errors')).toHaveCount(0);
  await expect(page.getByTestId('upload-preview')).toContainText('Số trang kèm theo');
  await page.getByTestId('upload-submit').click();
  await expect(page.getByTestId('upload-done')).toContainText('E2E/BV2');

  await page.getByTestId('back-to-forms').click();
  const uploaded = page.locator('[data-testid="form-row"][data-form-code="E2E/BV2"]');
  await expect(uploaded).toContainText('Phiếu ghi chú hành chính (thử nghiệm)');
  await expect(uploaded.getByTestId('form-signers')).toHaveText('Người ghi');
});
