import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type PeerCertificate, type TLSSocket, type TlsOptions } from 'node:tls';
import { DEFAULT_MAX_FRAME_BYTES, encodeMllpFrame, MllpFrameDecoder } from './frame';
import { MllpError } from './mllp.errors';

export interface MllpConnectionInfo {
  /** 1, 2, 3… in order of arrival, for logs. */
  readonly id: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly tls: boolean;
  /** The client certificate, when the TLS options ask for one. */
  readonly peerCertificate?: PeerCertificate;
}

/** Gets one message's bytes (charset not yet applied) and returns the ACK's bytes. Called once at a time per connection. */
export type MllpHandler = (message: Buffer, connection: MllpConnectionInfo) => Promise<Buffer>;

/**
 * Called when the handler throws. Return the bytes to answer with (typically an AE/AR ACK built by the caller), or undefined to
 * answer nothing: the connection is then closed, and the sender, having no ACK, keeps the message and sends it again later.
 */
export type MllpHandlerErrorPolicy = (error: unknown, message: Buffer, connection: MllpConnectionInfo) => Buffer | undefined | Promise<Buffer | undefined>;

export type MllpServerEvent =
  | { readonly type: 'connection'; readonly connection: MllpConnectionInfo }
  | { readonly type: 'acknowledged'; readonly connection: MllpConnectionInfo; readonly messageBytes: number; readonly ackBytes: number }
  | { readonly type: 'discarded'; readonly connection: MllpConnectionInfo; readonly bytes: number }
  | { readonly type: 'handler-error'; readonly connection: MllpConnectionInfo; readonly error: unknown; readonly answered: boolean }
  | { readonly type: 'frame-error'; readonly connection: MllpConnectionInfo; readonly error: MllpError }
  | { readonly type: 'socket-error'; readonly connection?: MllpConnectionInfo; readonly error: Error }
  | { readonly type: 'idle-timeout'; readonly connection: MllpConnectionInfo }
  | { readonly type: 'disconnection'; readonly connection: MllpConnectionInfo; readonly partialFrameBytes: number };

export interface MllpServerOptions {
  readonly handler: MllpHandler;
  readonly onHandlerError?: MllpHandlerErrorPolicy;
  /** Default 1 MiB. A larger frame closes the connection. */
  readonly maxFrameBytes?: number;
  /** A connection with no traffic and nothing in progress for this long is closed; default 5 minutes, 0 never. */
  readonly idleTimeoutMs?: number;
  /** close() waits this long for handlers in progress before cutting connections; default 30 s. */
  readonly closeTimeoutMs?: number;
  /** Everything that happens, for logs and tests; an exception thrown here is ignored. */
  readonly onEvent?: (event: MllpServerEvent) => void;
}

interface Connection {
  readonly socket: Socket;
  readonly info: MllpConnectionInfo;
  readonly decoder: MllpFrameDecoder;
  readonly queue: Buffer[];
  busy: boolean;
}

/**
 * An MLLP listener. Each connection's messages are handled strictly in order, one at a time (HL7 original mode: one ACK per
 * message, in order). Nothing a peer sends and nothing the handler throws stops the server: errors become events, and a
 * connection in doubt is closed so that its sender retries.
 */
export class MllpServer {
  private server: Server | undefined;
  private readonly connections = new Set<Connection>();
  private nextId = 1;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: MllpServerOptions) {}

  /** Listens on host:port (port 0 for any free one). Loopback unless a host is given: opening to the network is the caller's choice. */
  listen(port: number, host = '127.0.0.1', tls?: TlsOptions): Promise<AddressInfo> {
    if (this.server) return Promise.reject(new Error('MllpServer is already listening'));
    const server = tls ? createTlsServer(tls, (socket) => this.accept(socket, true)) : createNetServer((socket) => this.accept(socket, false));
    // A failed TLS handshake never becomes a connection; it is still worth a line in the log.
    server.on('tlsClientError', (error: Error) => this.emit({ type: 'socket-error', error }));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        server.on('error', (error) => this.emit({ type: 'socket-error', error }));
        resolve(server.address() as AddressInfo);
      });
    });
  }

  get address(): AddressInfo | undefined {
    return (this.server?.address() as AddressInfo | null) ?? undefined;
  }

  /** Connections open now. */
  get connectionCount(): number {
    return this.connections.size;
  }

  /** Connections accepted since listen(). */
  get acceptedCount(): number {
    return this.nextId - 1;
  }

  /**
   * Stops accepting, lets every connection finish the messages it has received (their ACKs are sent), then closes them; after
   * `closeTimeoutMs` whatever is left is cut.
   */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const connection of this.connections) this.endIfIdle(connection);
    const timer = setTimeout(() => {
      for (const connection of this.connections) connection.socket.destroy();
    }, this.options.closeTimeoutMs ?? 30_000);
    try {
      await closed;
    } finally {
      clearTimeout(timer);
    }
  }

  private accept(socket: Socket, tls: boolean): void {
    const info: MllpConnectionInfo = {
      id: this.nextId++,
      remoteAddress: socket.remoteAddress ?? '',
      remotePort: socket.remotePort ?? 0,
      tls,
      peerCertificate: tls ? (socket as TLSSocket).getPeerCertificate() : undefined,
    };
    const connection: Connection = { socket, info, decoder: new MllpFrameDecoder(this.options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES), queue: [], busy: false };
    this.connections.add(connection);
    this.emit({ type: 'connection', connection: info });
    if (this.closing) return this.endIfIdle(connection);

    const idle = this.options.idleTimeoutMs ?? 300_000;
    if (idle > 0) socket.setTimeout(idle);
    socket.on('timeout', () => {
      // Quiet because a handler is still working is not idle; the timer starts again with the ACK's write.
      if (connection.busy || connection.queue.length > 0) return;
      this.emit({ type: 'idle-timeout', connection: info });
      socket.destroy();
    });
    socket.on('data', (chunk: Buffer) => this.receive(connection, chunk));
    socket.on('error', (error) => this.emit({ type: 'socket-error', connection: info, error }));
    socket.on('close', () => {
      this.connections.delete(connection);
      connection.queue.length = 0;
      this.emit({ type: 'disconnection', connection: info, partialFrameBytes: connection.decoder.pendingBytes });
    });
  }

  private receive(connection: Connection, chunk: Buffer): void {
    let decoded;
    try {
      decoded = connection.decoder.push(chunk);
    } catch (error) {
      this.emit({ type: 'frame-error', connection: connection.info, error: error as MllpError });
      connection.socket.destroy();
      return;
    }
    if (decoded.discardedBytes > 0) this.emit({ type: 'discarded', connection: connection.info, bytes: decoded.discardedBytes });
    if (decoded.frames.length === 0) return;
    connection.queue.push(...decoded.frames);
    void this.drain(connection);
  }

  /** Handles the queued messages one after the other; only one drain runs per connection. */
  private async drain(connection: Connection): Promise<void> {
    if (connection.busy) return;
    connection.busy = true;
    try {
      for (let message = connection.queue.shift(); message && !connection.socket.destroyed; message = connection.queue.shift()) {
        const ack = await this.answer(connection, message);
        if (ack === undefined) {
          connection.socket.destroy();
          break;
        }
        if (connection.socket.writable) {
          connection.socket.write(encodeMllpFrame(ack));
          this.emit({ type: 'acknowledged', connection: connection.info, messageBytes: message.length, ackBytes: ack.length });
        }
      }
    } catch (error) {
      // Only a broken promise of the handler's types gets here (an ACK that is not bytes): an unhandled rejection would end the
      // process, so it ends this connection instead.
      this.emit({ type: 'handler-error', connection: connection.info, error, answered: false });
      connection.socket.destroy();
    } finally {
      connection.busy = false;
    }
    if (this.closing) this.endIfIdle(connection);
  }

  private async answer(connection: Connection, message: Buffer): Promise<Buffer | undefined> {
    try {
      return await this.options.handler(message, connection.info);
    } catch (error) {
      let ack: Buffer | undefined;
      try {
        ack = await this.options.onHandlerError?.(error, message, connection.info);
      } catch {
        ack = undefined;
      }
      this.emit({ type: 'handler-error', connection: connection.info, error, answered: ack !== undefined });
      return ack;
    }
  }

  private endIfIdle(connection: Connection): void {
    // destroySoon: our last ACK is flushed first, and a peer that never closes its side does not hold close() up.
    if (!connection.busy && connection.queue.length === 0) connection.socket.destroySoon();
  }

  private emit(event: MllpServerEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // A failing logger must not take the listener down with it.
    }
  }
}
