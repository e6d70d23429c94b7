import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** MLLP written out by hand (not with our decoder), so the tests of our transport talk to an independent peer. */
const VT = 0x0b;
const FS = 0x1c;
const CR = 0x0d;

export function frame(payload: string | Buffer): Buffer {
  return Buffer.concat([Buffer.of(VT), typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload, Buffer.of(FS, CR)]);
}

/** Collects the frames a socket receives; `next()` resolves with the next one, or rejects when the socket closes first. */
export class FrameReader {
  private buffer = Buffer.alloc(0);
  private readonly frames: Buffer[] = [];
  private waiting: { resolve(frame: Buffer): void; reject(error: Error): void }[] = [];
  closed = false;

  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const start = this.buffer.indexOf(VT);
        const end = this.buffer.indexOf(Buffer.of(FS, CR));
        if (start === -1 || end === -1) break;
        this.frames.push(this.buffer.subarray(start + 1, end));
        this.buffer = this.buffer.subarray(end + 2);
      }
      this.flush();
    });
    socket.on('close', () => {
      this.closed = true;
      for (const w of this.waiting.splice(0)) w.reject(new Error('socket closed'));
    });
    socket.on('error', () => undefined);
  }

  next(): Promise<Buffer> {
    const promise = new Promise<Buffer>((resolve, reject) => this.waiting.push({ resolve, reject }));
    this.flush();
    if (this.closed && this.frames.length === 0) for (const w of this.waiting.splice(0)) w.reject(new Error('socket closed'));
    return promise;
  }

  private flush(): void {
    while (this.waiting.length > 0 && this.frames.length > 0) this.waiting.shift()?.resolve(this.frames.shift() as Buffer);
  }
}

export async function connectRaw(port: number): Promise<{ socket: Socket; reader: FrameReader }> {
  const socket = connect({ host: '127.0.0.1', port });
  const reader = new FrameReader(socket);
  await once(socket, 'connect');
  return { socket, reader };
}

export interface PlainPeer {
  readonly server: Server;
  readonly port: number;
  readonly sockets: Socket[];
  /** Every message received, with the socket it came on. */
  readonly received: { socket: Socket; message: Buffer }[];
  /** Resolves when the n-th message (1-based) has arrived. */
  messageArrived(n: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A plain node:net MLLP listener, about thirty lines like the one TOOLCHAIN.md measured: `respond` decides, per message, the
 * bytes to answer (framed here), or null to say nothing.
 */
export async function startPlainPeer(respond: (message: Buffer, socket: Socket) => string | null): Promise<PlainPeer> {
  const sockets: Socket[] = [];
  const received: { socket: Socket; message: Buffer }[] = [];
  const arrivals: { n: number; resolve(): void }[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    let buffer = Buffer.alloc(0);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (let end = buffer.indexOf(Buffer.of(FS, CR)); end !== -1; end = buffer.indexOf(Buffer.of(FS, CR))) {
        const message = buffer.subarray(buffer.indexOf(VT) + 1, end);
        buffer = buffer.subarray(end + 2);
        received.push({ socket, message });
        const answer = respond(message, socket);
        if (answer !== null && !socket.destroyed) socket.write(frame(answer));
        for (const a of arrivals.filter((x) => x.n <= received.length)) a.resolve();
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    server,
    port: (server.address() as AddressInfo).port,
    sockets,
    received,
    messageArrived: (n) => (received.length >= n ? Promise.resolve() : new Promise((resolve) => arrivals.push({ n, resolve }))),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `MSA|AA|<MSH-10>` for an inbound message, read with plain string splitting. */
export function plainAck(message: Buffer): string {
  const controlId = message.toString('utf8').split('\r')[0].split('|')[9] ?? '';
  return `MSH|^~\\&|PEER|PEER|||20261128||ACK^R01^ACK|A-${controlId}|P|2.5.1\rMSA|AA|${controlId}\r`;
}
