import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { DEFAULT_MAX_FRAME_BYTES, encodeMllpFrame, MllpFrameDecoder } from './frame';
import { MllpError } from './mllp.errors';

export interface MllpClientOptions {
  readonly host: string;
  readonly port: number;
  /** true for TLS with the system's CAs, or node:tls options (ca, cert, key, servername…). */
  readonly tls?: boolean | ConnectionOptions;
  /** How long send() waits for the ACK; default 30 s. */
  readonly ackTimeoutMs?: number;
  /** Default 10 s. */
  readonly connectTimeoutMs?: number;
  /** Default 1 MiB. */
  readonly maxFrameBytes?: number;
  readonly onEvent?: (event: MllpClientEvent) => void;
}

export type MllpClientEvent =
  | { readonly type: 'connected' }
  | { readonly type: 'disconnected'; readonly partialFrameBytes: number }
  | { readonly type: 'discarded'; readonly bytes: number }
  /** A frame that answers nothing we sent (none in flight): dropped. */
  | { readonly type: 'unexpected-frame'; readonly bytes: number };

interface InFlight {
  resolve(ack: Buffer): void;
  reject(error: MllpError): void;
}

/**
 * An MLLP sender on one connection: send() writes a message and resolves with the ACK's bytes. Messages go one at a time (the
 * next is written only after the previous one's ACK, or its failure); calls made meanwhile wait their turn. The connection is
 * opened on first use and again after the peer drops it. A failed send is never repeated here: whether to resend (and risk a
 * duplicate the receiver must recognise by MSH-10) is the outbox's decision.
 */
export class MllpClient {
  private socket: Socket | undefined;
  private connecting: Promise<Socket> | undefined;
  private inFlight: InFlight | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: MllpClientOptions) {}

  get connected(): boolean {
    return this.socket !== undefined && !this.socket.destroyed;
  }

  /** Opens the connection now instead of on the first send. */
  async connect(): Promise<void> {
    await this.ensureSocket();
  }

  /** Sends one message (a string is sent as UTF-8) and resolves with the ACK's bytes; rejects with an MllpError. */
  send(message: Buffer | string): Promise<Buffer> {
    const bytes = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
    const result = this.queue.then(() => this.sendNow(bytes));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Fails what is waiting with CLIENT_CLOSED and closes the connection. */
  async close(): Promise<void> {
    this.closed = true;
    this.inFlight?.reject(new MllpError('CLIENT_CLOSED'));
    this.inFlight = undefined;
    const socket = this.socket;
    this.socket = undefined;
    if (socket && !socket.destroyed) {
      await new Promise<void>((resolve) => {
        // A peer that never closes its side must not keep us waiting.
        const timer = setTimeout(() => socket.destroy(), 1000);
        socket.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        socket.end();
      });
    }
  }

  private async sendNow(message: Buffer): Promise<Buffer> {
    if (this.closed) throw new MllpError('CLIENT_CLOSED');
    const socket = await this.ensureSocket();
    if (socket.destroyed) throw new MllpError('CLOSED_BEFORE_ACK', `${this.options.host}:${this.options.port}`);
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.inFlight = undefined;
        // The ACK may still come, and would then be taken for the next message's: this connection cannot be trusted any more.
        if (this.socket === socket) this.socket = undefined;
        socket.destroy();
        reject(new MllpError('ACK_TIMEOUT', `${this.options.ackTimeoutMs ?? 30_000} ms`));
      }, this.options.ackTimeoutMs ?? 30_000);
      this.inFlight = {
        resolve: (ack) => {
          clearTimeout(timer);
          resolve(ack);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      socket.write(encodeMllpFrame(message));
    });
  }

  private ensureSocket(): Promise<Socket> {
    if (this.closed) return Promise.reject(new MllpError('CLIENT_CLOSED'));
    if (this.socket && !this.socket.destroyed) return Promise.resolve(this.socket);
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private open(): Promise<Socket> {
    const { host, port, tls } = this.options;
    const target = `${host}:${port}`;
    return new Promise<Socket>((resolve, reject) => {
      const socket = tls ? tlsConnect({ host, port, ...(tls === true ? {} : tls) }) : netConnect({ host, port });
      const ready = tls ? 'secureConnect' : 'connect';
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new MllpError('CONNECT_TIMEOUT', target));
      }, this.options.connectTimeoutMs ?? 10_000);
      const failed = (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new MllpError(error.code === 'ECONNREFUSED' ? 'CONNECTION_REFUSED' : 'CONNECTION_FAILED', `${target}: ${error.message}`, { cause: error }));
      };
      socket.once('error', failed);
      socket.once(ready, () => {
        clearTimeout(timer);
        socket.off('error', failed);
        if (this.closed) {
          // close() was called while we were connecting: nobody would ever close this socket.
          socket.destroy();
          return reject(new MllpError('CLIENT_CLOSED'));
        }
        this.attach(socket);
        resolve(socket);
      });
    });
  }

  private attach(socket: Socket): void {
    this.socket = socket;
    const decoder = new MllpFrameDecoder(this.options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES);
    // Everything below checks that `socket` is still the current connection: one dropped after an ACK timeout may still deliver
    // bytes or close late, and must not answer or fail the message now in flight on its successor.
    const current = () => this.socket === socket;
    this.emit({ type: 'connected' });
    socket.on('data', (chunk: Buffer) => {
      if (!current()) return;
      let decoded;
      try {
        decoded = decoder.push(chunk);
      } catch (error) {
        this.socket = undefined;
        this.failInFlight(error as MllpError);
        socket.destroy();
        return;
      }
      if (decoded.discardedBytes > 0) this.emit({ type: 'discarded', bytes: decoded.discardedBytes });
      for (const frame of decoded.frames) {
        const waiting = this.inFlight;
        this.inFlight = undefined;
        if (waiting) waiting.resolve(frame);
        else this.emit({ type: 'unexpected-frame', bytes: frame.length });
      }
    });
    // Errors end in 'close', where the caller hears of them.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (current()) {
        this.socket = undefined;
        this.failInFlight(new MllpError('CLOSED_BEFORE_ACK', `${this.options.host}:${this.options.port}`));
      }
      this.emit({ type: 'disconnected', partialFrameBytes: decoder.pendingBytes });
    });
  }

  private failInFlight(error: MllpError): void {
    const waiting = this.inFlight;
    this.inFlight = undefined;
    waiting?.reject(error);
  }

  private emit(event: MllpClientEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // Logging must not break sending.
    }
  }
}
