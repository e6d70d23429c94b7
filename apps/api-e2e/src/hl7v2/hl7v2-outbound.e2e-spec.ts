import { Message } from 'node-hl7-client';
import type {
  Department,
  EncounterDetail,
  InterfaceMessageDetail,
  InterfaceMessageSummary,
  InterfacesOverview,
  OrderDetail,
  Page,
  PatientDetail,
  ProblemDetails,
  ReplayInterfaceMessageResponse,
  WardBeds,
} from '@benhan/shared/contracts';
import { TestSystem } from '../support/system';

/* eslint-disable @nx/enforce-module-boundaries -- plain CommonJS tools (the simulators, the port helper), not libraries. */
const { freePort } = require('../../../../tools/testing/postgres.cjs') as { freePort(): Promise<number> };
const { startLisSimulator } = require('../../../../tools/lis-sim/lis-sim.cjs') as typeof import('../../../../tools/lis-sim/lis-sim.cjs');
const { startPacsSimulator } = require('../../../../tools/pacs-sim/pacs-sim.cjs') as typeof import('../../../../tools/pacs-sim/pacs-sim.cjs');
/* eslint-enable @nx/enforce-module-boundaries */

type Simulator = Awaited<ReturnType<typeof startLisSimulator>>;
type Received = Simulator['received'][number];

const PIN = '123456';
const RESULT_DELAY_MS = 1500;

/**
 * The outbound half of HL7 v2 over real sockets: the built API with its outbox, and the LIS and PACS simulators (tools/lis-sim,
 * tools/pacs-sim) as the destinations, which answer orders with results over Benhan's own MLLP listener. What Benhan sends is
 * read here with node-hl7-client's parser, not with our codec.
 */
describe('HL7 v2 outbound: orders and ADT through the outbox to the LIS and PACS, results back', () => {
  let system: TestSystem;
  let lis: Simulator;
  let pacs: Simulator;
  let doctor: string;
  let admin: string;
  let noi: string;

  beforeAll(async () => {
    // The simulators take their ports first: a port freePort() had just released could otherwise be handed to one of them.
    [lis, pacs] = await Promise.all([
      startLisSimulator({ resultDelayMs: RESULT_DELAY_MS, seed: 9, ackTimeoutMs: 5000 }),
      startPacsSimulator({ resultDelayMs: RESULT_DELAY_MS, seed: 9, ackTimeoutMs: 5000 }),
    ]);
    const mllpPort = await freePort();
    for (const sim of [lis, pacs]) sim.setBenhan({ host: '127.0.0.1', port: mllpPort });
    system = await TestSystem.start({
      MLLP_PORT: String(mllpPort),
      HL7_LIS_ADDRESS: `127.0.0.1:${lis.port}`,
      HL7_PACS_ADDRESS: `127.0.0.1:${pacs.port}`,
      HL7_ACK_TIMEOUT_MS: '1500',
      HL7_RETRY_BASE_MS: '200',
      HL7_RETRY_MAX_MS: '800',
      HL7_MAX_ATTEMPTS: '4',
      HL7_OUTBOX_POLL_MS: '50',
    });
    [doctor, admin] = [await system.token('doctor'), await system.token('admin')];
    const departments = (await system.request<Department[]>('GET', '/api/departments', { token: doctor })).body;
    noi = departments.find((d) => d.code === 'NOI')?.id ?? '';
    expect(noi).toBeTruthy();
  });
  afterAll(async () => {
    await system?.stop();
    await Promise.all([lis?.close(), pacs?.close()]);
  });

  /** A new patient, admitted: each test has its own (its own patient code), so its messages are its own. */
  async function admitted(): Promise<{ patient: PatientDetail; stay: EncounterDetail }> {
    const patient = (
      await system.request<PatientDetail>('POST', '/api/patients', {
        token: doctor,
        json: { fullName: 'Phạm Thị Hồng Nhung', birthYear: 1979, sex: 'female', confirmDuplicate: true },
      })
    ).body;
    const stay = await system.request<EncounterDetail>('POST', '/api/encounters/admissions', { token: doctor, json: { patientId: patient.id, departmentId: noi, source: 'emergency' } });
    expect(stay.status).toBe(201);
    return { patient, stay: stay.body };
  }

  async function signedOrder(encounterId: string, category: 'laboratory' | 'imaging', items: string[]): Promise<OrderDetail> {
    const placed = await system.request<OrderDetail>('POST', `/api/encounters/${encounterId}/orders`, { token: doctor, json: { category, priority: 'urgent', items, reason: { code: 'J18.9' } } });
    expect(placed.status).toBe(201);
    const active = await system.request<OrderDetail>('POST', `/api/orders/${placed.body.id}/activate`, { token: doctor, json: { pin: PIN } });
    expect(active.body.status).toBe('active');
    return active.body;
  }

  const isReceived = (entry: { direction: string }): entry is Received => entry.direction === 'in';
  /** The first message of a type the simulator received that names `needle` (a patient code, an order id). */
  async function receivedBy(sim: Simulator, type: string, needle: string, timeoutMs = 10_000): Promise<Received> {
    const entry = await sim.waitFor((e) => isReceived(e) && e.type === type && e.text.includes(needle) && e.ack !== null, timeoutMs);
    return entry as Received;
  }

  async function log(query: string): Promise<InterfaceMessageSummary[]> {
    const res = await system.request<Page<InterfaceMessageSummary>>('GET', `/api/interfaces/messages?${query}`, { token: admin });
    expect(res.status).toBe(200);
    return res.body.items;
  }

  /** Polls the message log until `check` holds for the one message with this control id. */
  async function loggedAs(controlId: string, check: (m: InterfaceMessageSummary) => boolean, timeoutMs = 10_000): Promise<InterfaceMessageSummary> {
    const deadline = Date.now() + timeoutMs;
    let last: InterfaceMessageSummary | undefined;
    while (Date.now() < deadline) {
      [last] = await log(`direction=outbound&controlId=${encodeURIComponent(controlId)}`);
      if (last && check(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`message ${controlId} never reached the expected state; last: ${JSON.stringify(last)}`);
  }

  async function orderWhen(id: string, check: (o: OrderDetail) => boolean, timeoutMs = 15_000): Promise<OrderDetail> {
    const deadline = Date.now() + timeoutMs;
    let last: OrderDetail | undefined;
    while (Date.now() < deadline) {
      last = (await system.request<OrderDetail>('GET', `/api/orders/${id}`, { token: doctor })).body;
      if (check(last)) return last;
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`order ${id} never reached the expected state; last: ${JSON.stringify(last)}`);
  }

  it('sends a signed lab order to the LIS as OML^O21, logs it delivered with the ACK, and stores the LIS results that come back', async () => {
    const { patient, stay } = await admitted();
    const order = await signedOrder(stay.id, 'laboratory', ['HH-CBC', 'SH-GLU']);
    const received = await receivedBy(lis, 'OML^O21', order.id);

    const oml = new Message({ text: received.text });
    expect(oml.get('MSH.3').toString()).toBe('BENHAN');
    expect(oml.get('MSH.5').toString()).toBe('LIS');
    expect(oml.get('MSH.12').toString()).toBe('2.5.1');
    expect(oml.get('MSH.18').toString()).toBe('UNICODE UTF-8');
    expect(oml.get('PID.3.1').toString()).toBe(patient.patientCode);
    expect(oml.get('PID.5.1').toString()).toBe('Phạm');
    expect(oml.get('PID.5.2').toString()).toBe('Nhung');
    expect(oml.get('PID.5.3').toString()).toBe('Thị Hồng');
    expect(oml.get('PV1.2').toString()).toBe('I');
    expect(oml.get('PV1.19.1').toString()).toBe(stay.recordNumber);
    const orcs = received.text.split('\r').filter((s) => s.startsWith('ORC|'));
    const obrs = received.text.split('\r').filter((s) => s.startsWith('OBR|'));
    expect(orcs.map((s) => s.split('|').slice(1, 3))).toEqual([
      ['NW', `${order.id}^BENHAN`],
      ['NW', `${order.id}^BENHAN`],
    ]);
    expect(obrs.map((s) => s.split('|')[4].split('^')[0])).toEqual(['HH-CBC', 'SH-GLU']);
    expect(received.ackCode).toBe('AA');

    const logged = await loggedAs(received.controlId, (m) => m.status === 'delivered');
    expect(logged).toEqual(expect.objectContaining({ direction: 'outbound', destination: 'lis', messageType: 'OML^O21', patientId: patient.id, orderId: order.id, ackCode: 'AA', attempts: 1 }));
    const detail = (await system.request<InterfaceMessageDetail>('GET', `/api/interfaces/messages/${logged.id}`, { token: admin })).body;
    expect(detail.text.replace(/\r$/, '')).toBe(received.text.replace(/\r$/, ''));
    expect(detail.ackText).toContain(`MSA|AA|${received.controlId}`);

    // The LIS answers after its delay with an ORU^R01 over Benhan's listener: stored as results of this order.
    const sent = await lis.waitFor((e) => e.direction === 'out' && (e as { orderId: string | null }).orderId === order.id && e.ackCode !== null, 15_000);
    expect(sent.ackCode).toBe('AA');
    // One report per OBR group: the blood count and the glucose.
    const withResults = await orderWhen(order.id, (o) => o.reports.length === 2);
    expect(withResults.reports.map((r) => [r.status, r.sourceSystem])).toEqual([
      ['final', 'lis'],
      ['final', 'lis'],
    ]);
    expect(withResults.reports.flatMap((r) => r.observations.map((o) => o.code))).toEqual(expect.arrayContaining(['718-7', '6690-2', '777-3', '14749-6']));
    expect(withResults.specimens.length).toBeGreaterThan(0);
  });

  it('sends an imaging order to the PACS as ORM^O01 with accession and study UID, and the radiology report comes back on that study', async () => {
    const { stay } = await admitted();
    const order = await signedOrder(stay.id, 'imaging', ['CDHA-XQ-NGUC']);
    const received = await receivedBy(pacs, 'ORM^O01', order.id);
    const orm = new Message({ text: received.text });
    const itemId = order.items[0].id;
    const accession = itemId.replace(/-/g, '').slice(0, 16).toUpperCase();
    const studyUid = `2.25.${BigInt(`0x${itemId.replace(/-/g, '')}`).toString(10)}`;
    expect(orm.get('MSH.5').toString()).toBe('PACS');
    expect(orm.get('ORC.1').toString()).toBe('NW');
    expect(orm.get('OBR.2.1').toString()).toBe(order.id);
    expect(orm.get('OBR.4.1').toString()).toBe('CDHA-XQ-NGUC');
    expect(orm.get('OBR.18').toString()).toBe(accession);
    expect(orm.get('OBR.19').toString()).toBe(accession);
    expect(orm.get('OBR.24').toString()).toBe(order.items[0].modality);
    expect(orm.get('ZDS.1.1').toString()).toBe(studyUid);

    const reported = await orderWhen(order.id, (o) => o.reports.some((r) => r.category === 'imaging'));
    const report = reported.reports.find((r) => r.category === 'imaging');
    expect(report?.sourceSystem).toBe('pacs');
    expect(report?.study?.studyInstanceUid).toBe(studyUid);
  });

  it('tells the LIS when the doctor withdraws an order (ORC CA with the reason), and the LIS sends no result for it', async () => {
    const { stay } = await admitted();
    const order = await signedOrder(stay.id, 'laboratory', ['SH-GLU']);
    const revoked = await system.request<OrderDetail>('POST', `/api/orders/${order.id}/revoke`, { token: doctor, json: { reason: 'Bệnh nhân đã làm xét nghiệm sáng nay' } });
    expect(revoked.body.status).toBe('revoked');
    const cancel = await lis.waitFor((e) => isReceived(e) && e.text.includes(`ORC|CA|${order.id}`) && e.ack !== null, 10_000);
    const orc = new Message({ text: cancel.text });
    expect(orc.get('ORC.16.2').toString()).toBe('Bệnh nhân đã làm xét nghiệm sáng nay');
    expect(lis.orders.get(order.id)?.status).toBe('cancelled');
    // The new order came first: a patient's messages keep their order.
    const [newOrder] = lis.received.filter((e) => e.text.includes(`ORC|NW|${order.id}`));
    expect(lis.received.indexOf(newOrder)).toBeLessThan(lis.received.indexOf(cancel as Received));
    await new Promise((r) => setTimeout(r, RESULT_DELAY_MS + 500));
    expect(lis.sent.filter((e) => e.orderId === order.id)).toEqual([]);
  });

  it('sends ADT A01, A08, A02, A03 to both destinations, in the order they happened; a refused change sends nothing', async () => {
    const { patient, stay } = await admitted();
    const updated = await system.request<PatientDetail>('PATCH', `/api/patients/${patient.id}`, { token: doctor, json: { version: patient.version, phone: '0987654321' } });
    expect(updated.status).toBe(200);
    // A stale version is refused: its transaction (and the A08 it would have queued) rolls back.
    const stale = await system.request<ProblemDetails>('PATCH', `/api/patients/${patient.id}`, { token: doctor, json: { version: patient.version, phone: '0900000000' } });
    expect(stale.status).toBe(409);
    const wards = (await system.request<WardBeds[]>('GET', '/api/wards', { token: doctor })).body;
    const bed = wards.filter((w) => w.departmentId === noi).flatMap((w) => w.beds).find((b) => !b.occupiedByPatientId);
    expect(bed).toBeDefined();
    const moved = await system.request<EncounterDetail>('POST', `/api/encounters/${stay.id}/transfer`, { token: doctor, json: { version: stay.version, departmentId: noi, bedId: bed?.id, reason: 'Vào giường' } });
    expect(moved.status).toBe(201);
    const out = await system.request<EncounterDetail>('POST', `/api/encounters/${stay.id}/discharge`, {
      token: doctor,
      json: { version: moved.body.version, outcome: 'improved', type: 'discharged', diagnoses: [{ role: 'principal', code: 'J18.9' }] },
    });
    expect(out.status).toBe(201);

    for (const sim of [lis, pacs]) {
      await receivedBy(sim, 'ADT^A03', patient.patientCode);
      const adt = sim.received.filter((e) => e.type.startsWith('ADT^') && e.text.includes(`|${patient.patientCode}^`));
      expect(adt.map((e) => e.type)).toEqual(['ADT^A01', 'ADT^A08', 'ADT^A02', 'ADT^A03']);
      const [a01, a08, a02, a03] = adt.map((e) => new Message({ text: e.text }));
      expect(a01.get('EVN.1').toString()).toBe('A01');
      expect(a08.get('PID.13.1').toString()).toBe('0987654321');
      expect(a02.get('PV1.6.1').toString()).toBe('NOI');
      expect(a02.get('PV1.6.3').toString()).toBe('');
      expect(a02.get('PV1.3.1').toString()).toBe('NOI');
      expect(a02.get('PV1.3.3').toString()).toBe(bed?.code);
      expect(a03.get('PV1.45').toString()).toMatch(/^\d{14}\+0700$/);
      expect(sim.received.some((e) => e.text.includes('0900000000'))).toBe(false);
    }
    const logged = await log(`direction=outbound&patientId=${patient.id}`);
    expect(logged.filter((m) => m.status === 'delivered')).toHaveLength(8);
  });

  it('retries on AE and on a destination that does not answer, with backoff, until delivered; the overview shows it waiting', async () => {
    const { stay } = await admitted();
    lis.setAckMode('AE');
    const order = await signedOrder(stay.id, 'laboratory', ['SH-GLU']);
    const first = await receivedBy(lis, 'OML^O21', order.id);
    expect(first.ackCode).toBe('AE');
    const retrying = await loggedAs(first.controlId, (m) => m.status === 'pending' && m.attempts >= 1);
    expect(retrying.ackCode).toBe('AE');
    expect(retrying.nextAttemptAt).not.toBeNull();
    const overview = (await system.request<InterfacesOverview>('GET', '/api/interfaces', { token: admin })).body;
    const lisStatus = overview.destinations.find((d) => d.name === 'lis');
    expect(lisStatus).toEqual(expect.objectContaining({ address: `127.0.0.1:${lis.port}`, orderMessage: 'OML^O21', tls: false }));
    expect(lisStatus?.pending).toBeGreaterThanOrEqual(1);
    expect(lisStatus?.oldestPendingAt).not.toBeNull();
    expect(overview.listener.port).not.toBeNull();

    lis.setAckMode('none');
    await lis.waitFor((e) => isReceived(e) && e.controlId === first.controlId && e.ackMode === 'none', 10_000);
    lis.setAckMode('AA');
    const delivered = await loggedAs(first.controlId, (m) => m.status === 'delivered', 15_000);
    expect(delivered.attempts).toBeGreaterThanOrEqual(3);
    // Every attempt sent the same message under the same MSH-10: the LIS can tell a repeat.
    const attempts = lis.received.filter((e) => e.controlId === first.controlId);
    expect(attempts.length).toBe(delivered.attempts);
    expect(new Set(attempts.map((e) => e.text)).size).toBe(1);
    expect((await system.request<InterfacesOverview>('GET', '/api/interfaces', { token: admin })).body.destinations.find((d) => d.name === 'lis')?.connection).toBe('connected');
  });

  it('fails a message the destination refuses (AR) at once; the administrator sends it again under a new MSH-10', async () => {
    const { stay } = await admitted();
    pacs.setAckMode('AR');
    const order = await signedOrder(stay.id, 'imaging', ['CDHA-XQ-NGUC']);
    const refused = await receivedBy(pacs, 'ORM^O01', order.id);
    pacs.setAckMode('AA');
    const failed = await loggedAs(refused.controlId, (m) => m.status === 'failed');
    expect(failed).toEqual(expect.objectContaining({ attempts: 1, ackCode: 'AR', destination: 'pacs' }));
    expect(failed.reason).toBeTruthy();
    const overview = (await system.request<InterfacesOverview>('GET', '/api/interfaces', { token: admin })).body;
    expect(overview.destinations.find((d) => d.name === 'pacs')?.failed).toBeGreaterThanOrEqual(1);

    const edited = await system.request<ProblemDetails>('POST', `/api/interfaces/messages/${failed.id}/replay`, { token: admin, json: { text: 'MSH|^~\\&|X' } });
    expect(edited.status).toBe(422);
    expect(edited.body.errors?.[0]?.field).toBe('text');
    const replay = await system.request<ReplayInterfaceMessageResponse>('POST', `/api/interfaces/messages/${failed.id}/replay`, { token: admin, json: {} });
    expect(replay.status).toBe(200);
    expect(replay.body.original.status).toBe('replayed');
    expect(replay.body.original.replacedById).toBe(replay.body.attempt.id);
    expect(replay.body.attempt).toEqual(expect.objectContaining({ status: 'pending', replayOfId: failed.id, destination: 'pacs' }));
    expect(replay.body.attempt.controlId).not.toBe(failed.controlId);
    const again = await receivedBy(pacs, 'ORM^O01', replay.body.attempt.controlId);
    expect(again.text.replace(replay.body.attempt.controlId, failed.controlId)).toBe(refused.text);
    await loggedAs(replay.body.attempt.controlId, (m) => m.status === 'delivered');
    const twice = await system.request<ProblemDetails>('POST', `/api/interfaces/messages/${failed.id}/replay`, { token: admin, json: {} });
    expect(twice.status).toBe(409);
    const audit = await system.sql<{ n: string }>(`SELECT count(*) AS n FROM audit_events WHERE action = 'interface_message_replay' AND resource_id = $1`, [failed.id]);
    expect(Number(audit[0].n)).toBe(1);
  });

  it('loses nothing when the API is killed waiting for an ACK: after the restart the same message is sent again and delivered', async () => {
    const { stay } = await admitted();
    lis.hold();
    const order = await signedOrder(stay.id, 'laboratory', ['SH-GLU']);
    const inFlight = await lis.waitFor((e) => isReceived(e) && e.type === 'OML^O21' && e.text.includes(order.id), 10_000);
    const [row] = await system.sql<{ status: string; attempts: number }>(`SELECT status, attempts FROM hl7_messages WHERE control_id = $1`, [inFlight.controlId]);
    expect(row).toEqual({ status: 'pending', attempts: 0 });

    await system.restart({ kill: true });
    lis.release();
    const resent = await lis.waitFor((e) => isReceived(e) && e.controlId === inFlight.controlId && e !== inFlight && e.ackCode === 'AA', 20_000);
    expect(resent.text).toBe(inFlight.text);
    admin = await system.token('admin');
    doctor = await system.token('doctor');
    const delivered = await loggedAs(inFlight.controlId, (m) => m.status === 'delivered', 15_000);
    expect(delivered.attempts).toBe(1);
    const rows = await system.sql<{ n: string }>(`SELECT count(*) AS n FROM hl7_messages WHERE control_id = $1`, [inFlight.controlId]);
    expect(Number(rows[0].n)).toBe(1);
  });

  it('keeps the outbound log immutable: the database refuses to change a delivered message or delete one', async () => {
    const [delivered] = await system.sql<{ id: string }>(`SELECT id FROM hl7_messages WHERE direction = 'outbound' AND status = 'delivered' LIMIT 1`);
    await expect(system.sql(`UPDATE hl7_messages SET raw = 'x' WHERE id = $1`, [delivered.id])).rejects.toThrow(/only its delivery changes/);
    await expect(system.sql(`UPDATE hl7_messages SET status = 'pending', attempts = attempts + 1, next_attempt_at = now() WHERE id = $1`, [delivered.id])).rejects.toThrow(/one attempt at a time/);
    await expect(system.sql(`DELETE FROM hl7_messages WHERE id = $1`, [delivered.id])).rejects.toThrow(/never deleted/);
  });
});
