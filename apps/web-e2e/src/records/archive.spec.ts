import { type APIRequestContext, expect as baseExpect, type Page, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { DEMO_PASSWORD, signIn } from '../support/demo';

// Printing and sealing PDFs, and loading the lazy pages, take a while on a loaded machine (two cores shared with builds).
const expect = baseExpect.configure({ timeout: 20_000 });
test.describe.configure({ timeout: 120_000 });

/**
 * The records office and the director in the records workspace, against the demo seed (which archives one
 * finished internal-medicine stay, Hoàng Thị Lụa's):
 * - a stay the doctor has just discharged, with no discharge paper nor summary, waits in the queue as incomplete;
 *   the records officer sees what is missing, and archiving it is refused with that list;
 * - the records officer finds the demo archive by accent-free name, opens it, takes the file out with a purpose
 *   (a real PDF), and finds the purpose in its access log; previews it too;
 * - the director lands on the disposals: nothing to approve without a proposal, no candidates to propose, and
 *   the archive read-only (no export).
 */

interface Token {
  accessToken: string;
}

async function tokenOf(request: APIRequestContext, username: string): Promise<string> {
  const response = await request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as Token).accessToken;
}

/** As the doctor, through the API: a new internal-medicine inpatient, admitted and discharged at once. */
async function dischargeANewStay(request: APIRequestContext): Promise<{ encounterId: string; patientName: string }> {
  const headers = { Authorization: `Bearer ${await tokenOf(request, 'doctor')}` };
  const departments = (await (await request.get('/api/departments', { headers })).json()) as { id: string; code: string }[];
  const noi = departments.find((d) => d.code === 'NOI')?.id;
  const patientName = 'Phan Văn Khải';
  const patient = await request.post('/api/patients', { headers, data: { fullName: patientName, birthYear: 1958, sex: 'male', confirmDuplicate: true } });
  expect(patient.status(), await patient.text()).toBe(201);
  const patientId = ((await patient.json()) as { id: string }).id;
  const stay = await request.post('/api/encounters/admissions', { headers, data: { patientId, departmentId: noi, source: 'emergency' } });
  expect(stay.status(), await stay.text()).toBe(201);
  const { id: encounterId, version } = (await stay.json()) as { id: string; version: number };
  const discharged = await request.post(`/api/encounters/${encounterId}/discharge`, {
    headers,
    data: { version, outcome: 'improved', type: 'discharged', diagnoses: [{ role: 'principal', code: 'I10' }] },
  });
  expect(discharged.status(), await discharged.text()).toBe(201);
  return { encounterId, patientName };
}

async function openDemoArchive(page: Page): Promise<void> {
  await page.getByTestId('nav-archives').click();
  await expect(page).toHaveURL(/\/records\/archives$/);
  await page.getByTestId('search-q').fill('hoang thi lua');
  await page.getByTestId('search-submit').click();
  const row = page.getByTestId('archive-row').filter({ hasText: 'Hoàng Thị Lụa' });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('archive-generation')).toHaveText('1');
  await expect(row.getByTestId('archive-retention')).toHaveText(/^31\/12\/20\d\d$/);
  await row.getByTestId('archive-open').click();
  await expect(page.getByTestId('detail-patient')).toHaveText('Hoàng Thị Lụa');
  await expect(page.getByTestId('detail-sha256')).toHaveText(/^[0-9a-f]{64}$/);
}

async function givePurpose(page: Page, purpose: string, action: 'reason-submit' | 'reason-secondary'): Promise<void> {
  await page.getByTestId('detail-download').click();
  await expect(page.getByTestId('reason-dialog')).toBeVisible();
  await page.getByTestId('reason-input').fill(purpose);
  await page.getByTestId(action).click();
}

test('archive: an incomplete discharged stay waits in the queue with what is missing, and archiving it is refused with the list', async ({ page, request }) => {
  const { encounterId, patientName } = await dischargeANewStay(request);

  await signIn(page, 'records');
  await expect(page).toHaveURL(/\/records$/);
  await expect(page.getByTestId('nav-queue')).toHaveAttribute('aria-current', 'page');
  const row = page.locator(`[data-testid="queue-row"][data-encounter-id="${encounterId}"]`);
  await expect(row.getByTestId('queue-patient')).toHaveText(patientName);
  await expect(row.getByTestId('completeness-missing-count')).toHaveText(/^Thiếu \d+$/);

  await row.getByTestId('queue-toggle-detail').click();
  await expect(page.getByTestId('queue-detail').getByTestId('completeness-missing')).toContainText('Còn thiếu');

  await row.getByTestId('queue-archive').click();
  await expect(page.getByTestId('archive-dialog')).toBeVisible();
  await page.getByTestId('archive-categories').click();
  await page.getByRole('option', { name: 'Tai nạn giao thông' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('archive-category-chosen')).toHaveText('Tai nạn giao thông');
  await page.getByTestId('archive-submit').click();
  await expect(page.getByTestId('archive-error')).toHaveText('Chưa thể lưu trữ: hồ sơ còn thiếu những mục sau.');
  await expect(page.getByTestId('archive-missing').getByTestId('completeness-missing').locator('li').first()).toBeVisible();
  await expect(page.getByTestId('queue-notice')).toHaveCount(0);
});

test('archive: the records officer finds the demo archive, takes it out with a purpose, and the purpose is in its access log', async ({ page }) => {
  await signIn(page, 'records');
  await expect(page).toHaveURL(/\/records$/);
  await openDemoArchive(page);

  // Unique, so a reused server (BASE_URL) whose log already holds earlier runs' purposes still finds this one once.
  const run = new Date().toISOString();
  const purpose = `Bảo hiểm xã hội đề nghị giám định (${run})`;
  const download = page.waitForEvent('download');
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/pdf') && new URL(r.url()).searchParams.get('purpose') === purpose);
  await givePurpose(page, purpose, 'reason-submit');
  expect((await answer).headers()['content-type']).toContain('application/pdf');
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/-g1\.pdf$/);
  expect(readFileSync((await file.path()) ?? '').subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(page.getByTestId('detail-notice')).toHaveText('Đã tải tệp lưu trữ.');
  await expect(page.locator('[data-testid="access-row"][data-kind="download"]').filter({ hasText: purpose })).toHaveCount(1);

  // The same with a print preview: the file is shown in a frame, and that access is logged too.
  const preview = `Hội chẩn chuyên môn (${run})`;
  const previewed = page.waitForResponse((r) => new URL(r.url()).searchParams.get('purpose') === preview);
  await givePurpose(page, preview, 'reason-secondary');
  expect((await previewed).headers()['content-type']).toContain('application/pdf');
  await expect(page.getByTestId('print-preview-frame')).toHaveAttribute('src', /^blob:/);
  await page.getByTestId('print-preview-close').click();
  await expect(page.locator('[data-testid="access-row"]').filter({ hasText: preview })).toHaveCount(1);
});

test('archive: the director lands on the disposals, has nothing to approve without a proposal, and reads the archive without exporting', async ({ page }) => {
  await signIn(page, 'director');
  await expect(page).toHaveURL(/\/records$/);
  await expect(page.getByTestId('workspace-title')).toHaveText('Phòng Kế hoạch tổng hợp – Lưu trữ hồ sơ');
  await expect(page.getByTestId('nav-disposals')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('nav-queue')).toHaveCount(0);
  await expect(page.getByTestId('proposals-empty')).toHaveText('Không có đề nghị nào chờ phê duyệt.');
  await expect(page.getByTestId('proposal-approve')).toHaveCount(0);
  await expect(page.getByTestId('candidates-section')).toHaveCount(0);

  await openDemoArchive(page);
  await expect(page.getByTestId('detail-download')).toBeVisible();
  await expect(page.getByTestId('detail-reopen')).toHaveCount(0);
  await expect(page.getByTestId('detail-hold-on')).toHaveCount(0);
  await page.getByTestId('nav-archives').click();
  await expect(page.getByTestId('export-open')).toHaveCount(0);
});
