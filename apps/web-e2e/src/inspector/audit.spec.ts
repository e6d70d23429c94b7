import { type APIRequestContext, expect as baseExpect, type Page, test } from '@playwright/test';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, signIn } from '../support/demo';

// Validating signatures and re-hashing the chain take a while on a loaded machine (two cores shared with builds).
const expect = baseExpect.configure({ timeout: 20_000 });
test.describe.configure({ timeout: 120_000 });

/**
 * The inspector in the inspector workspace, against the demo seed, whose archived stay (Hoàng Thị Lụa's) has its
 * treatment sheet signed by the ward doctor and its record signed by the doctor and the head of department:
 * - the signature trail of that patient lists valid (PASSED) signatures with the signer and the role signed in;
 * - "who accessed" her record lists the ward doctor's read of it (made through the API first);
 * - the integrity check, run now from the first event, finds the chain intact.
 */

const PATIENT = { search: 'hoang thi lua', fullName: 'Hoàng Thị Lụa' };
const DOCTOR = DEMO_ACCOUNTS['doctor'].fullName;

interface Token {
  accessToken: string;
}

async function tokenOf(request: APIRequestContext, username: string): Promise<string> {
  const response = await request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as Token).accessToken;
}

/** As the ward doctor, through the API: finds the demo patient and opens her record (a read the audit trail keeps). */
async function doctorOpensThePatient(request: APIRequestContext): Promise<string> {
  const headers = { Authorization: `Bearer ${await tokenOf(request, 'doctor')}` };
  const found = await request.get('/api/patients', { headers, params: { q: PATIENT.search } });
  expect(found.status(), await found.text()).toBe(200);
  const patient = ((await found.json()) as { items: { id: string; fullName: string }[] }).items.find((p) => p.fullName === PATIENT.fullName);
  expect(patient, `${PATIENT.fullName} in the demo seed`).toBeDefined();
  const read = await request.get(`/api/patients/${patient?.id}`, { headers });
  expect(read.status(), await read.text()).toBe(200);
  return patient?.id ?? '';
}

/** Types into a patient picker and chooses the patient among the suggestions. */
async function pickPatient(page: Page, inputId: string): Promise<void> {
  await page.locator(`#${inputId}`).fill(PATIENT.search);
  const option = page.getByTestId('patient-option').filter({ hasText: PATIENT.fullName }).first();
  await expect(option).toBeVisible();
  await option.click();
  await expect(page.locator(`#${inputId}`)).toHaveValue(new RegExp(`^${PATIENT.fullName} · `));
}

test('inspector: the demo patient’s signature trail shows valid signatures, her record’s access log shows the doctor’s read, and the chain checks out', async ({ page, request }) => {
  const patientId = await doctorOpensThePatient(request);

  await signIn(page, 'inspector');
  await expect(page).toHaveURL(/\/inspector$/);
  await expect(page.getByTestId('workspace-title')).toHaveText('Thanh tra');
  await expect(page.getByTestId('nav-signatures')).toHaveAttribute('aria-current', 'page');

  // The signature trail of the patient.
  await pickPatient(page, 'trail-patient');
  const trail = page.waitForResponse((r) => {
    const url = new URL(r.url());
    return url.pathname === '/api/audit/signature-trail' && url.searchParams.get('patient') === patientId;
  });
  await page.getByTestId('trail-submit').click();
  expect((await trail).status()).toBe(200);
  const passed = page.locator('[data-testid="trail-row"][data-indication="PASSED"]');
  await expect(passed.first()).toBeVisible();
  await expect(passed.first().getByTestId('signature-badge')).toHaveText('Chữ ký hợp lệ');
  const treatmentSheet = passed.filter({ hasText: 'Tờ điều trị' }).filter({ hasText: DOCTOR }).first();
  await expect(treatmentSheet.getByTestId('trail-form-code')).toHaveText('39/BV2');
  await expect(treatmentSheet.getByTestId('trail-signer-name')).toHaveText(DOCTOR);
  await expect(treatmentSheet.getByTestId('trail-signer-role')).toHaveText('Người lập · bước 1');
  await expect(treatmentSheet.getByTestId('trail-signed-at')).toHaveText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);

  // Who accessed her record: the doctor's read, from the trail's link.
  await page.getByTestId('trail-access-link').click();
  await expect(page).toHaveURL(new RegExp(`/inspector/access\\?patient=${patientId}$`));
  await expect(page.getByTestId('nav-access')).toHaveAttribute('aria-current', 'page');
  const reads = page.locator('[data-testid="access-row"][data-action="patient_read"]').filter({ hasText: DOCTOR });
  await expect(reads.first()).toBeVisible();
  await expect(reads.first().getByTestId('access-action')).toHaveText('Xem thông tin người bệnh');
  await expect(reads.first()).toHaveAttribute('data-break-glass', 'false');

  // The chain's integrity, checked now from the first event.
  await page.getByTestId('nav-integrity').click();
  await expect(page).toHaveURL(/\/inspector\/integrity$/);
  await page.getByTestId('integrity-mode').getByText('Từ sự kiện đầu tiên', { exact: true }).click();
  const checked = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/audit/integrity');
  await page.getByTestId('integrity-run').click();
  const answer = await checked;
  expect(answer.status(), await answer.text()).toBe(200);
  expect(new URL(answer.url()).searchParams.get('from')).toBe('genesis');
  await expect(page.getByTestId('integrity-last')).toHaveAttribute('data-status', 'OK');
  await expect(page.getByTestId('integrity-status')).toHaveText('Nhật ký toàn vẹn');
  await expect(page.locator('[data-testid="integrity-run-row"]').first()).toHaveAttribute('data-status', 'OK');
});
