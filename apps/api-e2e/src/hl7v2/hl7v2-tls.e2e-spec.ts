import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect, createServer, type Server, type TLSSocket } from 'node:tls';
import type { CensusEntry, Department, InterfaceMessageSummary, InterfacesOverview, OrderDetail, Page } from '@benhan/shared/contracts';
import { TestSystem } from '../support/system';

/* eslint-disable @nx/enforce-module-boundaries -- plain CommonJS test helpers shared with the other suites, not a library. */
const { freePort } = require('../../../../tools/testing/postgres.cjs') as { freePort(): Promise<number> };
/* eslint-enable @nx/enforce-module-boundaries */

const START = 0x0b;
const END = Buffer.from([0x1c, 0x0d]);
const frame = (text: string) => Buffer.concat([Buffer.from([START]), Buffer.from(text, 'utf8'), END]);

/** A self-signed certificate for 127.0.0.1 made with the OpenSSL command line (not Benhan's PKI). */
function certificate(): { cert: string; key: string; certFile: string; keyFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'benhan-mllp-tls-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8'), certFile, keyFile };
}

/** Reads one MLLP frame's text from a socket. */
function nextFrame(socket: TLSSocket): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf(END);
      if (end >= 0) {
        socket.off('data', onData);
        resolve(received.subarray(received.indexOf(START) + 1, end).toString('utf8'));
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

/**
 * MLLP over TLS, both ways, with node:tls peers written here: results in on a listener given MLLP_TLS_CERT/KEY (a plain TCP
 * client gets nothing), and orders out to a LIS that listens with TLS only (HL7_LIS_TLS, HL7_LIS_TLS_CA).
 */
describe('HL7 v2 over MLLP with TLS', () => {
  const tls = certificate();
  let system: TestSystem;
  let mllpPort: number;
  let lis: Server;
  const lisReceived: string[] = [];

  beforeAll(async () => {
    lis = createServer({ cert: tls.cert, key: tls.key }, (socket) => {
      let buffer = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        for (let end = buffer.indexOf(END); end >= 0; end = buffer.indexOf(END)) {
          const text = buffer.subarray(buffer.indexOf(START) + 1, end).toString('utf8');
          buffer = buffer.subarray(end + 2);
          lisReceived.push(text);
          const controlId = text.split('\r')[0].split('|')[9];
          socket.write(frame(`MSH|^~\\&|LIS|LAB|BENHAN|01999|20261128100000+0700||ACK^O21^ACK|ACK-${controlId}|P|2.5.1\rMSA|AA|${controlId}`));
        }
      });
    });
    await new Promise<void>((resolve) => lis.listen(0, '127.0.0.1', resolve));
    const lisPort = (lis.address() as { port: number }).port;
    mllpPort = await freePort();
    system = await TestSystem.start({
      MLLP_PORT: String(mllpPort),
      MLLP_TLS_CERT: tls.certFile,
      MLLP_TLS_KEY: tls.keyFile,
      HL7_LIS_ADDRESS: `127.0.0.1:${lisPort}`,
      HL7_LIS_TLS: 'true',
      HL7_LIS_TLS_CA: tls.certFile,
      HL7_OUTBOX_POLL_MS: '50',
    });
  });
  afterAll(async () => {
    await system?.stop();
    await new Promise((resolve) => lis?.close(resolve));
  });

  it('sends a signed order to a LIS that speaks only TLS, trusting the CA it was given, and says so on the overview', async () => {
    const doctor = await system.token('doctor');
    const admin = await system.token('admin');
    const noi = (await system.request<Department[]>('GET', '/api/departments', { token: doctor })).body.find((d) => d.code === 'NOI')?.id;
    const [stay] = (await system.request<CensusEntry[]>('GET', `/api/encounters/census?departmentId=${noi}`, { token: doctor })).body;
    const placed = await system.request<OrderDetail>('POST', `/api/encounters/${stay.encounterId}/orders`, { token: doctor, json: { category: 'laboratory', priority: 'routine', items: ['SH-GLU'] } });
    await system.request('POST', `/api/orders/${placed.body.id}/activate`, { token: doctor, json: { pin: '123456' } });

    const deadline = Date.now() + 10_000;
    let delivered: InterfaceMessageSummary | undefined;
    while (!delivered && Date.now() < deadline) {
      const page = await system.request<Page<InterfaceMessageSummary>>('GET', '/api/interfaces/messages?direction=outbound&status=delivered&type=OML^O21', { token: admin });
      delivered = page.body.items.find((m) => m.orderId === placed.body.id);
      if (!delivered) await new Promise((r) => setTimeout(r, 100));
    }
    expect(delivered).toEqual(expect.objectContaining({ destination: 'lis', ackCode: 'AA', attempts: 1 }));
    expect(lisReceived.some((text) => text.includes(`ORC|NW|${placed.body.id}^BENHAN`))).toBe(true);
    const overview = (await system.request<InterfacesOverview>('GET', '/api/interfaces', { token: admin })).body;
    expect(overview.listener).toEqual(expect.objectContaining({ tls: true, port: mllpPort }));
    expect(overview.destinations[0]).toEqual(expect.objectContaining({ name: 'lis', tls: true, connection: 'connected' }));
  });

  it('answers an ORU^R01 on the TLS listener, and nothing to a client speaking plain TCP', async () => {
    const socket = tlsConnect({ host: '127.0.0.1', port: mllpPort, ca: tls.cert, servername: '127.0.0.1' });
    await new Promise((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
    // An unknown sender: refused (AR), but answered over TLS, and logged.
    const reply = nextFrame(socket);
    socket.write(frame('MSH|^~\\&|unknown-lis|LAB|BENHAN|01999|20261128100000+0700||ORU^R01^ORU_R01|TLS-0001|P|2.5.1\rPID|1||X\rOBR|1|x'));
    const ack = await reply;
    socket.end();
    expect(ack).toContain('MSA|AR|TLS-0001');

    const plain = netConnect(mllpPort, '127.0.0.1');
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      plain.on('data', (d: Buffer) => (text += d.toString('latin1')));
      plain.on('close', () => resolve(text));
      plain.on('error', () => resolve(text));
      plain.on('connect', () => plain.write(frame('MSH|^~\\&|lis|LAB|BENHAN|01999|20261128100000+0700||ORU^R01^ORU_R01|TLS-0002|P|2.5.1')));
      setTimeout(() => plain.destroy(), 3000);
    });
    expect(answer).not.toContain('MSA|');
  });
});
