import type { InterfaceDestinationName, InterfaceOrderMessage } from '@benhan/shared/contracts';

/** A system Benhan sends HL7 v2 to (HL7_LIS_*, HL7_PACS_*). */
export interface Hl7DestinationOptions {
  readonly name: InterfaceDestinationName;
  readonly host: string;
  readonly port: number;
  /** MLLP over TLS; `ca` (PEM) when the destination's certificate is not signed by a CA the system trusts. */
  readonly tls: false | { readonly ca?: string };
  /** OML^O21 or ORM^O01 for the LIS; the PACS/RIS always gets ORM^O01. */
  readonly orderMessage: InterfaceOrderMessage;
  /** MSH-5 / MSH-6. */
  readonly receivingApplication: string;
  readonly receivingFacility: string;
}

/** How the outbox delivers (HL7_ACK_TIMEOUT_MS, HL7_MAX_ATTEMPTS, HL7_RETRY_BASE_MS, HL7_RETRY_MAX_MS, HL7_OUTBOX_POLL_MS). */
export interface Hl7OutboxOptions {
  readonly ackTimeoutMs: number;
  /** After this many attempts without AA the message is failed, for an administrator to replay. */
  readonly maxAttempts: number;
  /** The wait after the first failed attempt, doubled after each further one up to retryMaxMs. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** How often an idle sender looks for new messages. */
  readonly pollMs: number;
}

/** What the API's configuration gives the HL7 v2 module. */
export interface Hl7v2Options {
  /** Address the MLLP listener binds to (MLLP_HOST). */
  readonly host: string;
  /** MLLP_PORT; 0: any free port (the one chosen is logged). */
  readonly port: number;
  /** MLLP over TLS on the listener (MLLP_TLS_CERT, MLLP_TLS_KEY: PEM files); null: plain TCP. */
  readonly tls: { readonly cert: string; readonly key: string } | null;
  /** The PACS viewer's URL for a study, `{uid}` standing for the Study Instance UID. */
  readonly pacsViewerUrl: string;
  /** MSH-3 of what Benhan sends. */
  readonly sendingApplication: string;
  /** The configured destinations; none: orders and movements are not sent over HL7 v2. */
  readonly destinations: readonly Hl7DestinationOptions[];
  readonly outbox: Hl7OutboxOptions;
}

export const HL7V2_OPTIONS = Symbol('HL7V2_OPTIONS');
