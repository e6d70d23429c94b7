import { Client, Message, type InboundResponse } from 'node-hl7-client';
import { buildAck } from '../codec/ack';
import { Hl7MessageBuilder } from '../codec/builder';
import { Hl7Message } from '../codec/message';
import { hl7v2FixtureNames, readHl7v2Fixture } from '../../testing/fixtures';
import { MllpClient } from './client';
import { MllpServer } from './server';

/** Our transport and codec against node-hl7-client 3.2.0, an MLLP client written by others. */
describe('MLLP interoperability', () => {
  let server: MllpServer;
  let port: number;
  const received: Buffer[] = [];

  beforeAll(async () => {
    server = new MllpServer({
      handler: async (bytes) => {
        received.push(bytes);
        return buildAck(Hl7Message.parse(bytes), { code: 'AA' }).toBuffer();
      },
    });
    port = (await server.listen(0)).port;
  });

  afterAll(async () => {
    await server.close();
  });

  it('node-hl7-client sends an ORU^R01 to our MllpServer and reads our ACK (AA, MSA-2 = its MSH-10)', async () => {
    const text = new Hl7MessageBuilder({ sendingApplication: 'LIS', sendingFacility: 'KHOA_XET_NGHIEM', receivingApplication: 'BENHAN', messageType: { code: 'ORU', trigger: 'R01', structure: 'ORU_R01' }, controlId: 'LIS-0001' })
      .segment('PID', ['1', '', 'BN-000123', '', ['NGUYỄN', 'THỊ HƯỜNG']])
      .segment('OBR', ['1', 'ORD-1', 'FIL-1', ['24331-1', 'Lipid panel', 'LN']])
      .segment('OBX', ['1', 'NM', ['2089-1', 'LDL Cholesterol', 'LN'], '', '4.9', 'mmol/L', '<3.4', 'H', '', '', 'F'])
      .toString();
    const client = new Client({ host: '127.0.0.1' });
    let answered!: (response: InboundResponse) => void;
    const response = new Promise<InboundResponse>((resolve) => (answered = resolve));
    const connection = client.createConnection({ port, waitAck: true, maxConnectionAttempts: 1 }, async (res) => answered(res));
    try {
      await connection.sendMessage(new Message({ text }));
      const ack = (await response).getMessage();
      expect(ack.get('MSA.1').toString()).toBe('AA');
      expect(ack.get('MSA.2').toString()).toBe('LIS-0001');
      expect(ack.get('MSH.9.1').toString()).toBe('ACK');
      expect(ack.get('MSH.5').toString()).toBe('LIS');
      const inbound = Hl7Message.parse(received[received.length - 1]);
      expect(`${inbound.get('PID-5.1')}^${inbound.get('PID-5.2')}`).toBe('NGUYỄN^THỊ HƯỜNG');
      expect(inbound.get('OBX-5')).toBe('4.9');
    } finally {
      // It keeps a socket and retry timers until told to close; Jest must exit on its own.
      await connection.close();
      client.closeAll();
    }
  });

  it('node-hl7-client sends a shared fixture (NIST LRI CBC, 28 OBX) and gets our ACK', async () => {
    const fixture = Hl7Message.parse(readHl7v2Fixture('oru_r01_v251_nist_lri_cbc.hl7'));
    const client = new Client({ host: '127.0.0.1' });
    let answered!: (response: InboundResponse) => void;
    const response = new Promise<InboundResponse>((resolve) => (answered = resolve));
    const connection = client.createConnection({ port, waitAck: true, maxConnectionAttempts: 1 }, async (res) => answered(res));
    try {
      await connection.sendMessage(new Message({ text: fixture.toString() }));
      expect((await response).getMessage().get('MSA.2').toString()).toBe('NIST-LRI-NG-002.00');
      expect(Hl7Message.parse(received[received.length - 1]).segments('OBX')).toHaveLength(28);
    } finally {
      await connection.close();
      client.closeAll();
    }
  });

  it('our MllpClient delivers every shared fixture byte for byte (Windows-1252 and Latin-1 ones too) and reads each ACK', async () => {
    const client = new MllpClient({ host: '127.0.0.1', port });
    try {
      for (const name of hl7v2FixtureNames()) {
        const bytes = readHl7v2Fixture(name);
        const ack = Hl7Message.parse(await client.send(bytes));
        expect([name, ack.get('MSA-1'), ack.get('MSA-2')]).toEqual([name, 'AA', Hl7Message.parse(bytes).controlId]);
        expect(received[received.length - 1].equals(bytes)).toBe(true);
      }
    } finally {
      await client.close();
    }
  });
});
