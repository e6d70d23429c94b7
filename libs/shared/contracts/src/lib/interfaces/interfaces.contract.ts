/**
 * The interface message log (issue 9): every HL7 v2 message exchanged with the LIS and PACS, kept with its raw text and its
 * acknowledgement. Inbound ORU^R01 today; outbound orders and ADT will be logged here too.
 */

export type InterfaceMessageDirection = 'inbound' | 'outbound';
/**
 * accepted: stored and acknowledged AA. quarantined: understood but not stored (AE), waiting for an administrator to fix
 * and replay it. rejected: not accepted at all (AR: unreadable, not ORU^R01, unknown sender). replayed: a quarantined
 * message whose replay was later accepted.
 */
export type InterfaceMessageStatus = 'accepted' | 'quarantined' | 'rejected' | 'replayed';
export type InterfaceAckCode = 'AA' | 'AE' | 'AR';

export const INTERFACE_MESSAGE_DIRECTIONS: readonly InterfaceMessageDirection[] = ['inbound', 'outbound'];
export const INTERFACE_MESSAGE_STATUSES: readonly InterfaceMessageStatus[] = ['accepted', 'quarantined', 'rejected', 'replayed'];

export interface InterfaceMessageSummary {
  id: string;
  direction: InterfaceMessageDirection;
  status: InterfaceMessageStatus;
  /** MSH-9 as `ORU^R01` ('' when unreadable). */
  messageType: string;
  /** MSH-10. */
  controlId: string;
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
  /** Why it was quarantined or rejected (MSA-3 / ERR-8). */
  reason: string | null;
  /** ERR-2 of the answer, e.g. `OBX^3^6`. */
  errorLocation: string | null;
  receivedAt: string;
  processedAt: string;
  statusChangedAt: string | null;
  /** On a replay: the quarantined message it replays. */
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
  /** The acknowledgement sent back. */
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
  limit?: number;
  offset?: number;
}

export interface ReplayInterfaceMessageRequest {
  /** The message edited by the administrator (segments separated by CR or line breaks); absent: replayed as received. */
  text?: string | null;
}

export interface ReplayInterfaceMessageResponse {
  /** The new attempt, logged and linked to the original. */
  attempt: InterfaceMessageDetail;
  /** The original, `replayed` when the attempt was accepted. */
  original: InterfaceMessageDetail;
}
