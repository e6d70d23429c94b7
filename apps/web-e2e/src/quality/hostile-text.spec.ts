import { expect, test } from '@playwright/test';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, signIn } from '../support/demo';

/**
 * Text a user typed is shown as text, never run: a patient registered (through the API, as any client could)
 * with markup in the occupation and the street is opened in the doctor's workspace; the markup appears
 * literally, no script runs, no dialog opens, and the Content-Security-Policy reports nothing.
 */
const runTag = String(Date.now() % 1_000_000).padStart(6, '0');
const SCRIPT = `<script>window.__xss = 'script'</script>Thợ may ${runTag}`;
const IMAGE = `<img src=x onerror="window.__xss = 'onerror'; alert(1)">12 Hàng Bông`;

test('markup typed into a patient’s fields is shown as text, never run', async ({ page, request }) => {
  const login = await request.post('/api/auth/login', { data: { username: DEMO_ACCOUNTS['doctor'].username, password: DEMO_PASSWORD } });
  expect(login.ok()).toBe(true);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const registered = await request.post('/api/patients', {
    headers: { authorization: `Bearer ${accessToken}` },
    data: {
      fullName: 'Lương Thị Hạnh',
      birthDate: `1990-${String((Number(runTag) % 12) + 1).padStart(2, '0')}-${String((Number(runTag) % 28) + 1).padStart(2, '0')}`,
      sex: 'female',
      citizenId: `001190${runTag}`,
      ethnicityCode: '01',
      occupation: SCRIPT,
      address: { provinceCode: '01', communeCode: '00004', street: IMAGE },
      confirmDuplicate: true,
    },
  });
  expect(registered.status()).toBe(201);
  const patient = (await registered.json()) as { id: string };

  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });

  await signIn(page, DEMO_ACCOUNTS['doctor'].username);
  await expect(page).toHaveURL(/\/doctor$/);
  await page.goto(`/doctor/patients/${patient.id}`);
  const identity = page.getByTestId('patient-identity');
  await expect(identity).toContainText(SCRIPT);
  await expect(identity).toContainText(IMAGE);
  await expect(identity.locator('script, img')).toHaveCount(0);

  expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(violations).toEqual([]);
});
