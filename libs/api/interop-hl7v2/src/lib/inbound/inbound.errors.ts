import type { Hl7ErrorCode, Hl7ErrorLocation } from '../codec/ack';

/**
 * Why an inbound message is answered AE or AR, with what the ACK's ERR segment carries: the table 0357 code, where the
 * problem is (ERR-2) and a sentence for the sender's staff (MSA-3 / ERR-8).
 * - AR: not accepted at all (unreadable, not ORU^R01, no control id, unknown sender). Nothing is kept for replay.
 * - AE: understood but not stored (unknown order, patient mismatch, a test not ordered, a bad unit): quarantined.
 */
export class Hl7InboundError extends Error {
  constructor(
    readonly ack: 'AE' | 'AR',
    readonly code: Hl7ErrorCode,
    message: string,
    readonly location?: Hl7ErrorLocation,
  ) {
    super(message);
    this.name = 'Hl7InboundError';
  }

  static rejected(code: Hl7ErrorCode, message: string, location?: Hl7ErrorLocation): Hl7InboundError {
    return new Hl7InboundError('AR', code, message, location);
  }

  static error(code: Hl7ErrorCode, message: string, location?: Hl7ErrorLocation): Hl7InboundError {
    return new Hl7InboundError('AE', code, message, location);
  }
}

/** `OBX^3^6`, as ERR-2 writes it and the message log shows it. */
export function formatLocation(l: Hl7ErrorLocation | undefined): string | null {
  if (!l) return null;
  const parts = [l.segment, l.sequence, l.field, l.repetition, l.component, l.subComponent].map((p) => (p === undefined ? '' : String(p)));
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts.join('^');
}
