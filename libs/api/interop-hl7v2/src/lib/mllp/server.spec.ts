import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAck } from '../codec/ack';
import { Hl7MessageBuilder } from '../codec/builder';
import { Hl7Message } from '../codec/message';
import { connectRaw, frame } from '../../testing/mllp-peer';
import { MllpClient } from './client';
import { MllpServer, type MllpServerEvent, type MllpServerOptions } from './server';

function oru(controlId: string): string {
  return new Hl7MessageBuilder({ sendingApplication: 'LIS', sendingFacility: 'LAB', receivingApplication: 'BENHAN', messageType: { code: 'ORU', trigger: 'R01', structure: 'ORU_R01' }, controlId })
    .segment('PID', ['1', '', 'BN-1', '', ['NGUYỄN', 'THỊ HƯỜNG']])
    .segment('OBX', ['1', 'NM', ['2093-3', 'Cholesterol', 'LN'], '', '5.2', 'mmol/L'])
    .toString();
}

/** The handler a domain would write, minus the domain: parse, answer AA, AR when the message does not parse. */
async function acknowledge(bytes: Buffer): Promise<Buffer> {
  try {
    return buildAck(Hl7Message.parse(bytes), { code: 'AA' }).toBuffer();
  } catch (error) {
    return buildAck(Hl7Message.parseHeader(bytes), { code: 'AR', text: (error as Error).message, error: { code: 100 } }).toBuffer();
  }
}

const msa = (ack: Buffer) => {
  const m = Hl7Message.parse(ack);
  return [m.get('MSA-1'), m.get('MSA-2')];
};

/** A promise the test resolves by hand: lets a handler be held exactly as long as the test needs, with no sleeps. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Server events as a stream the test can wait on. */
class Events {
  readonly seen: MllpServerEvent[] = [];
  private waiters: { match(e: MllpServerEvent): boolean; resolve(e: MllpServerEvent): void }[] = [];

  readonly listener = (event: MllpServerEvent) => {
    this.seen.push(event);
    for (const w of this.waiters.filter((x) => x.match(event))) {
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve(event);
    }
  };

  next<T extends MllpServerEvent['type']>(type: T, after = 0): Promise<Extract<MllpServerEvent, { type: T }>> {
    const past = this.seen.slice(after).find((e) => e.type === type);
    if (past) return Promise.resolve(past as Extract<MllpServerEvent, { type: T }>);
    return new Promise((resolve) => this.waiters.push({ match: (e) => e.type === type, resolve: (e) => resolve(e as Extract<MllpServerEvent, { type: T }>) }));
  }
}

describe(MllpServer.name, () => {
  let server: MllpServer;
  let events: Events;
  let port: number;

  async function start(options: Partial<MllpServerOptions> = {}): Promise<void> {
    events = new Events();
    server = new MllpServer({ handler: acknowledge, onEvent: events.listener, ...options });
    port = (await server.listen(0)).port;
  }

  afterEach(async () => {
    await server?.close();
  });

  /** Starts a server whose handler holds each message until the test calls `resolve()`; `entered` says it has one. */
  async function startHeld(options: Partial<MllpServerOptions> = {}): Promise<{ entered: Promise<void>; resolve: () => void }> {
    const [gate, entered] = [deferred(), deferred()];
    await start({
      ...options,
      handler: async (bytes) => {
        entered.resolve();
        await gate.promise;
        return acknowledge(bytes);
      },
    });
    return { entered: entered.promise, resolve: gate.resolve };
  }

  it('answers a message written one byte at a time', async () => {
    await start();
    const { socket, reader } = await connectRaw(port);
    for (const byte of frame(oru('B-1'))) socket.write(Buffer.of(byte));
    expect(msa(await reader.next())).toEqual(['AA', 'B-1']);
    socket.destroy();
  });

  it('answers two messages sent in one write, in order', async () => {
    await start();
    const { socket, reader } = await connectRaw(port);
    socket.write(Buffer.concat([frame(oru('T-1')), frame(oru('T-2'))]));
    expect(msa(await reader.next())).toEqual(['AA', 'T-1']);
    expect(msa(await reader.next())).toEqual(['AA', 'T-2']);
    socket.destroy();
  });

  it('answers a slow writer once its frame is complete', async () => {
    await start();
    const { socket, reader } = await connectRaw(port);
    const bytes = frame(oru('S-1'));
    for (let i = 0; i < bytes.length; i += 40) {
      socket.write(bytes.subarray(i, i + 40));
      // Pacing only: the answer is awaited below, whatever the machine's speed.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(msa(await reader.next())).toEqual(['AA', 'S-1']);
    socket.destroy();
  });

  it('handles one connection’s messages strictly one at a time', async () => {
    const log: string[] = [];
    const [gate, started] = [deferred(), deferred()];
    await start({
      handler: async (bytes) => {
        const id = Hl7Message.parse(bytes).controlId;
        log.push(`start ${id}`);
        if (id === 'O-1') {
          started.resolve();
          await gate.promise;
        }
        log.push(`end ${id}`);
        return acknowledge(bytes);
      },
    });
    const { socket, reader } = await connectRaw(port);
    socket.write(Buffer.concat([frame(oru('O-1')), frame(oru('O-2'))]));
    await started.promise;
    expect(log).toEqual(['start O-1']);
    gate.resolve();
    expect(msa(await reader.next())[1]).toBe('O-1');
    expect(msa(await reader.next())[1]).toBe('O-2');
    expect(log).toEqual(['start O-1', 'end O-1', 'start O-2', 'end O-2']);
    socket.destroy();
  });

  it('answers an unparseable message with AR (the handler’s choice) and keeps the connection', async () => {
    await start();
    const { socket, reader } = await connectRaw(port);
    socket.write(frame('MSH|^~\\&|LIS|LAB|BENHAN|BV|20261128||ORU^R01|X-9|P|2.5.1\r#not a segment\r'));
    expect(msa(await reader.next())).toEqual(['AR', 'X-9']);
    socket.write(frame(oru('X-10')));
    expect(msa(await reader.next())).toEqual(['AA', 'X-10']);
    socket.destroy();
  });

  it('drops a connection whose peer closes mid-frame, without calling the handler, and serves the next one', async () => {
    const handled: string[] = [];
    await start({ handler: async (bytes) => (handled.push('x'), acknowledge(bytes)) });
    const first = await connectRaw(port);
    first.socket.write(frame(oru('M-1')).subarray(0, 50));
    first.socket.destroy();
    const gone = await events.next('disconnection');
    expect(gone.partialFrameBytes).toBeGreaterThan(0);
    expect(handled).toEqual([]);
    const second = await connectRaw(port);
    second.socket.write(frame(oru('M-2')));
    expect(msa(await second.reader.next())).toEqual(['AA', 'M-2']);
    second.socket.destroy();
  });

  it('reports bytes outside frames and still answers the frame after them', async () => {
    await start();
    const { socket, reader } = await connectRaw(port);
    socket.write(Buffer.concat([Buffer.from('\r\nGARBAGE'), frame(oru('G-1'))]));
    expect(msa(await reader.next())).toEqual(['AA', 'G-1']);
    expect((await events.next('discarded')).bytes).toBe(9);
    socket.destroy();
  });

  it('closes a connection whose frame is over the size limit', async () => {
    await start({ maxFrameBytes: 1000 });
    const { socket, reader } = await connectRaw(port);
    socket.write(frame(`${oru('L-1')}NTE|1||${'x'.repeat(2000)}\r`));
    await expect(reader.next()).rejects.toThrow('socket closed');
    expect((await events.next('frame-error')).error.code).toBe('FRAME_TOO_LARGE');
  });

  describe('when the handler throws', () => {
    it('sends what onHandlerError returns (here an AE) and goes on', async () => {
      await start({
        handler: async (bytes) => (Hl7Message.parse(bytes).controlId === 'E-1' ? Promise.reject(new Error('database down')) : acknowledge(bytes)),
        onHandlerError: (error, bytes) => buildAck(Hl7Message.parseHeader(bytes), { code: 'AE', text: String(error), error: { code: 207 } }).toBuffer(),
      });
      const { socket, reader } = await connectRaw(port);
      socket.write(Buffer.concat([frame(oru('E-1')), frame(oru('E-2'))]));
      const ae = Hl7Message.parse(await reader.next());
      expect([ae.get('MSA-1'), ae.get('MSA-2'), ae.get('MSA-3'), ae.get('ERR-3')]).toEqual(['AE', 'E-1', 'Error: database down', '207']);
      expect(msa(await reader.next())).toEqual(['AA', 'E-2']);
      expect(await events.next('handler-error')).toMatchObject({ answered: true });
      socket.destroy();
    });

    it('without a policy answers nothing and closes the connection, so the sender keeps the message; the server lives on', async () => {
      await start({ handler: async () => Promise.reject(new Error('bug')) });
      const { socket, reader } = await connectRaw(port);
      socket.write(frame(oru('E-3')));
      await expect(reader.next()).rejects.toThrow('socket closed');
      expect(await events.next('handler-error')).toMatchObject({ answered: false });
      socket.destroy();
      const again = await connectRaw(port);
      expect(again.socket.readyState).toBe('open');
      again.socket.destroy();
    });
  });

  it('closes a connection that stays quiet past the idle timeout', async () => {
    await start({ idleTimeoutMs: 200 });
    const { socket, reader } = await connectRaw(port);
    socket.write(frame(oru('I-1')));
    expect(msa(await reader.next())).toEqual(['AA', 'I-1']);
    await events.next('idle-timeout');
    await Promise.all([once(socket, 'close'), events.next('disconnection')]);
    expect(server.connectionCount).toBe(0);
  });

  it('does not count the time a handler works as idle', async () => {
    const gate = await startHeld({ idleTimeoutMs: 100 });
    const { socket, reader } = await connectRaw(port);
    socket.write(frame(oru('W-1')));
    await gate.entered;
    // Several idle periods pass while the handler works; the answer must still come on the same connection.
    await new Promise((resolve) => setTimeout(resolve, 350));
    gate.resolve();
    expect(msa(await reader.next())).toEqual(['AA', 'W-1']);
    await events.next('idle-timeout');
    expect(events.seen.map((e) => e.type).filter((t) => t === 'acknowledged' || t === 'idle-timeout')).toEqual(['acknowledged', 'idle-timeout']);
  });

  it('survives a handler that breaks its type (resolves with something that is not bytes)', async () => {
    await start({ handler: async () => ({ ack: 'AA' }) as unknown as Buffer });
    const { socket, reader } = await connectRaw(port);
    socket.write(frame(oru('B-2')));
    await expect(reader.next()).rejects.toThrow('socket closed');
    expect(await events.next('handler-error')).toMatchObject({ answered: false });
    const again = await connectRaw(port);
    expect(again.socket.readyState).toBe('open');
    again.socket.destroy();
  });

  it('counts open and accepted connections', async () => {
    await start();
    const a = await connectRaw(port);
    const b = await connectRaw(port);
    a.socket.write(frame(oru('C-1')));
    b.socket.write(frame(oru('C-2')));
    await Promise.all([a.reader.next(), b.reader.next()]);
    expect([server.connectionCount, server.acceptedCount]).toEqual([2, 2]);
    a.socket.destroy();
    await events.next('disconnection');
    expect([server.connectionCount, server.acceptedCount]).toEqual([1, 2]);
    b.socket.destroy();
  });

  it('drains on close(): the message in progress is answered, then the connection is closed and no new one accepted', async () => {
    const gate = await startHeld();
    const { socket, reader } = await connectRaw(port);
    socket.write(frame(oru('D-1')));
    await gate.entered;
    const closing = server.close();
    gate.resolve();
    expect(msa(await reader.next())).toEqual(['AA', 'D-1']);
    await closing;
    expect(server.connectionCount).toBe(0);
    await expect(new MllpClient({ host: '127.0.0.1', port }).send(oru('D-2'))).rejects.toMatchObject({ code: 'CONNECTION_REFUSED' });
  });

  describe('over TLS', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'mllp-tls-'));
      // A throw-away self-signed certificate for 127.0.0.1, made by the OpenSSL the project already relies on.
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=mllp-test', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('answers an MllpClient that trusts the server certificate, and refuses one that does not', async () => {
      const cert = readFileSync(join(dir, 'cert.pem'));
      events = new Events();
      server = new MllpServer({ handler: acknowledge, onEvent: events.listener });
      port = (await server.listen(0, '127.0.0.1', { cert, key: readFileSync(join(dir, 'key.pem')) })).port;
      const client = new MllpClient({ host: '127.0.0.1', port, tls: { ca: cert } });
      expect(msa(await client.send(oru('TLS-1')))).toEqual(['AA', 'TLS-1']);
      await client.close();
      const untrusting = new MllpClient({ host: '127.0.0.1', port, tls: true });
      await expect(untrusting.send(oru('TLS-2'))).rejects.toMatchObject({ code: 'CONNECTION_FAILED' });
      await untrusting.close();
    });
  });
});
