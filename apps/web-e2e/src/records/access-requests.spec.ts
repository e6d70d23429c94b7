import { type APIRequestContext, expect as baseExpect, type Page, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { DEMO_PASSWORD, signIn } from '../support/demo';

// Sealing PDFs and loading the lazy pages take a while on a loaded machine (two cores shared with builds).
const expect = baseExpect.configure({ timeout: 20_000 });
test.describe.configure({ timeout: 120_000 });

/**
 * The records office's access requests (R12), against the demo seed (Hoàng Thị Lụa's finished, archived stay):
 * - a family representative's written request is recorded with the summary only (reading and copying cannot be
 *   chosen; the server refuses a copy for them too);
 * - the summary is released: the facility-sealed PDF shows in the print preview and downloads, and the request
 *   reads as released.
 */

const PATIENT = { search: 'hoang thi lua', fullName: 'Hoàng Thị Lụa' };

interface Token {
  accessToken: string;
}

async function tokenOf(request: APIRequestContext, username: string): Promise<string> {
  const response = await request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as Token).accessToken;
}

async function openAccessRequests(page: Page): Promise<void> {
  await signIn(page, 'records');
  await expect(page).toHaveURL(/\/records$/);
  await page.getByTestId('nav-access-requests').click();
  await expect(page).toHaveURL(/\/records\/access-requests$/);
  await expect(page.getByTestId('nav-access-requests')).toHaveAttribute('aria-current', 'page');
}

test('access requests: a family representative gets the summary only, and the records office releases it sealed', async ({ page }) => {
  await openAccessRequests(page);
  // Unique, so a reused server (BASE_URL) with earlier runs' requests still finds this one once.
  const requester = `Nguyễn Văn An ${Date.now().toString(36)}`;

  await page.getByTestId('request-open').click();
  const dialog = page.getByTestId('request-dialog');
  await expect(dialog).toBeVisible();
  await page.locator('#request-patient').fill(PATIENT.search);
  const option = page.getByTestId('patient-option').filter({ hasText: PATIENT.fullName }).first();
  await expect(option).toBeVisible();
  await option.click();
  await dialog.getByTestId('request-requester').fill(requester);
  await dialog.getByTestId('request-id-number').fill('001090001234');

  // Everything may be asked by the patient; a family representative may ask for the summary only.
  await expect(page.locator('#request-scope-copy')).toBeEnabled();
  await page.locator('#request-scope-copy').check();
  await dialog.getByTestId('request-relationship').click();
  await page.getByRole('option', { name: 'Người đại diện của gia đình' }).click();
  await expect(page.locator('#request-scope-copy')).toBeDisabled();
  await expect(page.locator('#request-scope-read')).toBeDisabled();
  await expect(page.locator('#request-scope-summary')).toBeChecked();
  await expect(dialog.getByTestId('request-summary-only')).toContainText('chỉ được cung cấp bản tóm tắt');

  const created = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/access-requests' && r.request().method() === 'POST');
  await dialog.getByTestId('request-submit').click();
  const answer = await created;
  expect(answer.status(), await answer.text()).toBe(201);
  expect(answer.request().postDataJSON()).toMatchObject({ relationship: 'family_representative', scope: 'summary', requesterName: requester });
  await expect(page.getByTestId('requests-notice')).toContainText(requester);

  const row = page.getByTestId('request-row').filter({ hasText: requester });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('request-scope')).toHaveText('Bản tóm tắt hồ sơ bệnh án');
  await expect(row.getByTestId('request-status')).toHaveText('Chờ giải quyết');

  // Release: the sealed summary in the print preview, and as a download.
  await row.getByTestId('request-release').click();
  await expect(page.getByTestId('release-dialog')).toBeVisible();
  const released = page.waitForResponse((r) => /\/api\/access-requests\/[^/]+\/release$/.test(new URL(r.url()).pathname));
  await page.getByTestId('release-confirm').click();
  const pdf = await released;
  expect(pdf.status(), await pdf.text()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  await expect(page.getByTestId('print-preview-frame')).toHaveAttribute('src', /^blob:/);
  const download = page.waitForEvent('download');
  await page.getByTestId('print-preview-download').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.pdf$/);
  expect(readFileSync((await file.path()) ?? '').subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await page.getByTestId('print-preview-close').click();
  await expect(row.getByTestId('request-status')).toHaveText('Đã cung cấp');
  await expect(row.getByTestId('request-release')).toHaveCount(0);
});

test('access requests: the server refuses a copy for a family representative, naming the scope', async ({ request }) => {
  const headers = { Authorization: `Bearer ${await tokenOf(request, 'records')}` };
  const found = await request.get('/api/patients', { headers, params: { q: PATIENT.search } });
  expect(found.status(), await found.text()).toBe(200);
  const patient = ((await found.json()) as { items: { id: string; fullName: string }[] }).items.find((p) => p.fullName === PATIENT.fullName);
  expect(patient).toBeDefined();
  const refused = await request.post('/api/access-requests', {
    headers,
    data: { patientId: patient?.id, requesterName: 'Nguyễn Thị Lan', relationship: 'family_representative', requesterIdNumber: '001190004321', scope: 'copy' },
  });
  expect(refused.status(), await refused.text()).toBe(400);
  const problem = (await refused.json()) as { errors?: { field: string }[] };
  expect(problem.errors?.map((e) => e.field)).toContain('scope');
});
