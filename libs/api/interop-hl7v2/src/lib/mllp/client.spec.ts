import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { Hl7MessageBuilder } from '../codec/builder';
import { Hl7Message } from '../codec/message';
import { plainAck, startPlainPeer, type PlainPeer } from '../../testing/mllp-peer';
import { MllpClient, type MllpClientEvent } from './client';

function orm(controlId: string): Buffer {
  return new Hl7MessageBuilder({ sendingApplication: 'BENHAN', sendingFacility: 'BV', receivingApplication: 'LIS', messageType: { code: 'ORM', trigger: 'O01', structure: 'ORM_O01' }, controlId })
    .segment('PID', ['1', '', 'BN-1', '', ['TRẦN', 'VĂN BẢO']])
    .segment('ORC', ['NW', controlId])
    .toBuffer();
}

const msa2 = (ack: Buffer) => Hl7Message.parse(ack).get('MSA-2');

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe(MllpClient.name, () => {
  let peer: PlainPeer | undefined;
  let client: MllpClient | undefined;

  afterEach(async () => {
    await client?.close();
    await peer?.close();
    client = peer = undefined;
  });

  it('sends a message to a plain node:net MLLP listener and resolves with its ACK', async () => {
    peer = await startPlainPeer(plainAck);
    client = new MllpClient({ host: '127.0.0.1', port: peer.port });
    const ack = await client.send(orm('P-1'));
    expect(Hl7Message.parse(ack).get('MSA-1')).toBe('AA');
    expect(msa2(ack)).toBe('P-1');
    expect(Hl7Message.parse(peer.received[0].message).get('PID-5.2')).toBe('VĂN BẢO');
  });

  it('keeps one message in flight: the next is written only after the previous ACK', async () => {
    const held: (() => void)[] = [];
    // The listener answers only when the test says so.
    peer = await startPlainPeer((message, socket) => (held.push(() => socket.write(Buffer.concat([Buffer.of(0x0b), Buffer.from(plainAck(message)), Buffer.of(0x1c, 0x0d)]))), null));
    client = new MllpClient({ host: '127.0.0.1', port: peer.port });
    const first = client.send(orm('Q-1'));
    const second = client.send(orm('Q-2'));
    await peer.messageArrived(1);
    expect(peer.received).toHaveLength(1);
    held[0]();
    expect(msa2(await first)).toBe('Q-1');
    await peer.messageArrived(2);
    held[1]();
    expect(msa2(await second)).toBe('Q-2');
    expect(peer.sockets).toHaveLength(1);
  });

  it('fails with ACK_TIMEOUT when no ACK comes, drops that connection and uses a new one for the next message', async () => {
    peer = await startPlainPeer((message) => (controlIdOf(message) === 'T-1' ? null : plainAck(message)));
    client = new MllpClient({ host: '127.0.0.1', port: peer.port, ackTimeoutMs: 300 });
    await expect(client.send(orm('T-1'))).rejects.toMatchObject({ name: 'MllpError', code: 'ACK_TIMEOUT' });
    expect(msa2(await client.send(orm('T-2')))).toBe('T-2');
    expect(peer.sockets).toHaveLength(2);
  });

  it('fails with CONNECTION_REFUSED when nothing listens', async () => {
    client = new MllpClient({ host: '127.0.0.1', port: await freePort() });
    await expect(client.send(orm('R-1'))).rejects.toMatchObject({ code: 'CONNECTION_REFUSED' });
  });

  it('fails with CLOSED_BEFORE_ACK when the peer drops the connection instead of answering', async () => {
    peer = await startPlainPeer((_message, socket) => (socket.destroy(), null));
    client = new MllpClient({ host: '127.0.0.1', port: peer.port });
    await expect(client.send(orm('C-1'))).rejects.toMatchObject({ code: 'CLOSED_BEFORE_ACK' });
  });

  it('reconnects after the peer closed an idle connection', async () => {
    const events: MllpClientEvent['type'][] = [];
    let dropped!: () => void;
    const disconnected = new Promise<void>((resolve) => (dropped = resolve));
    peer = await startPlainPeer(plainAck);
    client = new MllpClient({ host: '127.0.0.1', port: peer.port, onEvent: (e) => (events.push(e.type), e.type === 'disconnected' && dropped()) });
    expect(msa2(await client.send(orm('N-1')))).toBe('N-1');
    peer.sockets[0].destroy();
    await disconnected;
    expect(client.connected).toBe(false);
    expect(msa2(await client.send(orm('N-2')))).toBe('N-2');
    expect(peer.sockets).toHaveLength(2);
    expect(events).toEqual(['connected', 'disconnected', 'connected']);
  });

  it('closes a connection still being opened when close() is called', async () => {
    peer = await startPlainPeer(plainAck);
    client = new MllpClient({ host: '127.0.0.1', port: peer.port });
    const connecting = client.connect();
    await client.close();
    await expect(connecting).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });
    expect(client.connected).toBe(false);
    await expect(client.send(orm('K-1'))).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });
  });

  it('fails waiting and later sends with CLIENT_CLOSED once closed', async () => {
    peer = await startPlainPeer(() => null);
    client = new MllpClient({ host: '127.0.0.1', port: peer.port });
    const pending = client.send(orm('Z-1'));
    const queued = client.send(orm('Z-2'));
    await peer.messageArrived(1);
    await client.close();
    await expect(pending).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });
    await expect(queued).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });
    await expect(client.send(orm('Z-3'))).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });
  });
});

function controlIdOf(message: Buffer): string {
  return Hl7Message.parse(message).controlId;
}
