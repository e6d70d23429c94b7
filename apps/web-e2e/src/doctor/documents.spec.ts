import { expect, type Page, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ACCOUNTS, signIn } from '../support/demo';

/**
 * The doctor writes the internal-medicine record (01/BV1) of an inpatient of internal medicine on the form
 * generated from its JSON Schema: a draft across several sections (a number with its unit, the ICD-10
 * principal diagnosis), a Vietnamese message for an out-of-range value, save, reload, edit, save again, and the
 * encounter page listing the draft with what the record still lacks.
 *
 * 01/BV1 is one per encounter, so the journey takes the first internal-medicine inpatient without one: it also
 * passes against a reused server (BASE_URL) whose demo inpatients earlier runs have written records for.
 */
const FORM_CODE = '01/BV1';

/** Opens the encounter page of an internal-medicine inpatient whose record can still be started. */
async function openEncounterWithoutRecord(page: Page): Promise<void> {
  await page.getByTestId('nav-census').click();
  await expect(page.getByTestId('census-department-name')).toHaveText('Khoa Nội tổng hợp');
  const links = page.getByTestId('census-documents');
  await expect(links.first()).toBeVisible();
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  for (const href of hrefs) {
    await page.goto(href);
    await expect(page.getByTestId('encounter-header')).toBeVisible();
    await expect(page.getByTestId('encounter-department')).toHaveText('Khoa Nội tổng hợp');
    await expect(page.getByTestId('create-document')).toBeEnabled();
    await page.getByTestId('create-document').click();
    const choice = page.getByTestId('form-chooser').locator(`[data-testid="form-choice"][data-form-code="${FORM_CODE}"]`);
    await expect(choice).toBeVisible();
    if (await choice.isEnabled()) return;
    await page.keyboard.press('Escape');
  }
  throw new Error('Every internal-medicine inpatient already has an internal-medicine record');
}

test('documents: the doctor writes an internal-medicine record draft on the generated form, saves, reloads and edits it', async ({
  page,
}) => {
  await signIn(page, DEMO_ACCOUNTS['doctor'].username);
  await expect(page).toHaveURL(/\/doctor$/);

  await openEncounterWithoutRecord(page);
  const header = page.getByTestId('encounter-header');
  await expect(header).toContainText('Khoa Nội tổng hợp');
  await expect(page.getByTestId('encounter-record-number')).toContainText('Số lưu trữ');
  const patientName = (await page.getByTestId('encounter-patient').innerText()).trim();
  const encounterUrl = page.url();
  // Nothing written yet: the inpatient record is among what the record lacks.
  await expect(page.getByTestId('completeness-missing')).toContainText('Bệnh án nội khoa');

  await page.getByTestId('form-chooser').locator(`[data-testid="form-choice"][data-form-code="${FORM_CODE}"]`).click();
  await expect(page).toHaveURL(/\/documents\/new\?form=01%2FBV1$/);
  await expect(page.getByTestId('document-title')).toHaveText('Bệnh án nội khoa');
  await expect(page.getByTestId('document-patient')).toContainText(patientName);
  const form = page.getByTestId('document-form');
  for (const section of ['Lý do vào viện', 'Hỏi bệnh', 'Khám bệnh', 'Chẩn đoán khi vào khoa điều trị', 'Hướng điều trị']) {
    await expect(form.getByTestId('schema-form-sections')).toContainText(section);
  }

  // Fill fields across sections.
  await page.locator('#sf-reasonForAdmission-reason').fill('Sốt cao, ho có đờm 3 ngày');
  await page.locator('#sf-reasonForAdmission-dayOfIllness').fill('3');
  await page.locator('#sf-history-illnessCourse').fill('Bệnh khởi phát 3 ngày nay với sốt 39 độ, ho khạc đờm vàng.');
  await expect(form.locator('[data-field="/examination/general/pulse"]')).toContainText('lần/phút');

  // An out-of-range value is refused in Vietnamese, with the unit, and blocks the save.
  await page.locator('#sf-examination-general-pulse').fill('300');
  await page.locator('#sf-examination-general-pulse').press('Tab');
  await expect(page.getByTestId('errors-examination-general-pulse')).toHaveText('Giá trị không được lớn hơn 250 lần/phút.');
  await page.getByTestId('save-draft').click();
  await expect(page.getByTestId('document-problem')).toContainText('Vui lòng sửa các giá trị không hợp lệ');
  await expect(page).toHaveURL(/\/documents\/new\?/);

  await page.locator('#sf-examination-general-pulse').fill('92');
  await expect(page.getByTestId('errors-examination-general-pulse')).toBeEmpty();
  await page.locator('#sf-examination-general-temperature').fill('38.5');

  // The principal diagnosis through the ICD-10 autocomplete; the disease name beside it is filled from it.
  await page.locator('#sf-admissionDiagnosis-mainCode').fill('J18.9');
  const option = page.getByTestId('icd10-option').filter({ hasText: 'J18.9' }).first();
  await expect(option).toBeVisible();
  await option.click();
  await expect(page.locator('#sf-admissionDiagnosis-mainCode')).toHaveValue(/^J18\.9 – /);
  await expect(page.locator('#sf-admissionDiagnosis-main')).not.toHaveValue('');

  // Save: version 1, a draft, now at the document's own address.
  await page.getByTestId('save-draft').click();
  await expect(page).toHaveURL(/\/doctor\/documents\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('document-notice')).toContainText('Đã lưu nháp (phiên bản 1)');
  await expect(page.getByTestId('document-status')).toHaveText('Nháp');
  await expect(page.getByTestId('document-version-number')).toHaveText('Phiên bản 1');

  // Reload: the values come back from the server.
  await page.reload();
  await expect(page.locator('#sf-reasonForAdmission-reason')).toHaveValue('Sốt cao, ho có đờm 3 ngày');
  await expect(page.locator('#sf-reasonForAdmission-dayOfIllness')).toHaveValue('3');
  await expect(page.locator('#sf-examination-general-pulse')).toHaveValue('92');
  await expect(page.locator('#sf-examination-general-temperature')).toHaveValue('38.5');
  await expect(page.locator('#sf-admissionDiagnosis-mainCode')).toHaveValue(/^J18\.9/);

  // Edit and save again: the same draft version, saved over its revision.
  await page.locator('#sf-treatmentPlan-text').fill('Kháng sinh đường tĩnh mạch, hạ sốt, theo dõi SpO2.');
  await page.locator('#sf-examination-general-pulse').fill('88');
  await page.getByTestId('save-draft').click();
  await expect(page.getByTestId('document-notice')).toContainText('Đã lưu nháp (phiên bản 1)');
  await page.reload();
  await expect(page.locator('#sf-treatmentPlan-text')).toHaveValue('Kháng sinh đường tĩnh mạch, hạ sốt, theo dõi SpO2.');
  await expect(page.locator('#sf-examination-general-pulse')).toHaveValue('88');

  // The history lists the draft with its author and role.
  await page.getByTestId('toggle-history').click();
  const historyRow = page.getByTestId('history-row');
  await expect(historyRow).toHaveCount(1);
  await expect(historyRow).toContainText(DEMO_ACCOUNTS['doctor'].fullName);
  await expect(historyRow).toContainText('Bác sĩ');

  const dir = join(test.info().project.outputDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  await page.screenshot({ path: join(dir, 'doctor-document-editor.png'), fullPage: false });

  // The encounter page lists the draft and what the record still lacks.
  await page.getByTestId('back-to-encounter').click();
  await expect(page).toHaveURL(encounterUrl);
  const row = page.getByTestId('document-row').filter({ hasText: 'Bệnh án nội khoa' });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('document-status')).toHaveText('Nháp');
  await expect(row.getByTestId('document-version')).toHaveText('Phiên bản 1');
  await expect(page.locator('[data-testid="document-group"][data-category="medical_record"]')).toContainText('Bệnh án');
  const completeness = page.getByTestId('completeness');
  await expect(completeness).toContainText('Tính đầy đủ của hồ sơ');
  await expect(page.getByTestId('completeness-awaiting')).toContainText('Bệnh án nội khoa');
  await expect(page.getByTestId('completeness-awaiting')).toContainText('Bác sĩ làm bệnh án');
  await expect(page.getByTestId('completeness-incomplete')).toContainText('Bệnh án nội khoa');
  await expect(page.getByTestId('completeness-missing').filter({ hasText: 'Bệnh án nội khoa' })).toHaveCount(0);

  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  await page.screenshot({ path: join(dir, 'doctor-documents.png'), fullPage: true });
});
