import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@benhan/api/core';
import type { InterfaceAckCode, InterfaceConnectionState, InterfaceDestinationName } from '@benhan/shared/contracts';
import { Hl7Message } from '../codec/message';
import { HL7V2_OPTIONS, type Hl7DestinationOptions, type Hl7OutboxOptions, type Hl7v2Options } from '../hl7v2.options';
import { MllpClient } from '../mllp/client';
import { MllpError } from '../mllp/mllp.errors';

/** A destination's connection, as the interfaces page shows it. */
export interface DestinationState {
  readonly connection: InterfaceConnectionState;
  readonly lastError: string | null;
  readonly lastDeliveredAt: Date | null;
}

/** How one attempt ended. */
export interface AttemptOutcome {
  readonly delivered: boolean;
  /** AR: the destination will never take this message as it is; retrying it is pointless. */
  readonly refused: boolean;
  readonly ackCode: InterfaceAckCode | null;
  readonly ack: Buffer | null;
  readonly reason: string | null;
}

interface DueMessage {
  id: string;
  raw: Buffer;
  attempts: number;
  control_id: string;
}

/** MSA-3 is ST(80): a longer reason from ERR-8 is kept as it came, up to this. */
const REASON_LENGTH = 1000;

/**
 * The outbox's delivering half: one sender per destination, one MLLP connection each, one message in flight.
 *
 * A sender takes the oldest due `pending` message of its destination whose patient has no earlier message still pending
 * (per-patient order: an ORM never overtakes the A01 before it, nor a cancel its order), locks the row, sends it and waits
 * for the ACK inside that transaction, then records the attempt: AA (or CA) delivered; AE, a timeout or a lost connection
 * retried after a backoff that doubles from retryBaseMs to retryMaxMs; AR failed at once; failed after maxAttempts.
 *
 * Nothing is lost: until the attempt is recorded the row stays `pending` under a lock that dies with the process or its
 * connection, so a crash mid-send leaves the message to be sent again (same MSH-10: the receiver can recognise the
 * repeat). Several API processes share the outbox safely: locked rows are skipped, and a patient's later messages wait
 * behind the locked earlier one.
 */
@Injectable()
export class OutboxSender implements OnModuleDestroy {
  private readonly logger = new Logger('Hl7Outbox');
  private readonly senders = new Map<InterfaceDestinationName, DestinationSender>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(HL7V2_OPTIONS) private readonly options: Hl7v2Options,
  ) {}

  /** Started by main.ts once the API serves (never in the one-shot commands). */
  start(): void {
    for (const destination of this.options.destinations) {
      if (this.senders.has(destination.name)) continue;
      const sender = new DestinationSender(destination, this.options.outbox, this.dataSource, this.clock, this.logger);
      this.senders.set(destination.name, sender);
      sender.start();
      this.logger.log(`HL7 v2 outbox → ${destination.name} at ${destination.host}:${destination.port}${destination.tls ? ' (TLS)' : ''}`);
    }
  }

  state(name: InterfaceDestinationName): DestinationState {
    return this.senders.get(name)?.state ?? { connection: 'idle', lastError: null, lastDeliveredAt: null };
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.senders.values()].map((s) => s.stop()));
    this.senders.clear();
  }
}

class DestinationSender {
  private readonly client: MllpClient;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wake = new AbortController();
  private connection: InterfaceConnectionState = 'idle';
  private lastError: string | null = null;
  private lastDeliveredAt: Date | null = null;

  constructor(
    private readonly destination: Hl7DestinationOptions,
    private readonly outbox: Hl7OutboxOptions,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.client = new MllpClient({
      host: destination.host,
      port: destination.port,
      tls: destination.tls ? { ca: destination.tls.ca } : undefined,
      ackTimeoutMs: outbox.ackTimeoutMs,
      connectTimeoutMs: Math.min(10_000, outbox.ackTimeoutMs),
      onEvent: (event) => {
        if (event.type === 'connected') this.connection = 'connected';
        else if (event.type === 'disconnected' && !this.stopped) this.connection = 'disconnected';
      },
    });
  }

  get state(): DestinationState {
    return { connection: this.connection, lastError: this.lastError, lastDeliveredAt: this.lastDeliveredAt };
  }

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake.abort();
    // A message in flight fails with CLIENT_CLOSED: its transaction rolls back and the row stays pending for the next start.
    await this.client.close();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let worked = false;
      try {
        worked = await this.deliverNext();
      } catch (error) {
        if (this.stopped) break;
        // The database is away, or the row could not be updated: nothing was recorded, the message stays pending.
        this.logger.error({ err: error, destination: this.destination.name }, 'HL7 v2 outbox: delivery not recorded');
        await this.pause(this.outbox.retryBaseMs);
      }
      if (!worked) await this.pause(this.outbox.pollMs);
    }
  }

  private async pause(ms: number): Promise<void> {
    if (this.stopped) return;
    try {
      await sleep(ms, undefined, { signal: this.wake.signal });
    } catch {
      // woken by stop()
    }
  }

  /** One attempt at the next due message; false when none is due. */
  private deliverNext(): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      const now = this.clock.now();
      const [due] = (await em.query(
        `SELECT m.id, m.raw, m.attempts, m.control_id
           FROM hl7_messages m
          WHERE m.status = 'pending' AND m.destination = $1 AND m.next_attempt_at <= $2
            AND NOT EXISTS (SELECT 1 FROM hl7_messages e
                             WHERE e.status = 'pending' AND e.destination = m.destination
                               AND e.patient_id = m.patient_id AND e.sequence < m.sequence)
          ORDER BY m.sequence
          LIMIT 1
          FOR UPDATE SKIP LOCKED`,
        [this.destination.name, now],
      )) as DueMessage[];
      if (!due) return false;
      if (this.connection !== 'connected') this.connection = 'connecting';
      const outcome = await this.attempt(due);
      if (this.stopped && !outcome.delivered) throw new MllpError('CLIENT_CLOSED');
      await this.record(em, due, outcome);
      return true;
    });
  }

  private async attempt(due: DueMessage): Promise<AttemptOutcome> {
    let ack: Buffer;
    try {
      ack = await this.client.send(due.raw);
    } catch (error) {
      const reason = error instanceof MllpError ? `${error.code}: ${error.message}` : String(error);
      this.connection = this.client.connected ? 'connected' : 'disconnected';
      return { delivered: false, refused: false, ackCode: null, ack: null, reason };
    }
    return readAck(ack, due.control_id);
  }

  private async record(em: EntityManager, due: DueMessage, outcome: AttemptOutcome): Promise<void> {
    const now = this.clock.now();
    const attempts = due.attempts + 1;
    const failed = !outcome.delivered && (outcome.refused || attempts >= this.outbox.maxAttempts);
    const status = outcome.delivered ? 'delivered' : failed ? 'failed' : 'pending';
    const retryIn = Math.min(this.outbox.retryBaseMs * 2 ** (attempts - 1), this.outbox.retryMaxMs);
    await em.query(
      `UPDATE hl7_messages
          SET status = $2, attempts = $3, next_attempt_at = $4, ack = $5, ack_code = $6, reason = $7,
              processed_at = $8, status_changed_at = $9
        WHERE id = $1`,
      [
        due.id,
        status,
        attempts,
        status === 'pending' ? new Date(now.getTime() + retryIn) : null,
        outcome.ack,
        outcome.ackCode,
        outcome.reason?.slice(0, REASON_LENGTH) ?? null,
        status === 'pending' ? null : now,
        now,
      ],
    );
    if (outcome.delivered) {
      this.lastDeliveredAt = now;
      this.lastError = null;
    } else {
      this.lastError = outcome.reason;
      const level = failed ? 'error' : 'warn';
      this.logger[level]({ destination: this.destination.name, controlId: due.control_id, attempts, reason: outcome.reason }, failed ? 'HL7 v2 message failed' : 'HL7 v2 message will be retried');
    }
  }
}

/**
 * MSA-1: AA/CA delivered, AE/CE retried, AR/CR refused. An ACK for another control id (MSA-2) is not this message's:
 * retried, as if none had come.
 */
export function readAck(bytes: Buffer, controlId: string): AttemptOutcome {
  let ack: Hl7Message;
  try {
    ack = Hl7Message.parse(bytes);
  } catch (error) {
    return { delivered: false, refused: false, ackCode: null, ack: bytes, reason: `unreadable ACK: ${(error as Error).message}` };
  }
  const code = ack.get('MSA-1').trim().toUpperCase();
  const answered = ack.get('MSA-2').trim();
  const text = [ack.get('MSA-3').trim(), ...ack.segments('ERR').map((e) => e.get('8').trim() || e.get('3.2').trim())].filter(Boolean).join('; ') || null;
  if (answered !== controlId) return { delivered: false, refused: false, ackCode: null, ack: bytes, reason: `the ACK answers ${answered || 'no message'} (MSA-2), not ${controlId}` };
  if (code === 'AA' || code === 'CA') return { delivered: true, refused: false, ackCode: 'AA', ack: bytes, reason: null };
  if (code === 'AE' || code === 'CE') return { delivered: false, refused: false, ackCode: 'AE', ack: bytes, reason: text ?? `${code} without a reason` };
  if (code === 'AR' || code === 'CR') return { delivered: false, refused: true, ackCode: 'AR', ack: bytes, reason: text ?? `${code} without a reason` };
  return { delivered: false, refused: false, ackCode: null, ack: bytes, reason: `MSA-1 "${code}" is not an acknowledgement code` };
}
