/**
 * The interface message log (issue 9): every HL7 v2 message exchanged with the LIS and PACS, kept with its raw text and its
 * acknowledgement: ORU^R01 results in; orders (OML^O21 / ORM^O01) and patient movements (ADT) out, through the outbox.
 */

export type InterfaceMessageDirection = 'inbound' | 'outbound';
/**
 * Inbound — accepted: stored and acknowledged AA. quarantined: understood but not stored (AE), waiting for an administrator
 * to fix and replay it. rejected: not accepted at all (AR: unreadable, not ORU^R01, unknown sender).
 * Outbound — pending: in the outbox, waiting for its (next) delivery attempt. delivered: the destination answered AA (or CA).
 * failed: refused (AR) or not delivered after the last attempt, waiting for an administrator to replay it.
 * Both — replayed: a quarantined or failed message whose replay was later accepted or queued.
 */
export type InterfaceMessageStatus = 'accepted' | 'quarantined' | 'rejected' | 'pending' | 'delivered' | 'failed' | 'replayed';
export type InterfaceAckCode = 'AA' | 'AE' | 'AR';

export const INTERFACE_MESSAGE_DIRECTIONS: readonly InterfaceMessageDirection[] = ['inbound', 'outbound'];
export const INTERFACE_MESSAGE_STATUSES: readonly InterfaceMessageStatus[] = ['accepted', 'quarantined', 'rejected', 'pending', 'delivered', 'failed', 'replayed'];

/** The systems Benhan sends HL7 v2 to: the lab's LIS (lab orders) and the PACS/RIS (imaging orders); both get ADT. */
export type InterfaceDestinationName = 'lis' | 'pacs';
export const INTERFACE_DESTINATIONS: readonly InterfaceDestinationName[] = ['lis', 'pacs'];
/** How a destination takes orders: OML^O21 (v2.5 laboratory order) or the older ORM^O01. */
export type InterfaceOrderMessage = 'OML^O21' | 'ORM^O01';

export interface InterfaceMessageSummary {
  id: string;
  direction: InterfaceMessageDirection;
  status: InterfaceMessageStatus;
  /** MSH-9 as `ORU^R01` ('' when unreadable). */
  messageType: string;
  /** MSH-10. */
  controlId: string;
  /** Outbound: the destination it is (or was) sent to; null for inbound messages. */
  destination: InterfaceDestinationName | null;
  /** Outbound: delivery attempts made so far (0 for inbound). */
  attempts: number;
  /** Outbound and pending: when the next attempt is due. */
  nextAttemptAt: string | null;
  /** MSH-3.1 and MSH-4.1 as sent. */
  sendingApplication: string;
  sendingFacility: string;
  /** The registered system client (lis, pacs) the sender was recognised as; null when unknown. */
  clientId: string | null;
  patientId: string | null;
  orderId: string | null;
  /** The diagnostic reports the message recorded (one per OBR group). */
  reportIds: string[];
  ackCode: InterfaceAckCode | null;
  /** Why it was quarantined or rejected (MSA-3 / ERR-8); outbound: why the last attempt failed (the ACK's text, a timeout). */
  reason: string | null;
  /** ERR-2 of the answer, e.g. `OBX^3^6`. */
  errorLocation: string | null;
  /** Inbound: when it arrived; outbound: when it was queued (with the order or movement that caused it). */
  receivedAt: string;
  /** Inbound: when it was answered; outbound: when it was delivered or failed (null while pending). */
  processedAt: string | null;
  statusChangedAt: string | null;
  /** On a replay: the quarantined (inbound) or failed/delivered (outbound) message it replays. */
  replayOfId: string | null;
  /** On a replayed message: the replay that was accepted. */
  replacedById: string | null;
  /** Who replayed it (a replay's row), null for messages from the wire. */
  replayedBy: string | null;
}

export interface InterfaceMessageDetail extends InterfaceMessageSummary {
  /** The message as received, decoded in its charset (segments separated by CR). */
  text: string;
  /** How the raw bytes were read (MSH-18): utf-8, latin1, windows-1252. */
  encoding: string;
  /** The acknowledgement sent back (inbound) or received (outbound, the last attempt's). */
  ackText: string | null;
  /** Replays of this message, oldest first. */
  replays: InterfaceMessageSummary[];
}

export interface InterfaceMessageQuery {
  patientId?: string;
  /** MSH-9 as `ORU^R01`, or just the code (`ORU`). */
  type?: string;
  controlId?: string;
  status?: InterfaceMessageStatus;
  direction?: InterfaceMessageDirection;
  /** Outbound messages to this destination. */
  destination?: InterfaceDestinationName;
  limit?: number;
  offset?: number;
}

export interface ReplayInterfaceMessageRequest {
  /**
   * Inbound only: the message edited by the administrator (segments separated by CR or line breaks); absent: replayed as
   * received. An outbound message is replayed as it was built, under a new MSH-10 (its destination must take it again).
   */
  text?: string | null;
}

export interface ReplayInterfaceMessageResponse {
  /** The new attempt, logged and linked to the original. */
  attempt: InterfaceMessageDetail;
  /** The original, `replayed` when the attempt was accepted (inbound) or queued in place of a failed one (outbound). */
  original: InterfaceMessageDetail;
}

/** The state of the sender's connection to a destination. */
export type InterfaceConnectionState = 'connected' | 'connecting' | 'disconnected' | 'idle';

/** One configured destination with its outbox. */
export interface InterfaceDestinationStatus {
  name: InterfaceDestinationName;
  /** host:port of its MLLP listener. */
  address: string;
  tls: boolean;
  /** MSH-5 / MSH-6 Benhan writes for it. */
  receivingApplication: string;
  receivingFacility: string;
  /** How orders are sent to it (the PACS always gets ORM^O01). */
  orderMessage: InterfaceOrderMessage;
  connection: InterfaceConnectionState;
  /** The last connection or delivery error, while it lasts (null once a message is delivered again). */
  lastError: string | null;
  lastDeliveredAt: string | null;
  /** Outbox depth: messages waiting for delivery. */
  pending: number;
  /** Messages given up on, waiting for an administrator. */
  failed: number;
  /** The oldest waiting message's queue time: how far behind the destination is. */
  oldestPendingAt: string | null;
}

/** The MLLP listener taking results in. */
export interface InterfaceListenerStatus {
  host: string;
  /** The port it listens on; null when it is not started (one-shot commands, tests). */
  port: number | null;
  tls: boolean;
  /** Connections open now. */
  connections: number;
}

/** GET /api/interfaces: what an administrator watches. */
export interface InterfacesOverview {
  listener: InterfaceListenerStatus;
  /** The configured destinations (none configured: orders and movements are not sent over HL7 v2). */
  destinations: InterfaceDestinationStatus[];
  /** Inbound messages waiting in the quarantine. */
  quarantined: number;
}
