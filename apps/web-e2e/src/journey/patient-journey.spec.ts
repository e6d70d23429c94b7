import { expect as baseExpect, type Locator, type Page, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../support/demo';

// Signing, printing, sealing the archive and validating every signature take a while on a loaded 2-core machine.
const expect = baseExpect.configure({ timeout: 30_000 });
test.use({ actionTimeout: 30_000 });

/**
 * Issue 10: one patient's whole stay through the five workspaces, in the browser, against the e2e system (fresh demo
 * database, the LIS and PACS simulators answering orders over HL7 v2 ≈ 2 s after they arrive):
 * 1. the doctor registers a new patient (Vietnamese name, CCCD, BHYT card) and admits them to internal medicine in a
 *    bed picked on the free-bed map;
 * 2. writes and signs (PIN) the internal-medicine record 01/BV1 and a treatment sheet 39/BV2, orders a blood count
 *    (HH-CBC) and a chest X-ray (CDHA-XQ-NGUC) and signs the orders;
 * 3. the simulated LIS and PACS answer; the results reach the doctor's inbox, abnormal values flagged, and are
 *    acknowledged;
 * 4. the nurse records two sets of vital signs (the chart draws both curves) and a signed nursing care sheet CS/BV2;
 * 5. the doctor writes and signs the discharge paper 02/TT25 and the record summary 03/TT25 (both required of a
 *    finished stay); the head of department countersigns what her signature is awaited on and discharges the patient;
 * 6. the records office finds the stay complete, archives it and downloads the sealed PDF, which pdfsig verifies;
 * 7. the inspector sees every signature of the patient PASSED, the audit chain intact, and who accessed the record.
 *
 * Each step leaves `screenshots/journey-<n>-<step>.png` in the output directory; the page-load and navigation times
 * measured on the way go to `journey-timings.json` beside it and to the test output.
 *
 * The CCCD and the birth date differ per run, so the journey also passes against a reused server (BASE_URL).
 */
const PIN = '123456';
const runTag = String(Date.now() % 1_000_000).padStart(6, '0');
// Birth date and CCCD differ per run (13,440 birth dates), so a reused server sees neither a CCCD clash nor a
// "possible duplicate" (same name, birth date and sex) to confirm.
const birthDay = (Number(runTag) % 28) + 1;
const birthMonth = (Math.floor(Number(runTag) / 28) % 12) + 1;
const birthYear = 1950 + (Math.floor(Number(runTag) / 336) % 40);
const PATIENT = {
  fullName: 'Phạm Đức Thắng',
  search: 'pham duc thang',
  birthDate: `${String(birthDay).padStart(2, '0')}/${String(birthMonth).padStart(2, '0')}/${birthYear}`,
  // 001 Hà Nội, 0 = a man born in the 1900s, the year's last two digits, then six digits of this run.
  citizenId: `0010${String(birthYear % 100)}${runTag}`,
  // HT (retired), benefit level 2, province 79, social-insurance number.
  insuranceCard: 'HT2790123456789',
};
const DOCTOR = DEMO_ACCOUNTS['doctor'].fullName;
const HEAD = DEMO_ACCOUNTS['headdoctor'].fullName;
const NURSE = DEMO_ACCOUNTS['nurse'].fullName;

// --- screenshots and timings -------------------------------------------------------------------------------------

interface Navigation {
  name: string;
  ms: number;
}
interface FirstLoad {
  url: string;
  /** Navigation timing of the first document load, from navigation start. */
  domContentLoadedMs: number;
  loadMs: number;
  /** Navigation start → the login form visible (what the user first sees). */
  firstContentVisibleMs: number;
  /** The sign-in click → the first workspace content (the doctor's patient search) visible. */
  signInToWorkspaceMs: number;
}
const timings: { firstLoad: FirstLoad | null; signIns: Navigation[]; navigations: Navigation[] } = { firstLoad: null, signIns: [], navigations: [] };

function outputDir(): string {
  return test.info().project.outputDir;
}

async function shot(page: Page, step: number, name: string): Promise<void> {
  const dir = join(outputDir(), 'screenshots');
  mkdirSync(dir, { recursive: true });
  // primeicons uses font-display: block, so icons stay invisible until the font has arrived.
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  await page.screenshot({ path: join(dir, `journey-${step}-${name}.png`), fullPage: true });
}

/** Runs `action` and waits for `target` to be visible: the time from the click to the content, in ms. */
async function timed(list: Navigation[], name: string, action: () => Promise<unknown>, target: Locator): Promise<void> {
  const start = performance.now();
  await action();
  await expect(target).toBeVisible();
  list.push({ name, ms: Math.round(performance.now() - start) });
}

/** Signs out (if signed in) and in as `username`, timing the click to the workspace's first content. */
async function switchUser(page: Page, username: string, landing: Locator): Promise<void> {
  if (await page.getByTestId('logout').isVisible()) {
    await page.getByTestId('logout').click();
    await expect(page).toHaveURL(/\/login$/);
  } else {
    await page.goto('/login');
  }
  await page.getByTestId('login-username').fill(username);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await timed(timings.signIns, `sign in as ${username}`, () => page.getByTestId('login-submit').click(), landing);
  await expect(page.getByTestId('user-name')).toHaveText(DEMO_ACCOUNTS[username].fullName);
}

// --- form helpers --------------------------------------------------------------------------------------------------

/** PrimeNG date pickers parse what is typed key by key; Escape closes the calendar the typing opened. */
async function typeDate(page: Page, selector: string, value: string): Promise<void> {
  const input = page.locator(selector);
  await input.click();
  await input.pressSequentially(value);
  await input.press('Escape');
  await input.press('Tab');
  await expect(input).toHaveValue(value);
}

/** Now, as a date picker with time shows it (dd/mm/yyyy HH:mm, the browser's time zone). */
async function nowForPicker(page: Page): Promise<string> {
  return page.evaluate(() => {
    const d = new Date();
    const p = (n: number) => String(n).padStart(2, '0');
    return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
  });
}

/** Picks an ICD-10 code in an autocomplete (the document forms' and the dialogs'). */
async function pickIcd10(page: Page, selector: string, code: string): Promise<void> {
  await page.locator(selector).fill(code);
  const option = page.getByTestId('icd10-option').filter({ hasText: code }).first();
  await expect(option).toBeVisible();
  await option.click();
  await expect(page.locator(selector)).toHaveValue(new RegExp(`^${code.replace('.', '\\.')} – `));
  // The suggestions fade out: gone before the next click or screenshot.
  await expect(page.getByTestId('icd10-option')).toHaveCount(0);
}

/** From the encounter page: "Tạo văn bản", choose the form, land on its empty editor. */
async function startDocument(page: Page, formCode: string, title: string): Promise<void> {
  await page.getByTestId('create-document').click();
  const choice = page.getByTestId('form-chooser').locator(`[data-testid="form-choice"][data-form-code="${formCode}"]`);
  await expect(choice).toBeEnabled();
  await timed(timings.navigations, `new document ${formCode}`, () => choice.click(), page.getByTestId('document-form'));
  await expect(page.getByTestId('document-title')).toHaveText(title);
  await expect(page.getByTestId('document-patient')).toContainText(PATIENT.fullName);
}

/** Saves the new document's draft (version 1) and signs it with the PIN. */
async function saveAndSign(page: Page): Promise<void> {
  await page.getByTestId('save-draft').click();
  await expect(page).toHaveURL(/\/doctor\/documents\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('document-notice')).toContainText('Đã lưu nháp (phiên bản 1)');
  await expect(page.getByTestId('sign')).toHaveText('Ký số');
  await page.getByTestId('sign').click();
  await page.getByTestId('pin-input').fill(PIN);
  await page.getByTestId('pin-submit').click();
  await expect(page.getByTestId('pin-input')).toBeHidden();
  await expect(page.getByTestId('document-status')).toHaveText('Đã ký');
  await expect(page.getByTestId('document-signatures').locator('[data-testid="signature-badge"][data-state="valid"]').first()).toBeVisible();
}

/** On the encounter page: opens the first document awaiting the user's countersignature and gives it ("Ký duyệt"). */
async function countersignNextAwaited(page: Page): Promise<void> {
  const link = page.getByTestId('completeness-awaiting').getByRole('link').first();
  await timed(timings.navigations, 'encounter → document to countersign', () => link.click(), page.getByTestId('document-form'));
  await expect(page.getByTestId('sign')).toHaveText('Ký duyệt');
  await page.getByTestId('sign').click();
  await page.getByTestId('pin-input').fill(PIN);
  await page.getByTestId('pin-submit').click();
  await expect(page.getByTestId('pin-input')).toBeHidden();
  await expect(page.getByTestId('document-signatures').locator('[data-testid="signature-badge"][data-state="valid"]')).toHaveCount(2);
}

/** Places the selected order and signs it in the PIN dialog that follows; returns the order's id. */
async function placeAndSignOrder(page: Page, itemName: string): Promise<string> {
  await page.getByTestId('order-reason-text').fill('Viêm phổi, theo dõi đáp ứng điều trị');
  await page.getByTestId('order-place').click();
  await expect(page.getByTestId('pin-step')).toContainText('Phiếu chỉ định cận lâm sàng');
  await page.getByTestId('pin-input').fill(PIN);
  await page.getByTestId('pin-submit').click();
  await expect(page.getByTestId('pin-input')).toBeHidden();
  await expect(page.getByTestId('orders-notice')).toContainText('Đã ký và gửi chỉ định.');
  const row = page.getByTestId('order-row').filter({ hasText: itemName });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('order-status')).not.toHaveText('Nháp');
  return (await row.getAttribute('data-order-id')) ?? '';
}

/** On the results inbox: the entry of an order, reloading the inbox until the simulator's result is in. */
async function inboxEntryOf(page: Page, orderId: string): Promise<Locator> {
  const entry = page.locator(`[data-testid="inbox-entry"][data-order-id="${orderId}"]`);
  await expect(async () => {
    await page.getByTestId('inbox-reload').click();
    await expect(entry).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  return entry;
}

/**
 * Everyone in the patient's access log, read as the inspector's page reads it (its own session, the same route), in one
 * request: the page shows the log 50 rows at a time, and walking its paginator in a test raced with the table's reload.
 */
async function accessLogActors(page: Page): Promise<string[]> {
  const patientId = new URL(page.url()).searchParams.get('patient') ?? '';
  const token = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('bh.session') ?? '{}') as { accessToken?: string }).accessToken ?? '');
  const res = await page.request.get(`/api/audit/access?patient=${patientId}&limit=200`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { items: { actorName: string | null }[]; total: number };
  expect(body.total).toBeLessThanOrEqual(200);
  return body.items.map((e) => e.actorName ?? '');
}

/** Opens the encounter page of the journey's patient from the ward census. */
async function openEncounterFromCensus(page: Page, patientCode: string): Promise<void> {
  await timed(timings.navigations, 'ward census', () => page.getByTestId('nav-census').click(), page.locator(`[data-testid="census-row"][data-patient-code="${patientCode}"]`));
  const row = page.locator(`[data-testid="census-row"][data-patient-code="${patientCode}"]`);
  await timed(timings.navigations, 'encounter page', () => row.getByTestId('census-documents').click(), page.getByTestId('completeness'));
  await expect(page.getByTestId('encounter-patient')).toHaveText(PATIENT.fullName);
}

test('issue 10: one patient’s journey from registration to the inspector, through all five workspaces', async ({ page }) => {
  test.setTimeout(300_000);

  // ---- 1. The doctor registers the patient and admits them to internal medicine ----------------------------------
  // First load of the app in a fresh browser context: navigation timing and the login form visible.
  await page.goto('/login');
  await expect(page.getByTestId('login-submit')).toBeVisible();
  const firstPaint = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { url: location.pathname, domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd), loadMs: Math.round(nav.loadEventEnd), visibleMs: Math.round(performance.now()) };
  });
  await page.getByTestId('login-username').fill('doctor');
  await page.locator('#password').fill(DEMO_PASSWORD);
  const searchHeading = page.getByRole('heading', { level: 2, name: 'Tìm bệnh nhân' });
  const signInStart = performance.now();
  await page.getByTestId('login-submit').click();
  await expect(searchHeading).toBeVisible();
  timings.firstLoad = {
    url: firstPaint.url,
    domContentLoadedMs: firstPaint.domContentLoadedMs,
    loadMs: firstPaint.loadMs,
    firstContentVisibleMs: firstPaint.visibleMs,
    signInToWorkspaceMs: Math.round(performance.now() - signInStart),
  };
  await expect(page).toHaveURL(/\/doctor$/);

  await timed(timings.navigations, 'registration form', () => page.getByTestId('register-patient').click(), page.getByRole('heading', { level: 2, name: 'Đăng ký bệnh nhân mới' }));
  await page.locator('#fullName').fill(PATIENT.fullName);
  await typeDate(page, '#birthDate', PATIENT.birthDate);
  await page.getByTestId('sex').getByText('Nam', { exact: true }).click();
  await page.locator('#citizenId').fill(PATIENT.citizenId);
  await page.locator('#citizenId').press('Tab');
  await expect(page.locator('#citizenId-problems')).toBeEmpty();
  await page.locator('#cardNumber').fill(PATIENT.insuranceCard);
  await page.locator('#cardNumber').press('Tab');
  await typeDate(page, '#cardValidFrom', '01/01/2026');
  await typeDate(page, '#cardValidTo', '31/12/2026');
  await shot(page, 1, 'registration');
  await timed(timings.navigations, 'register → patient page', () => page.getByTestId('register-submit').click(), page.getByTestId('patient-code'));
  await expect(page.getByTestId('patient-name')).toHaveText(PATIENT.fullName);
  await expect(page.getByTestId('patient-identity')).toContainText(PATIENT.citizenId);
  await expect(page.getByTestId('insurance-card')).toContainText(PATIENT.insuranceCard);
  await expect(page.getByTestId('patient-code')).toHaveText(/^BN\d+$/);
  const patientCode = (await page.getByTestId('patient-code').innerText()).trim();

  await page.getByTestId('admit').click();
  const admission = page.getByTestId('admission-dialog');
  await expect(admission.getByTestId('admission-department')).toContainText('Khoa Nội tổng hợp');
  const freeBed = admission.locator('[data-testid="bed"]:enabled').first();
  await expect(freeBed).toBeVisible();
  const bedCode = String(await freeBed.getAttribute('data-bed-code'));
  await freeBed.click();
  await expect(freeBed).toHaveAttribute('aria-pressed', 'true');
  await admission.getByTestId('admission-source').getByText('Cấp cứu', { exact: true }).click();
  await pickIcd10(page, '#admission-diagnosis', 'J18.9');
  await shot(page, 1, 'admission-bed-map');
  await admission.getByTestId('admission-submit').click();
  await expect(admission).toBeHidden();
  await expect(page.getByTestId('admission-success')).toContainText('Khoa Nội tổng hợp');

  await openEncounterFromCensus(page, patientCode);
  await expect(page.getByTestId('encounter-bed')).toContainText(bedCode);
  await expect(page.getByTestId('encounter-record-number')).toContainText('NOI');
  const encounterId = new URL(page.url()).pathname.split('/').pop();

  // ---- 2. The doctor writes and signs the record and a treatment sheet, orders and signs the orders ---------------
  await startDocument(page, '01/BV1', 'Bệnh án nội khoa');
  await page.locator('#sf-reasonForAdmission-reason').fill('Sốt cao, ho khạc đờm, khó thở 3 ngày');
  await page.locator('#sf-reasonForAdmission-dayOfIllness').fill('3');
  await page.locator('#sf-history-illnessCourse').fill('Bệnh khởi phát 3 ngày nay: sốt 39 độ, ho khạc đờm vàng, đau ngực phải khi ho.');
  await page.locator('#sf-history-personalHistory').fill('Tăng huyết áp 5 năm, điều trị đều. Hút thuốc lá 20 bao-năm.');
  await page.locator('#sf-examination-general-description').fill('Tỉnh, tiếp xúc tốt. Da niêm hồng. Không phù.');
  await page.locator('#sf-examination-general-pulse').fill('102');
  await page.locator('#sf-examination-general-temperature').fill('38.9');
  await page.locator('#sf-examination-general-systolic').fill('135');
  await page.locator('#sf-examination-general-diastolic').fill('85');
  await page.locator('#sf-examination-general-respiratoryRate').fill('24');
  await page.locator('#sf-examination-organs-circulatory').fill('Tim đều, T1 T2 rõ, không tiếng thổi.');
  await page.locator('#sf-examination-organs-respiratory').fill('Ran nổ đáy phổi phải. Rì rào phế nang giảm đáy phải.');
  await page.locator('#sf-examination-caseSummary').fill('Bệnh nhân nam, hội chứng nhiễm trùng, hội chứng đông đặc đáy phổi phải.');
  await pickIcd10(page, '#sf-admissionDiagnosis-mainCode', 'J18.9');
  await expect(page.locator('#sf-admissionDiagnosis-main')).not.toHaveValue('');
  await page.locator('#sf-treatmentPlan-text').fill('Kháng sinh tĩnh mạch, hạ sốt, bù dịch, theo dõi SpO2.');
  await saveAndSign(page);
  await expect(page.getByTestId('document-signatures')).toContainText('Chờ ký: Trưởng khoa');
  await shot(page, 2, 'record-signed');

  await timed(timings.navigations, 'document → encounter page', () => page.getByTestId('back-to-encounter').click(), page.getByTestId('completeness'));
  await startDocument(page, '39/BV2', 'Tờ điều trị');
  await page.getByTestId('add-row-entries').click();
  await typeDate(page, '#sf-entries-0-at', await nowForPicker(page));
  await page.locator('#sf-entries-0-progress').fill('Còn sốt 38,5 độ, ho đờm giảm. Phổi ran nổ đáy phải.');
  await saveAndSign(page);

  await page.getByTestId('back-to-encounter').click();
  await timed(timings.navigations, 'orders page', () => page.getByTestId('open-orders').click(), page.getByTestId('order-entry'));
  await page.getByTestId('order-category-laboratory').click();
  await page.getByTestId('order-search').fill('tong phan tich');
  await page.locator('[data-testid="order-pick"][data-service-code="HH-CBC"]').click();
  await expect(page.locator('[data-testid="order-selected-item"][data-service-code="HH-CBC"]')).toBeVisible();
  const cbcOrder = await placeAndSignOrder(page, 'Tổng phân tích tế bào máu');
  await page.getByTestId('order-category-imaging').click();
  await page.getByTestId('order-search').fill('x-quang nguc');
  await page.locator('[data-testid="order-pick"][data-service-code="CDHA-XQ-NGUC"]').click();
  await expect(page.locator('[data-testid="order-selected-item"][data-service-code="CDHA-XQ-NGUC"]')).toBeVisible();
  const xrayOrder = await placeAndSignOrder(page, 'X-quang ngực thẳng');
  await shot(page, 2, 'orders-signed');

  // ---- 3. The LIS and PACS simulators answer over HL7 v2; the doctor acknowledges the results ---------------------
  await timed(timings.navigations, 'results inbox', () => page.getByTestId('nav-results').click(), page.getByTestId('inbox'));
  const labEntry = await inboxEntryOf(page, cbcOrder);
  const imagingEntry = await inboxEntryOf(page, xrayOrder);
  await expect(labEntry.getByTestId('inbox-patient')).toHaveText(PATIENT.fullName);
  await expect(imagingEntry.getByTestId('inbox-patient')).toHaveText(PATIENT.fullName);
  // The simulated LIS draws three values in four out of range (tools/e2e-server.mjs): the count comes back flagged.
  await expect(labEntry.locator('[data-testid="inbox-abnormal"], [data-testid="inbox-critical"]')).toBeVisible();
  await expect(labEntry.getByTestId('inbox-flagged').locator('li').first()).toHaveClass(/bh-flag--(abnormal|critical)/);
  await labEntry.scrollIntoViewIfNeeded();
  await shot(page, 3, 'results-inbox');

  await timed(timings.navigations, 'inbox → lab result', () => labEntry.getByTestId('inbox-open').click(), page.getByTestId('result-observations'));
  const rows = page.getByTestId('observation-row');
  await expect(rows).toHaveCount(7);
  await expect(page.locator('[data-testid="observation-row"].bh-flag--abnormal, [data-testid="observation-row"].bh-flag--critical').first()).toBeVisible();
  await shot(page, 3, 'lab-result');
  await page.getByTestId('result-acknowledge').click();
  await expect(page.getByTestId('result-acknowledged')).toContainText('Đã xem lúc');

  await timed(timings.navigations, 'result → results inbox', () => page.getByTestId('nav-results').click(), page.getByTestId('inbox'));
  await timed(timings.navigations, 'inbox → imaging result', () => imagingEntry.getByTestId('inbox-open').click(), page.getByTestId('result-imaging'));
  await expect(page.getByTestId('result-conclusion')).not.toBeEmpty();
  await expect(page.getByTestId('result-study')).toBeVisible();
  await page.getByTestId('result-acknowledge').click();
  await expect(page.getByTestId('result-acknowledged')).toContainText('Đã xem lúc');
  await page.getByTestId('nav-results').click();
  await expect(page.getByTestId('inbox')).toBeVisible();
  await expect(page.locator(`[data-testid="inbox-entry"][data-order-id="${cbcOrder}"]`)).toHaveCount(0);
  await expect(page.locator(`[data-testid="inbox-entry"][data-order-id="${xrayOrder}"]`)).toHaveCount(0);

  // ---- 4. The nurse charts two sets of vital signs and signs a nursing care sheet -------------------------------
  await switchUser(page, 'nurse', page.getByRole('heading', { level: 2, name: 'Buồng bệnh' }));
  const wardRow = page.locator(`[data-testid="ward-row"][data-patient-code="${patientCode}"]`);
  await expect(wardRow).toBeVisible();
  await timed(timings.navigations, 'ward list → care chart', () => wardRow.getByTestId('ward-patient').click(), page.locator('bh-vitals-flowsheet[aria-busy="false"]'));
  await expect(page.getByTestId('chart-patient')).toHaveText(PATIENT.fullName);
  for (const [i, set] of [
    ['96', '38,6', '130', '85', '22', '94', '62'],
    ['84', '37,4', '120', '75', '18', '97', '62'],
  ].entries()) {
    await page.getByTestId('vs-pulse').click();
    for (const value of set) {
      await page.keyboard.type(value);
      await page.keyboard.press('Enter');
    }
    await expect(page.getByTestId('vs-notice')).toContainText('Đã lưu 7 chỉ số');
    await expect(page.getByTestId('temperature-point')).toHaveCount(i + 1);
  }
  await expect(page.getByTestId('pulse-point')).toHaveCount(2);
  await expect(page.getByTestId('temperature-path')).toHaveAttribute('d', /^M.*L/);
  await expect(page.getByTestId('pulse-path')).toHaveAttribute('d', /^M.*L/);
  await expect(page.getByTestId('flowsheet-row')).toHaveCount(2);
  await shot(page, 4, 'vital-signs-chart');

  await timed(timings.navigations, 'care chart → care notes', () => page.getByTestId('tab-care-notes').click(), page.getByTestId('care-note-new'));
  await page.getByTestId('care-note-new').click();
  const careEditor = page.getByTestId('care-note-editor');
  await expect(careEditor).toBeVisible();
  await page.locator('#sf-careLevel').click();
  await page.getByRole('option').filter({ hasText: 'II' }).first().click();
  await typeDate(page, '#sf-entries-0-at', await nowForPicker(page));
  await page.locator('#sf-entries-0-assessment').fill('Sốt 38,6 độ, ho khạc đờm, SpO2 94%, thở nhanh.');
  await page.locator('#sf-entries-0-nursingProblem').fill('Nguy cơ suy hô hấp do viêm phổi.');
  await page.locator('#sf-entries-0-interventions').fill('Nằm đầu cao, thở oxy kính 2 lít/phút, chườm mát, thực hiện y lệnh kháng sinh.');
  await page.locator('#sf-entries-0-evaluation').fill('Sau 2 giờ: 37,4 độ, SpO2 97%.');
  await careEditor.getByTestId('care-note-save').click();
  await expect(page.getByTestId('care-notes-notice')).toBeVisible();
  await careEditor.getByTestId('care-note-sign').click();
  await page.getByTestId('pin-input').fill(PIN);
  await page.getByTestId('pin-submit').click();
  await expect(page.getByTestId('pin-input')).toBeHidden();
  await expect(page.getByTestId('care-note-row').first()).toContainText('Đã ký');
  await shot(page, 4, 'care-note-signed');

  // ---- 5. Discharge paper and summary, the head of department's countersignatures, discharge -----------------------
  await switchUser(page, 'doctor', searchHeading);
  await openEncounterFromCensus(page, patientCode);
  await startDocument(page, '02/TT25', 'Giấy ra viện');
  await pickIcd10(page, '#sf-diagnosis-mainCode', 'J18.9');
  await page.locator('#sf-treatment-text').fill('Kháng sinh tĩnh mạch 7 ngày, hạ sốt, thở oxy.');
  await page.locator('#sf-notes-text').fill('Tái khám sau 2 tuần tại phòng khám Nội.');
  await saveAndSign(page);
  await shot(page, 5, 'discharge-paper-signed');
  await page.getByTestId('back-to-encounter').click();
  await startDocument(page, '03/TT25', 'Tóm tắt hồ sơ bệnh án');
  await page.locator('#sf-diagnoses-onAdmission-name').fill('Viêm phổi, không đặc hiệu');
  await pickIcd10(page, '#sf-diagnoses-dischargeMainCode', 'J18.9');
  await page.locator('#sf-summary-clinicalCourse').fill('Hết sốt sau 3 ngày kháng sinh, hết khó thở, phổi giảm ran.');
  await page.locator('#sf-summary-keyParaclinicalResults').fill('Công thức máu và X-quang ngực: xem kết quả kèm theo.');
  await page.locator('#sf-summary-treatmentMethods').fill('Kháng sinh tĩnh mạch, hạ sốt, thở oxy.');
  await page.locator('#sf-summary-dischargeCondition').fill('Tỉnh, không sốt, SpO2 98% khí trời.');
  await saveAndSign(page);

  await switchUser(page, 'headdoctor', searchHeading);
  await openEncounterFromCensus(page, patientCode);
  const awaiting = page.getByTestId('completeness-awaiting').getByRole('link');
  // The record, the discharge paper and the summary await the head of department.
  await expect(awaiting).toHaveCount(3);
  for (let i = 0; i < 3; i++) {
    await countersignNextAwaited(page);
    await shot(page, 5, `countersigned-${i + 1}`);
    await page.getByTestId('back-to-encounter').click();
    await expect(page.getByTestId('completeness')).toBeVisible();
  }
  await expect(page.getByTestId('completeness-complete')).toBeVisible();

  await timed(timings.navigations, 'ward census', () => page.getByTestId('nav-census').click(), page.locator(`[data-testid="census-row"][data-patient-code="${patientCode}"]`));
  await page.locator(`[data-testid="census-row"][data-patient-code="${patientCode}"]`).getByTestId('census-discharge').click();
  const discharge = page.getByTestId('discharge-dialog');
  await expect(discharge).toBeVisible();
  await page.locator('#discharge-outcome').click();
  // The options' accessible names are their translation keys (PrimeNG reads optionLabel): pick them by their text.
  await page.getByRole('option').filter({ hasText: 'Đỡ, giảm' }).click();
  await page.locator('#discharge-type').click();
  await page.getByRole('option').filter({ hasText: /^Ra viện$/ }).click();
  await pickIcd10(page, '#discharge-principal', 'J18.9');
  await shot(page, 5, 'discharge');
  await discharge.getByTestId('discharge-submit').click();
  await expect(discharge).toBeHidden();
  await expect(page.getByTestId('census-notice')).toBeVisible();
  await expect(page.locator(`[data-testid="census-row"][data-patient-code="${patientCode}"]`)).toHaveCount(0);

  // ---- 6. The records office archives the complete record and downloads the sealed PDF ---------------------------
  await switchUser(page, 'records', page.getByTestId('queue'));
  const queueRow = page.locator(`[data-testid="queue-row"][data-encounter-id="${encounterId}"]`);
  await expect(queueRow).toHaveAttribute('data-complete', 'true');
  await expect(queueRow.getByTestId('queue-patient')).toHaveText(PATIENT.fullName);
  await shot(page, 6, 'records-queue');
  await queueRow.getByTestId('queue-archive').click();
  await expect(page.getByTestId('archive-dialog')).toBeVisible();
  await page.getByTestId('archive-submit').click();
  await expect(page.getByTestId('queue-notice')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('queue-scope').getByText('Đã lưu trữ', { exact: true }).click();
  const archivedRow = page.locator(`[data-testid="queue-row"][data-encounter-id="${encounterId}"]`);
  await timed(timings.navigations, 'queue → archive', () => archivedRow.getByTestId('queue-archive-link').click(), page.getByTestId('detail-sha256'));
  await expect(page.getByTestId('detail-patient')).toHaveText(PATIENT.fullName);
  const sha256 = (await page.getByTestId('detail-sha256').innerText()).trim();
  await page.getByTestId('detail-download').click();
  await page.getByTestId('reason-input').fill('Kiểm tra hồ sơ sau ra viện (hành trình người bệnh)');
  const download = page.waitForEvent('download');
  await page.getByTestId('reason-submit').click();
  const file = await download;
  await expect(page.getByTestId('detail-notice')).toHaveText('Đã tải tệp lưu trữ.');
  await shot(page, 6, 'archive');
  const dir = mkdtempSync(join(tmpdir(), 'journey-archive-'));
  const pdf = join(dir, file.suggestedFilename());
  await file.saveAs(pdf);
  expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(spawnSync('sha256sum', [pdf], { encoding: 'utf8' }).stdout.slice(0, 64)).toBe(sha256);
  // The facility's root in an NSS database of our own, so pdfsig checks the whole chain, not just the signature.
  const ca = await page.request.get('/api/pki/ca');
  expect(ca.status()).toBe(200);
  writeFileSync(join(dir, 'ca.pem'), await ca.body());
  const nss = `sql:${join(dir, 'nss')}`;
  mkdirSync(join(dir, 'nss'));
  expect(spawnSync('certutil', ['-N', '-d', nss, '--empty-password']).status).toBe(0);
  expect(spawnSync('certutil', ['-A', '-d', nss, '-n', 'benhan', '-t', 'CT,C,C', '-i', join(dir, 'ca.pem')]).status).toBe(0);
  const pdfsig = spawnSync('pdfsig', ['-nssdir', nss, pdf], { encoding: 'utf8' });
  expect(pdfsig.stdout).toContain('Signature Type: ETSI.CAdES.detached');
  expect(pdfsig.stdout).toContain('Signature Validation: Signature is Valid.');
  expect(pdfsig.stdout).toContain('Certificate Validation: Certificate is Trusted.');
  expect(pdfsig.stdout).toContain('Total document signed');

  // ---- 7. The inspector: the signature trail, the audit chain, who accessed the record ---------------------------
  await switchUser(page, 'inspector', page.getByTestId('trail-filters'));
  await page.locator('#trail-patient').fill(PATIENT.search);
  const option = page.getByTestId('patient-option').filter({ hasText: patientCode }).first();
  await expect(option).toBeVisible();
  await option.click();
  await timed(timings.navigations, 'signature trail search', () => page.getByTestId('trail-submit').click(), page.getByTestId('trail-row').first());
  // 01/BV1, 02/TT25 and 03/TT25 by the doctor and the head; 39/BV2 and the two order sheets by the doctor; CS/BV2.
  const trailRows = page.getByTestId('trail-row');
  await expect(trailRows).toHaveCount(10);
  await expect(page.locator('[data-testid="trail-row"]:not([data-indication="PASSED"])')).toHaveCount(0);
  const expected: [string, string, number][] = [
    ['01/BV1', DOCTOR, 1],
    ['01/BV1', HEAD, 1],
    ['39/BV2', DOCTOR, 1],
    ['CD/CLS', DOCTOR, 2],
    ['CS/BV2', NURSE, 1],
    ['02/TT25', DOCTOR, 1],
    ['02/TT25', HEAD, 1],
    ['03/TT25', DOCTOR, 1],
    ['03/TT25', HEAD, 1],
  ];
  for (const [formCode, signer, count] of expected) {
    const rows = trailRows.filter({ has: page.getByTestId('trail-form-code').getByText(formCode, { exact: true }) }).filter({ has: page.getByTestId('trail-signer-name').getByText(signer, { exact: true }) });
    await expect(rows, `${formCode} signed by ${signer}`).toHaveCount(count);
    await expect(rows.first().getByTestId('trail-version')).toHaveText('Phiên bản 1');
  }
  await shot(page, 7, 'signature-trail');

  await timed(timings.navigations, 'signature trail → access log', () => page.getByTestId('trail-access-link').click(), page.getByTestId('access-log'));
  await expect(page).toHaveURL(/\/inspector\/access\?patient=/);
  const log = page.getByTestId('access-log');
  // Newest first: the archive download with its purpose heads the log.
  const downloadRow = log.locator('[data-testid="access-row"][data-action="archive_download"]').first();
  await expect(downloadRow).toContainText(DEMO_ACCOUNTS['records'].fullName);
  await expect(downloadRow).toContainText('hành trình người bệnh');
  await shot(page, 7, 'access-log');
  // The first page lists readers by name; everyone who worked on the stay is in the log.
  await expect(log.getByTestId('access-row').first()).toBeVisible();
  const accessors = await accessLogActors(page);
  for (const who of [DOCTOR, HEAD, NURSE, DEMO_ACCOUNTS['records'].fullName]) {
    expect(accessors.some((name) => name === who), `${who} in the access log`).toBe(true);
  }

  await timed(timings.navigations, 'access log → integrity', () => page.getByTestId('nav-integrity').click(), page.getByTestId('integrity-run'));
  await page.getByTestId('integrity-mode').getByText('Từ sự kiện đầu tiên', { exact: true }).click();
  await page.getByTestId('integrity-run').click();
  await expect(page.getByTestId('integrity-last')).toHaveAttribute('data-status', 'OK', { timeout: 60_000 });
  await expect(page.getByTestId('integrity-status')).toHaveText('Nhật ký toàn vẹn');
  await shot(page, 7, 'audit-integrity');

  // ---- timings ---------------------------------------------------------------------------------------------------
  writeFileSync(join(outputDir(), 'journey-timings.json'), JSON.stringify({ measuredAt: new Date().toISOString(), browser: 'chromium', ...timings }, null, 2) + '\n');
  const first = timings.firstLoad;
  const lines = [
    `first load of ${first.url}: DOMContentLoaded ${first.domContentLoadedMs} ms, load ${first.loadMs} ms, login form visible ${first.firstContentVisibleMs} ms, sign-in → workspace ${first.signInToWorkspaceMs} ms`,
    ...timings.signIns.map((t) => `${t.name}: ${t.ms} ms`),
    ...timings.navigations.map((t) => `${t.name}: ${t.ms} ms`),
  ];
  console.log(`Journey timings (chromium):\n  ${lines.join('\n  ')}`);
});
