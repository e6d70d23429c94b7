import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import type { CensusEntry, Department, DocumentVersion, IntegrityReport, OrderDetail, PatientDetail } from '@benhan/shared/contracts';
import { TestSystem } from '../support/system';

/* eslint-disable @nx/enforce-module-boundaries -- plain CommonJS test helpers shared with the other suites, not a library. */
const { freePort } = require('../../../../tools/testing/postgres.cjs') as { freePort(): Promise<number> };
/* eslint-enable @nx/enforce-module-boundaries */

const PIN = '123456';
const SAMPLES = join(__dirname, '..', '..', '..', '..', 'libs', 'api', 'documents', 'src', 'testing', 'form-samples');
const treatmentSheet = (): Record<string, unknown> => JSON.parse(readFileSync(join(SAMPLES, '39-BV2-treatment-sheet.valid.json'), 'utf8'));
const START = 0x0b;
const END = Buffer.of(0x1c, 0x0d);

/**
 * The API killed with SIGKILL in the middle of work, as in a power cut or an out-of-memory kill: while doctors sign
 * under load, and while the LIS streams results over MLLP. After the restart nothing is half-written (a signature
 * exists with its sign-off and its audit event, or none of them does), nothing acknowledged is lost (every 201 and
 * every AA is there), a result sent again is stored once, and the audit chain still verifies from genesis.
 */
describe('crash: SIGKILL while signing and while storing results over MLLP', () => {
  let system: TestSystem;
  let mllpPort: number;
  let doctor: string;
  let stays: CensusEntry[];

  beforeAll(async () => {
    mllpPort = await freePort();
    system = await TestSystem.start({ MLLP_PORT: String(mllpPort) });
    doctor = await system.token('doctor');
    const departments = (await system.request<Department[]>('GET', '/api/departments', { token: doctor })).body;
    const noi = departments.find((d) => d.code === 'NOI')?.id ?? '';
    stays = (await system.request<CensusEntry[]>('GET', `/api/encounters/census?departmentId=${noi}`, { token: doctor })).body;
  }, 120_000);
  afterAll(() => system?.stop());

  /** Resolves once `count` of the promises have settled. */
  const firstSettled = (promises: Promise<unknown>[], count: number) =>
    new Promise<void>((resolve) => {
      let settled = 0;
      for (const p of promises) void p.finally(() => ++settled === count && resolve());
    });

  async function chainVerifies(): Promise<void> {
    const inspector = await system.token('inspector');
    const report = await system.request<IntegrityReport>('GET', '/api/audit/integrity?from=genesis', { token: inspector });
    expect([report.status, report.body.status, report.body.failure]).toEqual([200, 'OK', null]);
  }

  it('signing: every 201 survives, no signature lives without its sign-off and audit event, the rest sign after the restart', async () => {
    const versions: string[] = [];
    for (let i = 0; i < 24; i++) {
      const stay = stays[i % stays.length];
      const created = await system.request<DocumentVersion>('POST', `/api/encounters/${stay.encounterId}/documents`, { token: doctor, json: { formCode: '39/BV2', content: treatmentSheet() } });
      expect(created.status).toBe(201);
      versions.push(created.body.id);
    }
    const answers = new Map<string, number>();
    const requests = versions.map((id) =>
      system.request('POST', `/api/versions/${id}/signatures`, { token: doctor, json: { pin: PIN } }).then(
        (res) => void answers.set(id, res.status),
        () => void answers.set(id, -1),
      ),
    );
    await firstSettled(requests, 3);
    await system.restart({ kill: true });
    await Promise.all(requests);

    const acknowledged = versions.filter((id) => answers.get(id) === 201);
    expect(acknowledged.length).toBeGreaterThanOrEqual(3);
    expect(acknowledged.length).toBeLessThan(versions.length);
    const rows = await system.sql<{ id: string; signatures: number; signoffs: number; events: number }>(
      `SELECT v.id,
              (SELECT count(*)::int FROM signatures s WHERE s.version_id = v.id) AS signatures,
              (SELECT count(*)::int FROM document_signoffs o WHERE o.version_id = v.id) AS signoffs,
              (SELECT count(*)::int FROM audit_events e WHERE e.action = 'document_sign' AND e.resource_id = v.id::text) AS events
         FROM document_versions v WHERE v.id = ANY($1::uuid[])`,
      [versions],
    );
    for (const row of rows) {
      expect([row.id, row.signatures, row.signoffs, row.events]).toEqual([row.id, row.signatures, row.signatures, row.signatures]);
      expect(row.signatures).toBeLessThanOrEqual(1);
      if (acknowledged.includes(row.id)) expect([row.id, row.signatures]).toEqual([row.id, 1]);
    }
    await chainVerifies();

    // Nothing is left locked: the unsigned ones sign now.
    doctor = await system.token('doctor');
    for (const row of rows.filter((r) => r.signatures === 0)) {
      expect((await system.request('POST', `/api/versions/${row.id}/signatures`, { token: doctor, json: { pin: PIN } })).status).toBe(201);
    }
  });

  it('MLLP: every AA survives, a result is stored whole or not at all, and sending the rest again stores each once', async () => {
    const stay = stays[0];
    const patient = (await system.request<PatientDetail>('GET', `/api/patients/${stay.patientId}`, { token: doctor })).body;
    const orders: OrderDetail[] = [];
    for (let i = 0; i < 30; i++) {
      const placed = await system.request<OrderDetail>('POST', `/api/encounters/${stay.encounterId}/orders`, { token: doctor, json: { category: 'laboratory', priority: 'routine', items: ['SH-K'], reason: { code: 'J18.9' } } });
      const active = await system.request<OrderDetail>('POST', `/api/orders/${placed.body.id}/activate`, { token: doctor, json: { pin: PIN } });
      expect(active.body.status).toBe('active');
      orders.push(active.body);
    }
    const messages = orders.map((o, i) => ({
      orderId: o.id,
      controlId: `CRASH-${Date.now()}-${i}`,
      text: (controlId: string) =>
        [
          `MSH|^~\\&|lis|KHOA_XET_NGHIEM|BENHAN|BV_BENHAN|20261127084000+0700||ORU^R01^ORU_R01|${controlId}|P|2.5.1|||AL|NE||UNICODE UTF-8`,
          `PID|1||${patient.patientCode}^^^BENHAN^MR||X^Y||19650312|F`,
          `ORC|RE|${o.id}|K-${i}`,
          `OBR|1|${o.id}|K-${i}|2823-3^Potassium^LN|||20261127070500+0700|||||||||||||||20261127084000+0700|||F`,
          `OBX|1|NM|2823-3^Potassium^LN||4.${i % 10}|mmol/L^^UCUM|3.5-5.1|N|||F`,
        ].join('\r'),
    }));

    // One connection, one message at a time as MLLP wants; the API is killed after the fifth AA.
    const acked = new Set<string>();
    const socket = await open(mllpPort);
    const reader = acks(socket);
    const sending = (async () => {
      for (const m of messages) {
        socket.write(Buffer.concat([Buffer.of(START), Buffer.from(m.text(m.controlId), 'utf8'), END]));
        const ack = await reader.next();
        if (ack.done) return;
        if (/\rMSA\|AA\|/.test(ack.value)) acked.add(m.controlId);
      }
    })();
    while (acked.size < 5) await new Promise((resolve) => setTimeout(resolve, 5));
    await system.restart({ kill: true });
    await sending;
    socket.destroy();
    expect(acked.size).toBeGreaterThanOrEqual(5);
    expect(acked.size).toBeLessThan(messages.length);

    const stored = async () =>
      system.sql<{ control_id: string; order_id: string; messages: number; reports: number }>(
        `SELECT m.control_id, m.order_id,
                (SELECT count(*)::int FROM hl7_messages h WHERE h.direction = 'inbound' AND h.control_id = m.control_id AND h.status = 'accepted') AS messages,
                (SELECT count(*)::int FROM diagnostic_reports r WHERE r.order_id = m.order_id::uuid) AS reports
           FROM unnest($1::text[], $2::text[]) AS m(control_id, order_id)`,
        [messages.map((m) => m.controlId), messages.map((m) => m.orderId)],
      );
    for (const row of await stored()) {
      // Whole or nothing: the message is logged as accepted exactly when its report is there.
      expect([row.control_id, row.messages, row.reports]).toEqual([row.control_id, row.reports, row.reports]);
      if (acked.has(row.control_id)) expect([row.control_id, row.reports]).toEqual([row.control_id, 1]);
    }

    // The LIS sends again what it has no AA for (same MSH-10): each is answered AA and stored once.
    const again = await open(mllpPort);
    const againAcks = acks(again);
    for (const m of messages.filter((x) => !acked.has(x.controlId))) {
      again.write(Buffer.concat([Buffer.of(START), Buffer.from(m.text(m.controlId), 'utf8'), END]));
      expect((await againAcks.next()).value).toMatch(/\rMSA\|AA\|/);
    }
    again.destroy();
    for (const row of await stored()) expect([row.control_id, row.messages, row.reports]).toEqual([row.control_id, 1, 1]);
    await chainVerifies();
  });
});

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** The ACKs arriving on a socket, one MLLP frame each; done when the socket closes. */
async function* acks(socket: Socket): AsyncGenerator<string, void> {
  let buffer = Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let wake: (() => void) | null = null;
  let closed = false;
  socket.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    wake?.();
  });
  const finish = () => {
    closed = true;
    wake?.();
  };
  socket.on('close', finish);
  socket.on('error', finish);
  for (;;) {
    const end = buffer.indexOf(END);
    if (end !== -1) {
      yield buffer.subarray(1, end).toString('utf8');
      buffer = buffer.subarray(end + END.length);
      continue;
    }
    if (chunks.length) {
      buffer = Buffer.concat([buffer, ...chunks.splice(0)]);
      continue;
    }
    if (closed) return;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
  }
}
