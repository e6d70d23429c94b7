import { expect as baseExpect, type Page, test } from '@playwright/test';
import { DEMO_ACCOUNTS, signIn } from '../support/demo';

// Printing PDFs, and loading the lazy pages, take a while on a loaded machine (two cores shared with builds).
const expect = baseExpect.configure({ timeout: 20_000 });
test.describe.configure({ timeout: 120_000 });

interface Session {
  accessToken: string;
  user: { departments: { id: string }[] };
}

const sessionOf = (page: Page) => page.evaluate(() => JSON.parse(sessionStorage.getItem('bh.session') ?? '{}') as Session);

/**
 * A treatment sheet (39/BV2, which the demo seed writes for the internal-medicine inpatients) of one of the doctor's
 * ward inpatients, found through the API with the doctor's session: a patient admitted by another journey may have
 * no document yet, so the first census row will not do.
 */
async function aTreatmentSheet(page: Page): Promise<string> {
  const session = await sessionOf(page);
  const headers = { Authorization: `Bearer ${session.accessToken}` };
  const census = await page.request.get(`/api/encounters/census?departmentId=${session.user.departments[0].id}`, { headers });
  for (const { encounterId } of (await census.json()) as { encounterId: string }[]) {
    const documents = (await (await page.request.get(`/api/encounters/${encounterId}/documents`, { headers })).json()) as { id: string; formCode: string }[];
    const sheet = documents.find((d) => d.formCode === '39/BV2');
    if (sheet) return sheet.id;
  }
  throw new Error('No inpatient of the doctor’s ward has a treatment sheet');
}

/**
 * The doctor previews a document version as the A4 PDF the API prints: "Xem bản in" on the document page fetches
 * `/api/versions/{id}/pdf` with the doctor's token (answered as application/pdf, a real PDF), and the dialog shows
 * it in a frame from an object URL (allowed by the API's CSP, frame-src blob:), with Download and Print.
 */
test('print preview: the doctor opens a treatment sheet’s print preview and sees the PDF the API printed', async ({ page }) => {
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) blocked.push(message.text());
  });

  await signIn(page, DEMO_ACCOUNTS['doctor'].username);
  await expect(page).toHaveURL(/\/doctor$/);
  await page.goto(`/doctor/documents/${await aTreatmentSheet(page)}`);
  await expect(page.getByTestId('document-title')).toHaveText('Tờ điều trị');

  const pdf = page.waitForResponse((response) => /\/api\/versions\/[^/]+\/pdf$/.test(new URL(response.url()).pathname));
  await page.getByTestId('print-preview-open').click();
  const response = await pdf;
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/pdf');
  // The same file again with the doctor's token, to read its bytes (the page's own response went into a blob).
  const again = await page.request.get(response.url(), { headers: { Authorization: `Bearer ${(await sessionOf(page)).accessToken}` } });
  expect((await again.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  const frame = page.getByTestId('print-preview-frame');
  await expect(frame).toBeVisible();
  await expect(frame).toHaveAttribute('src', /^blob:/);
  await expect(page.locator('.p-dialog-title')).toContainText('39/BV2');
  await expect(page.getByTestId('print-preview-print')).toBeEnabled();

  const download = page.waitForEvent('download');
  await page.getByTestId('print-preview-download').click();
  expect((await download).suggestedFilename()).toMatch(/^39-BV2-v\d+\.pdf$/);

  await page.getByTestId('print-preview-close').click();
  await expect(frame).toBeHidden();
  expect(blocked).toEqual([]);
});
