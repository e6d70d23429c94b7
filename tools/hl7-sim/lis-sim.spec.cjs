// The LIS simulator over real sockets: Benhan's side is played by hand-written messages (testing.cjs) and a plain
// node:net MLLP listener; what the simulator writes is read with independent parsers (node-hl7-client, @medplum/core).
const { Hl7Message } = require('@medplum/core');
const { Message } = require('node-hl7-client');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { startLisSimulator } = require('../lis-sim/lis-sim.cjs');
const { frame } = require('./mllp.cjs');
const { PATIENT, adt, exchange, labOrder, startBenhanStub } = require('./testing.cjs');

const CATALOGUE = JSON.parse(readFileSync(join(__dirname, '../../libs/api/orders/src/lib/catalogue/lab.json'), 'utf8'));
const CBC_MEMBERS = CATALOGUE.panels.find((p) => p.serviceCode === 'HH-CBC').members.map((m) => CATALOGUE.tests.find((t) => t.serviceCode === m));
const ORDER_ID = 'c3f1a0de-5b2e-4b7c-9a41-2f6d8e9b1c07';
// @medplum/core: components 1-based, sub-components 0-based.
const ack = (text) => new Message({ text });
const field = (m, path) => m.get(path).toString();
/** node-hl7-client reads a field's first component only: MSH-9 is read component by component. */
const messageType = (m) => [1, 2, 3].map((c) => field(m, `MSH.9.${c}`)).join('^');

describe('startLisSimulator', () => {
  let benhan;
  const sims = [];
  const start = async (options = {}) => {
    const sim = await startLisSimulator({ benhan: { host: '127.0.0.1', port: benhan.port }, resultDelayMs: 200, seed: 7, ...options });
    sims.push(sim);
    return sim;
  };

  beforeEach(async () => {
    benhan = await startBenhanStub();
  });
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((s) => s.close()));
    await benhan.close();
  });

  it('answers an OML^O21 with an original-mode ACK: sender and receiver swapped, ACK^O21^ACK, MSA-2 the order’s MSH-10', async () => {
    const sim = await start();
    const [answer] = await exchange(sim.port, frame(labOrder({ orderId: ORDER_ID, controlId: 'BH-0001' })));
    const m = ack(answer);
    expect([field(m, 'MSH.3'), field(m, 'MSH.4'), field(m, 'MSH.5'), field(m, 'MSH.6'), messageType(m), field(m, 'MSH.12')]).toEqual(['LIS', 'KHOA_XET_NGHIEM', 'BENHAN', 'BV_BENHAN', 'ACK^O21^ACK', '2.5.1']);
    expect([field(m, 'MSA.1'), field(m, 'MSA.2')]).toEqual(['AA', 'BH-0001']);
    expect(field(m, 'MSH.10')).not.toBe('BH-0001');
    expect(sim.received).toEqual([expect.objectContaining({ direction: 'in', type: 'OML^O21', controlId: 'BH-0001', ackCode: 'AA', ack: answer, receivedAt: expect.any(Date) })]);
  });

  it('sends one ORU^R01 per order after the delay: PID copied, placer and filler numbers, the CBC panel as its seven tests with units, ranges and flags, SPM', async () => {
    const sim = await start({ resultDelayMs: 400 });
    const sentAt = Date.now();
    await exchange(sim.port, frame(labOrder({ orderId: ORDER_ID })));
    const text = await benhan.next((t) => t.includes('ORU^R01'));
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(390);
    const oru = Hl7Message.parse(text);
    const msh = oru.getSegment('MSH');
    expect([msh.getField(3).toString(), msh.getField(5).toString(), msh.getField(9).toString(), msh.getField(12).toString(), msh.getField(18).toString()]).toEqual([
      'lis',
      'BENHAN',
      'ORU^R01^ORU_R01',
      '2.5.1',
      'UNICODE UTF-8',
    ]);
    const pid = oru.getSegment('PID');
    expect([0, 1, 2].map((r) => pid.getField(3).getComponent(1, undefined, r))).toEqual([PATIENT.patientCode, PATIENT.citizenId, PATIENT.insuranceNumber]);
    expect(pid.getField(5).toString()).toBe('NGUYỄN^HƯỜNG^THỊ');

    const [orc, obr] = [oru.getSegment('ORC'), oru.getSegment('OBR')];
    expect([orc.getField(1).toString(), orc.getField(2).getComponent(1)]).toEqual(['RE', ORDER_ID]);
    expect(obr.getField(2).toString()).toBe(`${ORDER_ID}^BENHAN`);
    const filler = obr.getField(3).getComponent(1);
    expect(filler).toMatch(/^XN-/);
    expect(obr.getField(4).toString()).toBe('HH-CBC^Tổng phân tích tế bào máu ngoại vi^L^58410-2^CBC panel - Blood by Automated count^LN');
    expect([obr.getField(7).toString(), obr.getField(22).toString()]).toEqual([expect.stringMatching(/^\d{14}\+0700$/), expect.stringMatching(/^\d{14}\+0700$/)]);
    expect(obr.getField(25).toString()).toBe('F');

    const obx = oru.getAll('OBX');
    expect(obx.map((s) => s.getField(3).getComponent(1))).toEqual(CBC_MEMBERS.map((t) => t.loinc));
    expect(obx.map((s) => s.getField(6).getComponent(1))).toEqual(CBC_MEMBERS.map((t) => t.unit));
    expect(obx.map((s) => s.getField(7).toString())).toEqual(CBC_MEMBERS.map((t) => `${t.referenceRange.low}-${t.referenceRange.high}`));
    for (const [i, s] of obx.entries()) {
      const value = Number(s.getField(5).toString());
      const { low, high } = CBC_MEMBERS[i].referenceRange;
      expect([s.getField(2).toString(), s.getField(11).toString(), Number.isFinite(value)]).toEqual(['NM', 'F', true]);
      expect(s.getField(8).toString()).toEqual(value < low ? expect.stringMatching(/^LL?$/) : value > high ? expect.stringMatching(/^HH?$/) : 'N');
    }
    const spm = oru.getSegment('SPM');
    expect([spm.getField(2).getComponent(1, 0), spm.getField(2).getComponent(2, 0), spm.getField(4).getComponent(1), spm.getField(4).getComponent(3)]).toEqual([ORDER_ID, filler, 'BLD', 'HL70487']);
    expect([spm.getField(17).toString(), spm.getField(18).toString()]).toEqual([expect.stringMatching(/\+0700$/), expect.stringMatching(/\+0700$/)]);

    const sent = await sim.waitFor((e) => e.direction === 'out' && e.ackCode === 'AA');
    expect(sent).toEqual(expect.objectContaining({ type: 'ORU^R01', orderId: ORDER_ID, attempts: 1, status: 'answered', text }));
    expect(benhan.messages).toHaveLength(1);
  });

  it('gives each ordered item its own OBR group and filler number (Benhan keys a report by OBR-3), one SPM per specimen type', async () => {
    const sim = await start({ resultDelayMs: 50 });
    const items = [
      { code: 'SH-ELEC', name: 'Điện giải đồ (Na, K, Cl)' },
      { code: 'SH-GLU', name: 'Glucose máu', loinc: '14749-6', loincName: 'Glucose' },
    ];
    await exchange(sim.port, frame(labOrder({ orderId: ORDER_ID, items })));
    const oru = Hl7Message.parse(await benhan.next());
    const fillers = oru.getAll('OBR').map((s) => s.getField(3).getComponent(1));
    expect(new Set(fillers).size).toBe(2);
    expect(oru.getAll('OBR').map((s) => s.getField(4).getComponent(1))).toEqual(['SH-ELEC', 'SH-GLU']);
    expect(oru.getAll('OBX').map((s) => s.getField(3).getComponent(1))).toEqual(['2951-2', '2823-3', '2075-0', '14749-6']);
    expect(oru.getAll('SPM').map((s) => s.getField(4).getComponent(1))).toEqual(['SER', 'SER']);
    expect(new Set(oru.getAll('SPM').map((s) => s.getField(2).getComponent(2, 0))).size).toBe(1);
  });

  it('draws the same values from the same seed, none abnormal at rate 0, all abnormal at rate 1, critical ones flagged LL/HH with a note', async () => {
    const values = async (options) => {
      const stub = await startBenhanStub();
      const sim = await startLisSimulator({ benhan: { port: stub.port }, resultDelayMs: 10, ...options });
      await exchange(sim.port, frame(labOrder({ orderId: ORDER_ID })));
      const oru = Hl7Message.parse(await stub.next());
      await sim.close();
      await stub.close();
      return { values: oru.getAll('OBX').map((s) => [s.getField(5).toString(), s.getField(8).toString()]), notes: oru.getAll('NTE').map((s) => s.getField(3).toString()) };
    };
    const [a, b, other] = [await values({ seed: 123 }), await values({ seed: 123 }), await values({ seed: 124 })];
    expect(a.values).toEqual(b.values);
    expect(other.values).not.toEqual(a.values);
    expect((await values({ seed: 1, abnormalRate: 0 })).values.map(([, flag]) => flag)).toEqual(Array(7).fill('N'));
    expect((await values({ seed: 1, abnormalRate: 1 })).values.every(([, flag]) => flag !== 'N')).toBe(true);
    const critical = await values({ seed: 1, abnormalRate: 1, criticalRate: 1 });
    expect(critical.values.map(([, flag]) => flag)).toEqual(expect.arrayContaining(['HH']));
    expect(critical.notes).toEqual([expect.stringContaining('nguy hiểm')]);
  });

  it('cancels the pending result of an order Benhan cancels (ORC-1 CA, ORC-16 reason): no ORU is sent', async () => {
    const sim = await start({ resultDelayMs: 300 });
    await exchange(sim.port, frame(labOrder({ orderId: ORDER_ID })));
    const [answer] = await exchange(sim.port, frame(labOrder({ orderId: ORDER_ID, control: 'CA', reason: 'Trùng chỉ định' })));
    expect(field(ack(answer), 'MSA.1')).toBe('AA');
    expect(sim.orders.get(ORDER_ID)).toEqual(expect.objectContaining({ status: 'cancelled', cancelReason: 'Trùng chỉ định' }));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(benhan.messages).toEqual([]);
    expect(sim.sent).toEqual([]);
  });

  it('answers a resent order (same placer number, new MSH-10) but sends its result once', async () => {
    const sim = await start({ resultDelayMs: 50 });
    await exchange(sim.port, frame(labOrder({ orderId: ORDER_ID, controlId: 'BH-A' })));
    await exchange(sim.port, frame(labOrder({ orderId: ORDER_ID, controlId: 'BH-B' })));
    await sim.waitFor((e) => e.direction === 'out' && e.ackCode === 'AA');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(benhan.messages).toHaveLength(1);
    expect(sim.received.map((e) => e.ackCode)).toEqual(['AA', 'AA']);
  });

  it('reads two frames written at once and a frame written byte by byte, answering each in order', async () => {
    const sim = await start({ autoResults: false });
    const two = Buffer.concat([frame(adt('A01', { controlId: 'BH-1' })), frame(adt('A08', { controlId: 'BH-2' }))]);
    const answers = await exchange(sim.port, two, 2);
    expect(answers.map((a) => [field(ack(a), 'MSA.2'), messageType(ack(a))])).toEqual([
      ['BH-1', 'ACK^A01^ACK'],
      ['BH-2', 'ACK^A08^ACK'],
    ]);
    const bytes = frame(labOrder({ orderId: ORDER_ID, controlId: 'BH-3' }));
    const [answer] = await exchange(sim.port, [...bytes].map((b) => Buffer.of(b)));
    expect(field(ack(answer), 'MSA.2')).toBe('BH-3');
    expect(sim.received[2].text).toContain('NGUYỄN^HƯỜNG^THỊ');
  });

  it('acknowledges ADT A01/A02/A03/A08 and keeps the patient by each PID-3 identifier', async () => {
    const sim = await start();
    for (const event of ['A01', 'A02', 'A03', 'A08']) await exchange(sim.port, frame(adt(event, { controlId: `BH-${event}`, patient: event === 'A08' ? { ...PATIENT, family: 'LÊ' } : PATIENT })));
    expect(sim.received.map((e) => [e.type, e.ackCode])).toEqual([
      ['ADT^A01', 'AA'],
      ['ADT^A02', 'AA'],
      ['ADT^A03', 'AA'],
      ['ADT^A08', 'AA'],
    ]);
    const patient = sim.patients.get(PATIENT.citizenId);
    expect(sim.patients.get(PATIENT.patientCode)).toBe(patient);
    expect(patient).toEqual(
      expect.objectContaining({ name: { family: 'LÊ', given: 'HƯỜNG', middle: 'THỊ' }, birthDate: '19650312', sex: 'F', priorLocation: 'NOI', dischargedAt: '20261130100000+0700' }),
    );
    expect(patient.events.map((e) => e.event)).toEqual(['A01', 'A02', 'A03', 'A08']);
  });

  describe('faults', () => {
    it('answers AE or AR with ERR when told to, and takes no order then', async () => {
      const sim = await start({ ackMode: 'AE' });
      const ae = ack((await exchange(sim.port, frame(labOrder({ orderId: ORDER_ID, controlId: 'BH-AE' }))))[0]);
      expect([field(ae, 'MSA.1'), field(ae, 'MSA.2'), field(ae, 'ERR.3.1'), field(ae, 'ERR.4')]).toEqual(['AE', 'BH-AE', '207', 'E']);
      sim.setAckMode('AR');
      const ar = ack((await exchange(sim.port, frame(labOrder({ orderId: ORDER_ID, controlId: 'BH-AR' }))))[0]);
      expect(field(ar, 'MSA.1')).toBe('AR');
      expect(sim.orders.size).toBe(0);
    });

    it('never answers in mode none (the sender times out) and closes the connection in mode close', async () => {
      const sim = await start({ ackMode: 'none' });
      await expect(exchange(sim.port, frame(labOrder({ orderId: ORDER_ID, controlId: 'BH-N' })), 1, 400)).rejects.toThrow(/0 of 1 answers within 400 ms/);
      expect(sim.received[0]).toEqual(expect.objectContaining({ controlId: 'BH-N', ack: null, ackCode: null, outcome: 'unanswered' }));
      sim.setAckMode('close');
      await expect(exchange(sim.port, frame(labOrder({ orderId: ORDER_ID, controlId: 'BH-C' })))).rejects.toThrow(/closed after 0 of 1 answers/);
      expect(sim.received[1]).toEqual(expect.objectContaining({ controlId: 'BH-C', ackCode: null, outcome: 'closed' }));
      expect(sim.orders.size).toBe(0);
    });

    it('holds ACKs back until release(), and waits ackDelayMs before each', async () => {
      const sim = await start({ ackDelayMs: 150 });
      sim.hold();
      const started = Date.now();
      const answered = exchange(sim.port, frame(labOrder({ orderId: ORDER_ID, controlId: 'BH-H' })));
      await sim.waitFor((e) => e.controlId === 'BH-H');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sim.received[0].ackCode).toBeNull();
      sim.release();
      const [answer] = await answered;
      expect(field(ack(answer), 'MSA.1')).toBe('AA');
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    });
  });

  describe('delivery to Benhan', () => {
    it('keeps trying until Benhan listens, then delivers with the same MSH-10', async () => {
      const port = benhan.port;
      await benhan.close();
      const sim = await start({ resultDelayMs: 10 });
      await exchange(sim.port, frame(labOrder({ orderId: ORDER_ID })));
      await sim.waitFor((e) => e.direction === 'out' && e.attempts >= 2 && /ECONNREFUSED/.test(e.lastError ?? ''));
      benhan = await startBenhanStub({ port });
      const sent = await sim.waitFor((e) => e.direction === 'out' && e.ackCode === 'AA', 15_000);
      expect(sent.attempts).toBeGreaterThanOrEqual(2);
      expect(benhan.messages.map((t) => t.split('\r')[0].split('|')[9])).toEqual([sent.controlId]);
    });

    it('records Benhan’s AE and does not resend it; resends after an ACK timeout', async () => {
      benhan.setAckCode('AE');
      const sim = await start({ resultDelayMs: 10, ackTimeoutMs: 300 });
      await exchange(sim.port, frame(labOrder({ orderId: ORDER_ID })));
      const refused = await sim.waitFor((e) => e.direction === 'out' && e.ackCode);
      expect([refused.ackCode, refused.attempts]).toEqual(['AE', 1]);

      benhan.setAckCode('none');
      const other = 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6';
      await exchange(sim.port, frame(labOrder({ orderId: other })));
      await sim.waitFor((e) => e.direction === 'out' && e.orderId === other && e.attempts >= 2, 5000);
      benhan.setAckCode('AA');
      const delivered = await sim.waitFor((e) => e.direction === 'out' && e.orderId === other && e.ackCode === 'AA', 10_000);
      const copies = benhan.messages.filter((t) => t.includes(delivered.controlId));
      expect(copies.length).toBeGreaterThanOrEqual(2);
      expect(new Set(copies).size).toBe(1);
    });

    it('sends nothing by itself with autoResults false, and on sendResult()', async () => {
      const sim = await start({ autoResults: false });
      await exchange(sim.port, frame(labOrder({ orderId: ORDER_ID })));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(benhan.messages).toEqual([]);
      const entry = await sim.sendResult(ORDER_ID);
      expect(entry).toEqual(expect.objectContaining({ ackCode: 'AA', orderId: ORDER_ID }));
    });
  });

  it('rejects waitFor with what it saw when nothing matches in time', async () => {
    const sim = await start();
    await exchange(sim.port, frame(adt('A01', { controlId: 'BH-X' })));
    await expect(sim.waitFor((e) => e.type === 'ORU^R01', 100)).rejects.toThrow(/no matching message within 100 ms; seen: received ADT\^A01 BH-X ack AA/);
  });
});
