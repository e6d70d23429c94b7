// Types of what the LIS and PACS simulators share (simulator.cjs), for TypeScript callers such as apps/api-e2e.

export type AckMode = 'AA' | 'AE' | 'AR' | 'none' | 'close';

export interface SimulatorLogger {
  info(line: string): void;
  warn(line: string): void;
}

export interface SimulatorOptions {
  /** Port of the simulator's MLLP listener for Benhan's orders and ADT; 0 (default): any free port. */
  port?: number;
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** Benhan's MLLP listener, where results go: `{ host, port }` or `'host:port'`. Without it results are kept, not sent. */
  benhan?: { host?: string; port: number } | string;
  /** From an accepted order to its result (default 3000 ms). */
  resultDelayMs?: number;
  /** MSH-3 of the results: a system client registered in Benhan with results.write (default `lis` / `pacs`). */
  sendingApplication?: string;
  /** MSH-4 of the results. */
  sendingFacility?: string;
  /** Share of abnormal results, 0 to 1 (default 0.2). */
  abnormalRate?: number;
  /** Same seed, same values in the same order of arrival. */
  seed?: number | string;
  /** How the simulator answers Benhan (default AA). */
  ackMode?: AckMode;
  /** Wait before each ACK. */
  ackDelayMs?: number;
  /** How long to wait for Benhan's ACK before the result is sent again on a new connection (default 10000 ms). */
  ackTimeoutMs?: number;
  /** Send results by themselves after resultDelayMs (default true); false: only through sendResult(). */
  autoResults?: boolean;
  /** Default: silent (the CLI logs to the console). */
  logger?: Partial<SimulatorLogger>;
  /** The simulator's clock (timestamps of messages and entries). */
  clock?: () => Date;
  /** OBR-32 of the results (principal result interpreter). */
  interpreter?: { id: string; family: string; given: string };
}

/** A message Benhan sent to the simulator, and the ACK it got. */
export interface ReceivedEntry {
  direction: 'in';
  text: string;
  /** MSH-9 without the structure: `OML^O21`, `ADT^A01`. */
  type: string;
  controlId: string;
  receivedAt: Date;
  remoteAddress: string;
  /** The ack mode when it arrived. */
  ackMode: AckMode;
  /** null: not answered (yet, when held; never, in modes none and close). */
  ack: string | null;
  ackCode: 'AA' | 'AE' | 'AR' | null;
  ackedAt: Date | null;
  /** What the simulator did with it, in words: `order <id>: HH-CBC, result in 3000 ms`, `unanswered`, `closed`… */
  outcome: string;
}

/** A result (or any message) the simulator sent to Benhan, and Benhan's ACK. */
export interface SentEntry {
  direction: 'out';
  text: string;
  type: string;
  controlId: string;
  /** The placer order number (Benhan's order id) the result answers; null for sendMessage(). */
  orderId: string | null;
  queuedAt: Date;
  sentAt: Date | null;
  ackedAt: Date | null;
  ack: string | null;
  /** MSA-1 of Benhan's ACK. */
  ackCode: string | null;
  /** MSA-3 (or ERR-8) of Benhan's ACK. */
  ackText?: string | null;
  attempts: number;
  /** The last failed attempt (connection refused, no ACK in time) or an MSA-2 that does not match. */
  lastError: string | null;
  status: 'queued' | 'answered' | 'cancelled' | 'undeliverable' | string;
}

export type SimulatorEntry = ReceivedEntry | SentEntry;

export interface OrderItem {
  orc: string | null;
  obr: string;
  serviceCode: string;
  serviceName: string;
  loinc: string;
  priority: string;
  /** OBR-18, OBR-19, OBR-20, OBR-24, ZDS-1 (imaging). */
  accessionNumber: string;
  requestedProcedureId: string;
  scheduledStepId: string;
  modality: string;
  studyInstanceUid: string;
}

export interface SimulatedOrder {
  /** Placer order number: Benhan's order id. */
  placer: string;
  status: 'pending' | 'sent' | 'cancelled';
  messageType: string;
  controlId: string;
  receivedAt: Date;
  pid: string | null;
  pv1: string | null;
  items: OrderItem[];
  cancelReason: string | null;
  /** The ORU^R01 text once built. */
  result: string | null;
}

export interface SimulatedPatient {
  identifiers: { id: string; authority: string; type: string }[];
  name: { family: string; given: string; middle: string };
  birthDate: string | null;
  sex: string | null;
  patientClass: string | null;
  location: { pointOfCare: string; room: string; bed: string; facility: string } | null;
  priorLocation: string | null;
  dischargedAt: string | null;
  visitNumber: string | null;
  events: { event: string; controlId: string; at: Date }[];
  pid: string;
}

export interface Hl7Simulator {
  /** The port the simulator listens on. */
  readonly port: number;
  readonly received: ReceivedEntry[];
  readonly sent: SentEntry[];
  /** Orders by placer order number. */
  readonly orders: Map<string, SimulatedOrder>;
  /** Patients by each PID-3 identifier (CX.1). */
  readonly patients: Map<string, SimulatedPatient>;
  /** May be changed between messages: applies to orders accepted afterwards. */
  resultDelayMs: number;
  /** May be changed between messages. */
  ackDelayMs: number;
  readonly ackMode: AckMode;
  /** The first received or sent entry matching, now or later (entries are re-checked as they change: ACK, delivery). */
  waitFor(predicate: (entry: SimulatorEntry) => boolean, timeoutMs?: number): Promise<SimulatorEntry>;
  setAckMode(mode: AckMode): void;
  /** Keep every ACK back until release(). */
  hold(): void;
  release(): void;
  /** Where results go, when Benhan starts after the simulator. */
  setBenhan(address: { host?: string; port: number } | string): void;
  /** Build and send the result of a pending order now; resolves once Benhan answered. */
  sendResult(orderId: string): Promise<SentEntry>;
  /** Send any HL7 message to Benhan (a correction, a malformed one); resolves once Benhan answered. */
  sendMessage(text: string, options?: { orderId?: string | null }): Promise<SentEntry>;
  close(): Promise<void>;
}
