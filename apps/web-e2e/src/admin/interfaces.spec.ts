import { expect, test, type APIRequestContext } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, signIn } from '../support/demo';

/**
 * The administrator watches the HL7 v2 links (issue 9) against the browser tests' system, whose outbox is pointed at the
 * LIS and PACS simulators: a doctor's signed order shows as an OML^O21 delivered to the LIS, with its ACK; a result the
 * lab sent with the wrong patient identifier waits in the quarantine, and the administrator corrects it in the page and
 * replays it, and it is accepted.
 */
const MLLP_PORT = Number(process.env['E2E_MLLP_PORT'] ?? 3102);

async function token(request: APIRequestContext, username: string): Promise<string> {
  const res = await request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** Sends one HL7 message over MLLP to Benhan and resolves with the ACK text. */
function sendMllp(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(MLLP_PORT, '127.0.0.1', () => socket.write(Buffer.concat([Buffer.from([0x0b]), Buffer.from(text, 'utf8'), Buffer.from([0x1c, 0x0d])])));
    let received = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf(0x1c);
      if (end >= 0) {
        socket.end();
        resolve(received.subarray(1, end).toString('utf8'));
      }
    });
    socket.on('error', reject);
    socket.setTimeout(15_000, () => reject(new Error('no ACK within 15 s')));
  });
}

test('interfaces: a signed order goes to the LIS; a quarantined result is corrected and replayed by the admin', async ({ page, request }) => {
  test.setTimeout(90_000);
  const doctor = await token(request, DEMO_ACCOUNTS['doctor'].username);
  const auth = { Authorization: `Bearer ${doctor}` };
  const me = (await (await request.get('/api/auth/me', { headers: auth })).json()) as { departments: { id: string }[] };
  const census = (await (await request.get(`/api/encounters/census?departmentId=${me.departments[0].id}`, { headers: auth })).json()) as { encounterId: string; patientId: string; patientCode: string }[];
  const stay = census[0];
  const placed = await request.post(`/api/encounters/${stay.encounterId}/orders`, { headers: auth, data: { category: 'laboratory', priority: 'routine', items: ['SH-GLU'] } });
  expect(placed.status(), await placed.text()).toBe(201);
  const orderId = ((await placed.json()) as { id: string }).id;
  const activated = await request.post(`/api/orders/${orderId}/activate`, { headers: auth, data: { pin: '123456' } });
  expect(activated.ok(), await activated.text()).toBe(true);

  // The lab answers with a wrong PID-3: Benhan cannot be sure whose result it is, so it keeps it aside (AE).
  const controlId = `WEB-E2E-${Date.now()}`;
  const oru = [
    `MSH|^~\\&|lis|KHOA_XET_NGHIEM|BENHAN|01999|20261128090000+0700||ORU^R01^ORU_R01|${controlId}|P|2.5.1|||||VNM|UNICODE UTF-8`,
    'PID|1||BN-SAI-MA^^^01999^PI||Nguyễn^An',
    `ORC|RE|${orderId}^BENHAN|${controlId}^LIS`,
    `OBR|1|${orderId}^BENHAN|${controlId}^LIS|SH-GLU^Glucose máu^L^14749-6^^LN|||20261128083000+0700|||||||||||||||20261128090000+0700|||F`,
    'OBX|1|NM|14749-6^Glucose [Moles/volume] in Serum or Plasma^LN||5.4|mmol/L^^UCUM|3.9-6.4|N|||F',
  ].join('\r');
  expect(await sendMllp(oru)).toContain(`MSA|AE|${controlId}`);

  await signIn(page, DEMO_ACCOUNTS['admin'].username);
  await page.getByTestId('nav-interfaces').click();
  await expect(page).toHaveURL(/\/admin\/interfaces$/);
  await expect(page.getByTestId('listener-address')).toContainText(String(MLLP_PORT));
  const lisCard = page.getByTestId('destination-lis');
  await expect(lisCard.getByTestId('destination-address')).toContainText('127.0.0.1:');
  await expect(lisCard.getByTestId('order-message')).toContainText('OML^O21');
  await expect(page.getByTestId('destination-pacs')).toBeVisible();

  // The order went out to the LIS and was acknowledged.
  await page.getByTestId('filter-control-id').fill('');
  await page.getByTestId('filter-type').fill('OML^O21');
  await page.getByTestId('filter-submit').click();
  const sent = page.getByTestId('message-row').first();
  await expect(sent.getByTestId('message-type')).toHaveText('OML^O21');
  await expect(sent.getByTestId('message-ack')).toHaveText('AA');
  await expect(lisCard.getByTestId('connection-state')).toContainText(/kết nối/i);
  const dir = join(test.info().project.outputDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, 'admin-interfaces.png'), fullPage: true });

  // The quarantine: open the message, correct PID-3, replay.
  await page.getByTestId('filter-reset').click();
  await page.getByTestId('filter-quarantine').click();
  const quarantined = page.getByTestId('message-row').filter({ hasText: controlId });
  await expect(quarantined).toHaveCount(1);
  await quarantined.getByTestId('message-open').click();
  const detail = page.getByTestId('message-detail');
  await expect(detail.getByTestId('detail-reason')).toContainText('PID-3');
  await expect(detail.getByTestId('message-text')).toContainText('PID|1||BN-SAI-MA');
  await detail.getByTestId('edit-replay-button').click();
  const editor = detail.getByTestId('replay-text');
  const text = await editor.inputValue();
  expect(text.split('\n')[1]).toBe('PID|1||BN-SAI-MA^^^01999^PI||Nguyễn^An');
  await editor.fill(text.replace('BN-SAI-MA', stay.patientCode));
  await detail.getByTestId('replay-button').click();
  await expect(detail.getByTestId('replay-outcome-status')).toHaveText('Đã nhận');
  await expect(detail.getByTestId('replay-outcome-ack')).toContainText('AA');

  // The order now has the corrected result.
  await expect
    .poll(async () => {
      const order = (await (await request.get(`/api/orders/${orderId}`, { headers: auth })).json()) as { reports: { externalId?: string; observations: { code: string }[] }[] };
      return order.reports.some((r) => r.observations.some((o) => o.code === '14749-6'));
    })
    .toBe(true);
});
