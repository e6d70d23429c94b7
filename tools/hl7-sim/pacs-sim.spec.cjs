// The PACS/RIS simulator over real sockets, read with @medplum/core (components 1-based, sub-components 0-based).
const { Hl7Message } = require('@medplum/core');
const { Message } = require('node-hl7-client');
const { startPacsSimulator, REPORTS } = require('../pacs-sim/pacs-sim.cjs');
const { frame } = require('./mllp.cjs');
const { PATIENT, adt, exchange, imagingOrder, startBenhanStub } = require('./testing.cjs');

const ORDER_ID = '5e0c7b1a-2d4f-4a6b-8c9d-0e1f2a3b4c5d';

describe('startPacsSimulator', () => {
  let benhan;
  let sim;
  const start = async (options = {}) => (sim = await startPacsSimulator({ benhan: `127.0.0.1:${benhan.port}`, resultDelayMs: 100, seed: 3, ...options }));

  beforeEach(async () => {
    benhan = await startBenhanStub();
  });
  afterEach(async () => {
    await sim?.close();
    await benhan.close();
  });

  it('answers an ORM^O01 with ACK^O01 and sends a radiology ORU^R01: the accession of OBR-18 as OBR-3, the study of ZDS-1, Vietnamese findings and the impression', async () => {
    await start({ abnormalRate: 0 });
    const uid = '1.2.826.0.1.3680043.10.1482.77';
    const [answer] = await exchange(sim.port, frame(imagingOrder({ orderId: ORDER_ID, controlId: 'BH-I1', items: [{ code: 'CDHA-XQ-NGUC', name: 'X-quang ngực thẳng', modality: 'CR', accession: 'ACC-2026-77', studyUid: uid }] })));
    const ack = new Message({ text: answer });
    expect([ack.get('MSH.3').toString(), ack.get('MSH.9.2').toString(), ack.get('MSA.1').toString(), ack.get('MSA.2').toString()]).toEqual(['PACS', 'O01', 'AA', 'BH-I1']);

    const oru = Hl7Message.parse(await benhan.next());
    expect([oru.getSegment('MSH').getField(3).toString(), oru.getSegment('MSH').getField(9).toString()]).toEqual(['pacs', 'ORU^R01^ORU_R01']);
    expect(oru.getSegment('PID').getField(3).getComponent(1)).toBe(PATIENT.patientCode);
    const obr = oru.getSegment('OBR');
    expect([obr.getField(2).getComponent(1), obr.getField(3).getComponent(1), obr.getField(4).toString(), obr.getField(18).toString(), obr.getField(24).toString(), obr.getField(25).toString()]).toEqual([
      ORDER_ID,
      'ACC-2026-77',
      'CDHA-XQ-NGUC^X-quang ngực thẳng^L',
      'ACC-2026-77',
      'CR',
      'F',
    ]);
    const obx = oru.getAll('OBX');
    expect(obx.map((s) => [s.getField(2).toString(), s.getField(3).getComponent(1), s.getField(3).getComponent(3), s.getField(11).toString()])).toEqual([
      ['ST', '113014', 'DCM', 'F'],
      ['TX', '18782-3', 'LN', 'F'],
      ['TX', '19005-8', 'LN', 'F'],
    ]);
    expect(obx[0].getField(5).toString()).toBe(uid);
    const findings = obx[1].getField(5);
    expect([0, 1, 2].map((r) => findings.getComponent(1, undefined, r))).toEqual(['Kỹ thuật: X-quang ngực thẳng.', ...REPORTS.CR.normal.findings]);
    expect(obx[2].getField(5).toString()).toBe(REPORTS.CR.normal.impression);
    expect((await sim.waitFor((e) => e.direction === 'out' && e.ackCode)).ackCode).toBe('AA');
  });

  it('makes a 2.25 Study Instance UID when the order carried no ZDS, and reports each procedure in its own group', async () => {
    await start({ abnormalRate: 1 });
    const items = [
      { code: 'CDHA-CT-SONAO', name: 'CT sọ não không tiêm thuốc', modality: 'CT', accession: 'ACC-1' },
      { code: 'CDHA-SA-BUNG', name: 'Siêu âm ổ bụng', modality: 'US', accession: 'ACC-2', studyUid: '1.2.3.4' },
    ];
    await exchange(sim.port, frame(imagingOrder({ orderId: ORDER_ID, items })));
    const oru = Hl7Message.parse(await benhan.next());
    expect(oru.getAll('OBR').map((s) => s.getField(3).getComponent(1))).toEqual(['ACC-1', 'ACC-2']);
    const studies = oru.getAll('OBX').filter((s) => s.getField(3).getComponent(1) === '113014');
    expect(studies.map((s) => s.getField(5).toString())).toEqual([expect.stringMatching(/^2\.25\.[1-9]\d{0,38}$/), '1.2.3.4']);
    const impressions = oru.getAll('OBX').filter((s) => s.getField(3).getComponent(1) === '19005-8');
    expect(impressions.map((s) => s.getField(5).toString())).toEqual([REPORTS.CT.abnormal.impression, REPORTS.US.abnormal.impression]);
  });

  it('cancels a pending report on ORC-1 CA, and acknowledges ADT for the PACS too', async () => {
    await start({ resultDelayMs: 300 });
    await exchange(sim.port, frame(imagingOrder({ orderId: ORDER_ID })));
    await exchange(sim.port, frame(imagingOrder({ orderId: ORDER_ID, control: 'CA' })));
    const [answer] = await exchange(sim.port, frame(adt('A03', { controlId: 'BH-D' })));
    expect(new Message({ text: answer }).get('MSA.1').toString()).toBe('AA');
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(benhan.messages).toEqual([]);
    expect(sim.orders.get(ORDER_ID).status).toBe('cancelled');
    expect(sim.patients.get(PATIENT.patientCode).dischargedAt).toBe('20261130100000+0700');
  });
});
