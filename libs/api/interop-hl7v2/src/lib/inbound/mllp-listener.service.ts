import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { MllpServer } from '../mllp/server';
import { HL7V2_OPTIONS, type Hl7v2Options } from '../hl7v2.options';
import { Hl7InboundService } from './hl7-inbound.service';

/**
 * The MLLP listener of the API (issue 9). Started by main.ts once HTTP listens — not on module init, so the one-shot
 * commands (`main.js fixity`, `audit-verify`) never take the port — and closed when the application closes (SIGTERM):
 * messages being handled get their ACK, idle connections are closed, and whatever is still running after 5 s is cut
 * (its sender, without an ACK, sends it again).
 */
@Injectable()
export class MllpListener implements OnModuleDestroy {
  private readonly logger = new Logger('MllpListener');
  private server: MllpServer | null = null;

  constructor(
    private readonly inbound: Hl7InboundService,
    @Inject(HL7V2_OPTIONS) private readonly options: Hl7v2Options,
  ) {}

  async start(): Promise<AddressInfo> {
    if (this.server?.address) return this.server.address;
    const server = new MllpServer({
      handler: (message, connection) => this.inbound.receive(message, connection.remoteAddress || null),
      // The handler answers every message it can log, AE/AR included; what reaches here could not even be logged
      // (the database is away): no ACK, the connection closes, and the sender keeps the message and resends it.
      onHandlerError: () => undefined,
      closeTimeoutMs: 5_000,
      onEvent: (event) => {
        if (event.type === 'handler-error') this.logger.error({ err: event.error, connection: event.connection.id }, 'MLLP message not acknowledged: it could not be logged');
        else if (event.type === 'frame-error' || event.type === 'socket-error') this.logger.warn({ err: event.error }, `MLLP ${event.type}`);
      },
    });
    this.server = server;
    const address = await server.listen(this.options.port, this.options.host, this.options.tls ?? undefined);
    this.logger.log(`MLLP${this.options.tls ? ' over TLS' : ''} listener on ${address.address}:${address.port} (HL7 v2 ORU^R01 in)`);
    return address;
  }

  get address(): AddressInfo | undefined {
    return this.server?.address;
  }

  get connectionCount(): number {
    return this.server?.connectionCount ?? 0;
  }

  async onModuleDestroy(): Promise<void> {
    await this.server?.close();
  }
}
