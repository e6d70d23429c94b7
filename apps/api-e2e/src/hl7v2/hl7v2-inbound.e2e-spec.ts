import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Client, Message, type InboundResponse } from 'node-hl7-client';
import type { CensusEntry, Department, InterfaceMessageDetail, InterfaceMessageSummary, OrderDetail, Page, PatientDetail, ProblemDetails, ReplayInterfaceMessageResponse } from '@benhan/shared/contracts';
import { TestSystem } from '../support/system';

/* eslint-disable @nx/enforce-module-boundaries -- plain CommonJS test helpers shared with the other suites, not a library. */
const { freePort } = require('../../../../tools/testing/postgres.cjs') as { freePort(): Promise<number> };
/* eslint-enable @nx/enforce-module-boundaries */

const PIN = '123456';
const FIXTURES = join(__dirname, '../../../../libs/api/interop-hl7v2/src/testing/hl7v2');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'latin1');

/**
 * HL7 v2 over MLLP into the built API, through a real socket, with node-hl7-client 3.2.0 (written by others) as the LIS and
 * PACS: the messages are plain text built here and the ACKs are read with node-hl7-client's own parser, not with our codec.
 */
describe('HL7 v2 inbound: ORU^R01 over MLLP stored as results, idempotent on MSH-10, quarantined and replayed', () => {
  let system: TestSystem;
  let mllpPort: number;
  let doctor: string;
  let admin: string;
  let stay: CensusEntry;
  let patient: PatientDetail;
  let stamp = 0;

  beforeAll(async () => {
    mllpPort = await freePort();
    system = await TestSystem.start({ MLLP_PORT: String(mllpPort), PACS_VIEWER_URL: 'https://pacs.local/viewer?StudyInstanceUIDs={uid}' });
    [doctor, admin] = [await system.token('doctor'), await system.token('admin')];
    const departments = (await system.request<Department[]>('GET', '/api/departments', { token: doctor })).body;
    const noi = departments.find((d) => d.code === 'NOI')?.id ?? '';
    [stay] = (await system.request<CensusEntry[]>('GET', `/api/encounters/census?departmentId=${noi}`, { token: doctor })).body;
    patient = (await system.request<PatientDetail>('GET', `/api/patients/${stay.patientId}`, { token: doctor })).body;
  });
  let stopped = false;
  afterAll(async () => {
    if (!stopped) await system?.stop();
  });

  /** A new signed order, as the doctor places it: its id is the placer order number the LIS answers. */
  async function order(category: 'laboratory' | 'imaging', items: string[]): Promise<OrderDetail> {
    const placed = await system.request<OrderDetail>('POST', `/api/encounters/${stay.encounterId}/orders`, { token: doctor, json: { category, priority: 'urgent', items, reason: { code: 'J18.9' } } });
    expect(placed.status).toBe(201);
    const active = await system.request<OrderDetail>('POST', `/api/orders/${placed.body.id}/activate`, { token: doctor, json: { pin: PIN } });
    expect(active.body.status).toBe('active');
    return active.body;
  }

  /** An ORU^R01 as a LIS writes it: PID-3 with the patient code and CCCD, ORC/OBR with our order id, OBX values, SPM. */
  function labOru(orderId: string, options: { controlId?: string; filler?: string; pid3?: string; obx?: string[] } = {}): { text: string; controlId: string } {
    const controlId = options.controlId ?? `LIS-${Date.now()}-${++stamp}`;
    const filler = options.filler ?? `XN-${stamp}-${Date.now()}`;
    const pid3 = options.pid3 ?? `${patient.patientCode}^^^BENHAN^MR~${patient.citizenId}^^^BCA^NNVN`;
    const obx = options.obx ?? [
      'OBX|1|NM|718-7^Hemoglobin^LN||128|g/L^g/L^UCUM|120-170|N|||F',
      'OBX|2|NM|6690-2^Leukocytes^LN||13.1|10*3/uL^^UCUM|4.0-10.0|H|||F',
      'OBX|3|NM|777-3^Platelets^LN||245|10*3/uL|150-400|N|||F',
    ];
    const text = [
      `MSH|^~\\&|lis|KHOA_XET_NGHIEM|BENHAN|BV_BENHAN|20261127084000+0700||ORU^R01^ORU_R01|${controlId}|P|2.5.1|||AL|NE||UNICODE UTF-8`,
      `PID|1||${pid3}||NGUYỄN^THỊ HƯỜNG||19650312|F`,
      `ORC|RE|${orderId}|${filler}`,
      `OBR|1|${orderId}|${filler}|58410-2^CBC panel^LN|||20261127070500+0700|||||||||||||||20261127084000+0700|||F`,
      'NTE|1||Mẫu máu toàn phần EDTA.',
      ...obx,
      `SPM|1|^SPM-${filler}||BLD^Whole blood^HL70487|||||||||||||20261127070500+0700|20261127073000+0700`,
    ].join('\r');
    return { text, controlId };
  }

  /** Sends one message with node-hl7-client and resolves with the ACK, parsed by node-hl7-client. */
  async function send(text: string): Promise<Message> {
    const client = new Client({ host: '127.0.0.1' });
    let answered!: (response: InboundResponse) => void;
    const response = new Promise<InboundResponse>((resolve) => (answered = resolve));
    const connection = client.createConnection({ port: mllpPort, waitAck: true, maxConnectionAttempts: 1 }, async (res) => answered(res));
    try {
      await connection.sendMessage(new Message({ text }));
      return (await response).getMessage();
    } finally {
      await connection.close();
      client.closeAll();
    }
  }

  /** The same bytes over a plain socket, for the race of two connections and for byte-level comparisons of ACKs. */
  function sendRaw(text: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: mllpPort }, () => socket.write(Buffer.concat([Buffer.of(0x0b), Buffer.from(text, 'utf8'), Buffer.of(0x1c, 0x0d)])));
      let buffer = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        const end = buffer.indexOf(Buffer.of(0x1c, 0x0d));
        if (end !== -1) {
          socket.end();
          resolve(buffer.subarray(1, end).toString('utf8'));
        }
      });
      socket.on('error', reject);
    });
  }

  const field = (m: Message, path: string) => m.get(path).toString();
  const logged = (controlId: string) =>
    system.request<Page<InterfaceMessageSummary>>('GET', `/api/interfaces/messages?controlId=${encodeURIComponent(controlId)}&direction=inbound`, { token: admin });

  it('stores an ORU^R01 for a new lab order and answers AA (MSA-2 = MSH-10): results readable through REST and FHIR, specimen recorded', async () => {
    const lab = await order('laboratory', ['HH-CBC']);
    const { text, controlId } = labOru(lab.id, { filler: 'XN-2026-1001' });
    const ack = await send(text);
    expect([field(ack, 'MSH.9.1'), field(ack, 'MSA.1'), field(ack, 'MSA.2')]).toEqual(['ACK', 'AA', controlId]);

    const detail = (await system.request<OrderDetail>('GET', `/api/orders/${lab.id}`, { token: doctor })).body;
    expect(detail.status).toBe('completed');
    expect(detail.reports).toHaveLength(1);
    const [report] = detail.reports;
    expect(report).toEqual(expect.objectContaining({ externalId: 'XN-2026-1001', sourceSystem: 'lis', status: 'final', conclusion: 'Mẫu máu toàn phần EDTA.', effectiveAt: '2026-11-27T00:05:00.000Z', abnormal: true }));
    expect(report.observations.map((o) => [o.code, o.valueQuantity, o.unit, o.interpretation])).toEqual([
      ['718-7', 128, 'g/L', 'N'],
      ['6690-2', 13.1, '10*3/uL', 'H'],
      ['777-3', 245, '10*3/uL', 'N'],
    ]);
    expect(detail.specimens).toEqual([expect.objectContaining({ accession: 'SPM-XN-2026-1001', typeCode: 'BLD', sourceSystem: 'lis', receivedAt: '2026-11-27T00:30:00.000Z' })]);

    const fhir = await system.request<{ total: number; entry: { resource: { status: string; result: unknown[] } }[] }>('GET', '/fhir/R4/DiagnosticReport?identifier=XN-2026-1001', {
      token: doctor,
      headers: { accept: 'application/fhir+json' },
    });
    expect(fhir.body.total).toBe(1);
    expect(fhir.body.entry[0].resource).toEqual(expect.objectContaining({ status: 'final' }));
    expect(fhir.body.entry[0].resource.result).toHaveLength(3);

    const log = (await logged(controlId)).body;
    expect(log.items).toEqual([expect.objectContaining({ status: 'accepted', ackCode: 'AA', messageType: 'ORU^R01', clientId: 'lis', patientId: stay.patientId, orderId: lab.id, reportIds: [report.id] })]);
  });

  it('answers a resent message (same sender, same MSH-10) with its first ACK and stores nothing twice — also when two connections race', async () => {
    const lab = await order('laboratory', ['HH-CBC']);
    const message = labOru(lab.id);
    const first = await sendRaw(message.text);
    const again = await sendRaw(message.text);
    expect(again).toBe(first);
    expect(new Message({ text: again }).get('MSA.1').toString()).toBe('AA');

    const race = labOru(lab.id, { filler: `RACE-${Date.now()}` });
    const answers = await Promise.all([sendRaw(race.text), sendRaw(race.text), sendRaw(race.text)]);
    expect(answers.map((a) => new Message({ text: a }).get('MSA.1').toString())).toEqual(['AA', 'AA', 'AA']);
    for (const controlId of [message.controlId, race.controlId]) {
      const rows = await system.sql<{ n: number }>(`SELECT count(*)::int AS n FROM hl7_messages WHERE control_id = $1`, [controlId]);
      expect(rows[0].n).toBe(1);
    }
    const reports = await system.sql<{ external_id: string }>(`SELECT external_id FROM diagnostic_reports WHERE order_id = $1 ORDER BY created_at`, [lab.id]);
    expect(reports.map((r) => r.external_id)).toHaveLength(2);
  });

  it('answers AE for an unknown order with the reason in MSA-3 and ERR (204 at OBR^1^2), and keeps the message in quarantine', async () => {
    const unknown = '0b7e3d1a-9c4f-4e2b-8a61-5f0c2d3e4a5b';
    const { text, controlId } = labOru(unknown);
    const ack = await send(text);
    expect([field(ack, 'MSA.1'), field(ack, 'MSA.2')]).toEqual(['AE', controlId]);
    expect(field(ack, 'MSA.3')).toContain(unknown.slice(0, 20));
    expect([field(ack, 'ERR.2.1'), field(ack, 'ERR.2.2'), field(ack, 'ERR.2.3'), field(ack, 'ERR.3.1'), field(ack, 'ERR.3.3')]).toEqual(['OBR', '1', '2', '204', 'HL70357']);
    expect(field(ack, 'ERR.8')).toMatch(/not an order of lis's facility/);
    const log = (await logged(controlId)).body.items;
    expect(log).toEqual([expect.objectContaining({ status: 'quarantined', ackCode: 'AE', errorLocation: 'OBR^1^2', orderId: null })]);
  });

  it('answers AE at PID^1^3 when PID-3 does not identify the order’s patient, and AE at the OBX when a value’s unit is wrong', async () => {
    const lab = await order('laboratory', ['HH-CBC']);
    const wrongPatient = await send(labOru(lab.id, { pid3: 'BN99999999^^^BENHAN^MR' }).text);
    expect([field(wrongPatient, 'MSA.1'), field(wrongPatient, 'ERR.2.1'), field(wrongPatient, 'ERR.2.3'), field(wrongPatient, 'ERR.3.1')]).toEqual(['AE', 'PID', '3', '204']);
    const badUnit = await send(labOru(lab.id, { obx: ['OBX|1|NM|718-7^Hemoglobin^LN||12.8|g/dL|12-17|N|||F', 'OBX|2|NM|6690-2^Leukocytes^LN||7|10*3/uL|||||F'] }).text);
    expect([field(badUnit, 'MSA.1'), field(badUnit, 'ERR.2.1'), field(badUnit, 'ERR.2.2'), field(badUnit, 'ERR.2.3'), field(badUnit, 'ERR.3.1')]).toEqual(['AE', 'OBX', '1', '6', '103']);
    expect(field(badUnit, 'ERR.8')).toMatch(/g\/L, not g\/dL/);
    const notOrdered = await send(labOru(lab.id, { obx: ['OBX|1|NM|2823-3^Potassium^LN||4.1|mmol/L|||||F'] }).text);
    expect([field(notOrdered, 'MSA.1'), field(notOrdered, 'ERR.2.1'), field(notOrdered, 'ERR.2.3')]).toEqual(['AE', 'OBX', '3']);
    expect(field(notOrdered, 'ERR.8')).toMatch(/was not ordered/);
    expect((await system.request<OrderDetail>('GET', `/api/orders/${lab.id}`, { token: doctor })).body.reports).toEqual([]);
  });

  it('lets an administrator fix a quarantined message and replay it: the attempt is logged and linked, the original becomes replayed, a resend gets AA', async () => {
    const lab = await order('laboratory', ['HH-CBC']);
    const wrong = '3c9d2b61-7e0a-4f88-9b3d-1a2b3c4d5e6f';
    const { text, controlId } = labOru(wrong, { filler: `FIX-${Date.now()}` });
    expect(field(await send(text), 'MSA.1')).toBe('AE');
    const [quarantined] = (await logged(controlId)).body.items;

    expect((await system.request('POST', `/api/interfaces/messages/${quarantined.id}/replay`, { token: doctor, json: {} })).status).toBe(403);
    const asReceived = await system.request<ReplayInterfaceMessageResponse>('POST', `/api/interfaces/messages/${quarantined.id}/replay`, { token: admin, json: {} });
    expect(asReceived.status).toBe(200);
    expect(asReceived.body.attempt).toEqual(expect.objectContaining({ status: 'quarantined', replayOfId: quarantined.id, ackCode: 'AE' }));
    expect(asReceived.body.original.status).toBe('quarantined');

    const original = (await system.request<InterfaceMessageDetail>('GET', `/api/interfaces/messages/${quarantined.id}`, { token: admin })).body;
    // Lines as a textarea gives them back; the order id corrected.
    const edited = original.text.split('\r').join('\n').split(wrong).join(lab.id);
    const replay = await system.request<ReplayInterfaceMessageResponse>('POST', `/api/interfaces/messages/${quarantined.id}/replay`, { token: admin, json: { text: edited } });
    expect(replay.status).toBe(200);
    expect(replay.body.attempt).toEqual(expect.objectContaining({ status: 'accepted', ackCode: 'AA', replayOfId: quarantined.id, orderId: lab.id, patientId: stay.patientId }));
    expect(replay.body.original).toEqual(expect.objectContaining({ status: 'replayed', replacedById: replay.body.attempt.id }));
    expect(replay.body.original.replays.map((r) => r.status)).toEqual(['quarantined', 'accepted']);
    expect((await system.request<OrderDetail>('GET', `/api/orders/${lab.id}`, { token: doctor })).body.reports).toHaveLength(1);

    const again = await system.request<ProblemDetails>('POST', `/api/interfaces/messages/${quarantined.id}/replay`, { token: admin, json: {} });
    expect(again.status).toBe(409);
    const resent = await send(text);
    expect([field(resent, 'MSA.1'), field(resent, 'MSA.2')]).toEqual(['AA', controlId]);

    const events = await system.sql<{ action: string; detail: Record<string, unknown> }>(
      `SELECT action, detail FROM audit_events WHERE resource_type = 'interface_message' AND resource_id = $1 ORDER BY seq`,
      [quarantined.id],
    );
    expect(events.map((e) => [e.action, e.detail['status']])).toEqual([
      ['interface_message_replay', 'quarantined'],
      ['interface_message_read', 'quarantined'],
      ['interface_message_replay', 'accepted'],
    ]);
    // The database refuses any other change of a logged message.
    await expect(system.sql(`UPDATE hl7_messages SET status = 'accepted' WHERE id = $1`, [quarantined.id])).rejects.toThrow(/changes only from quarantined to replayed/);
    await expect(system.sql(`DELETE FROM hl7_messages WHERE id = $1`, [quarantined.id])).rejects.toThrow(/never deleted/);
  });

  it('keeps the Vietnamese name of PID-5 intact in the logged message, and lists the log by patient and type for administrators only', async () => {
    const lab = await order('laboratory', ['HH-CBC']);
    const { text, controlId } = labOru(lab.id);
    await send(text);
    const [row] = (await logged(controlId)).body.items;
    const detail = (await system.request<InterfaceMessageDetail>('GET', `/api/interfaces/messages/${row.id}`, { token: admin })).body;
    expect(detail.text.split('\r')[1]).toContain('PID|1||');
    expect(detail.text).toContain('|NGUYỄN^THỊ HƯỜNG|');
    expect(detail.ackText).toMatch(new RegExp(`^MSH\\|\\^~\\\\&\\|BENHAN\\|BV_BENHAN\\|lis\\|KHOA_XET_NGHIEM\\|`));
    const byPatient = (await system.request<Page<InterfaceMessageSummary>>('GET', `/api/interfaces/messages?patientId=${stay.patientId}&type=ORU^R01&status=accepted&limit=100`, { token: admin })).body;
    expect(byPatient.items.map((i) => i.id)).toContain(row.id);
    expect(byPatient.items.every((i) => i.patientId === stay.patientId && i.messageType === 'ORU^R01' && i.status === 'accepted')).toBe(true);
    expect((await system.request('GET', '/api/interfaces/messages', { token: doctor })).status).toBe(403);
    const bad = await system.request<ProblemDetails>('GET', '/api/interfaces/messages?status=lost', { token: admin });
    expect(bad.status).toBe(400);
  });

  it('stores a radiology ORU for an imaging order: findings, impression, the study from OBX 113014 with the PACS_VIEWER_URL link', async () => {
    const xray = await order('imaging', ['CDHA-XQ-NGUC']);
    const uid = `1.2.826.0.1.3680043.10.1482.${Date.now()}`;
    const text = [
      `MSH|^~\\&|pacs|KHOA_CDHA|BENHAN|BV_BENHAN|20261127100000+0700||ORU^R01^ORU_R01|RIS-${Date.now()}|P|2.5.1|||||||UNICODE UTF-8`,
      `PID|1||${patient.patientCode}^^^BENHAN^MR||NGUYỄN^THỊ HƯỜNG`,
      `OBR|1|${xray.id}|RIS-${uid}|CDHA-XQ-NGUC^X-quang ngực thẳng^99BH|||20261127090000+0700|||||||||||||||20261127100000+0700|||F`,
      `OBX|1|ST|113014^DICOM Study^DCM||${uid}||||||F`,
      'OBX|2|TX|18782-3^Radiology Study observation^LN||Đám mờ đáy phổi phải.~Bóng tim không to.||||||F',
      'OBX|3|TX|19005-8^Radiology Impression^LN||Viêm phổi thuỳ dưới phổi phải.||||||F',
    ].join('\r');
    const ack = await send(text);
    expect(field(ack, 'MSA.1')).toBe('AA');
    const [report] = (await system.request<OrderDetail>('GET', `/api/orders/${xray.id}`, { token: doctor })).body.reports;
    expect(report).toEqual(expect.objectContaining({ category: 'imaging', findings: 'Đám mờ đáy phổi phải.\nBóng tim không to.', conclusion: 'Viêm phổi thuỳ dưới phổi phải.', sourceSystem: 'pacs' }));
    expect(report.study).toEqual(expect.objectContaining({ studyInstanceUid: uid, modality: 'CR', status: 'available', endpointUrl: `https://pacs.local/viewer?StudyInstanceUIDs=${uid}` }));
  });

  it('answers the shared NIST LRI CBC fixture adapted to a real CBC order with a precise AE naming its first OBX (its LOINC codes are not Benhan’s CBC tests)', async () => {
    const lab = await order('laboratory', ['HH-CBC']);
    const original = fixture('oru_r01_v251_nist_lri_cbc.hl7');
    // The sender must be a registered client (MSH-3), the placer number our order (ORC-2 and OBR-2), PID-3 our patient.
    const adapted = original
      .replace('MSH|^~\\&|NIST Test Lab APP|', 'MSH|^~\\&|lis|')
      .split('ORD666555^NIST EHR')
      .join(lab.id)
      .replace('PID|1||PATID1234^^^NIST MPI^MR||', `PID|1||${patient.citizenId ?? patient.patientCode}^^^BCA^NNVN||`);
    const ack = await send(adapted);
    expect([field(ack, 'MSA.1'), field(ack, 'MSA.2'), field(ack, 'ERR.2.1'), field(ack, 'ERR.2.2'), field(ack, 'ERR.2.3'), field(ack, 'ERR.3.1')]).toEqual(['AE', 'NIST-LRI-NG-002.00', 'OBX', '1', '3', '103']);
    expect(field(ack, 'ERR.8')).toMatch(/26453-1 is not a test of the catalogue/);

    // As published, the fixture's sender is not registered here: AR at MSH^1^3, nothing kept for replay.
    const raw = await send(original);
    expect([field(raw, 'MSA.1'), field(raw, 'MSA.2'), field(raw, 'ERR.2.1'), field(raw, 'ERR.2.3'), field(raw, 'ERR.3.1')]).toEqual(['AR', 'NIST-LRI-NG-002.00', 'MSH', '3', '103']);
    // Sent by our LIS but still naming the NIST order: AE 204 at OBR^1^2.
    const foreignOrder = await send(original.replace('MSH|^~\\&|NIST Test Lab APP|', 'MSH|^~\\&|lis|').replace('NIST-LRI-NG-002.00', 'NIST-LRI-NG-002.01'));
    expect([field(foreignOrder, 'MSA.1'), field(foreignOrder, 'ERR.2.1'), field(foreignOrder, 'ERR.2.3'), field(foreignOrder, 'ERR.3.1')]).toEqual(['AE', 'OBR', '2', '204']);
    const rows = (await logged('NIST-LRI-NG-002.00')).body.items.map((i) => i.status).sort();
    expect(rows).toEqual(['quarantined', 'rejected']);
  });

  it('rejects what is not an ORU^R01 with AR (200 at MSH^1^9), answers unreadable bytes with AR, and keeps serving', async () => {
    const adt = fixture('adt_a01_v251_hl7std_ghh.hl7');
    const ack = await send(adt);
    const controlId = adt.split(/\r\n?|\n/)[0].split('|')[9];
    expect([field(ack, 'MSA.1'), field(ack, 'MSA.2'), field(ack, 'ERR.2.1'), field(ack, 'ERR.2.3'), field(ack, 'ERR.3.1')]).toEqual(['AR', controlId, 'MSH', '9', '200']);
    const garbage = await sendRaw('HELLO this is not HL7');
    expect(new Message({ text: garbage }).get('MSA.1').toString()).toBe('AR');
    const rejected = (await system.request<Page<InterfaceMessageSummary>>('GET', '/api/interfaces/messages?status=rejected&limit=100', { token: admin })).body.items;
    expect(rejected.map((r) => r.messageType)).toEqual(expect.arrayContaining(['ADT^A01', '']));
    // The listener is still there.
    const lab = await order('laboratory', ['HH-CBC']);
    expect(field(await send(labOru(lab.id).text), 'MSA.1')).toBe('AA');
  });

  it('closes the listener on SIGTERM without waiting for an idle sender’s connection to go away', async () => {
    const idle = connect({ host: '127.0.0.1', port: mllpPort });
    await new Promise((resolve) => idle.once('connect', resolve));
    const closed = new Promise((resolve) => idle.once('close', resolve));
    idle.on('error', () => undefined);
    const started = Date.now();
    stopped = true;
    const stopping = system.stop();
    await closed;
    // The listener gives idle connections up at once, not after its 5 s grace for messages in progress (nor the harness's
    // SIGKILL after 5 s): the time is the shutdown's start, long only on a very busy machine.
    expect(Date.now() - started).toBeLessThan(4500);
    await stopping;
    await expect(new Promise((resolve, reject) => connect({ host: '127.0.0.1', port: mllpPort }).once('connect', resolve).once('error', reject))).rejects.toThrow(/ECONNREFUSED/);
  });
});
