import { type Hl7FieldInput, Hl7MessageBuilder } from './builder';
import type { Hl7Message } from './message';

/** MSA-1 (table 0008, original mode): accept, error, reject. */
export type Hl7AckCode = 'AA' | 'AE' | 'AR';

/** HL7 table 0357, message error condition codes (v2.5.1). */
export const HL7_ERROR_CODES = {
  100: 'Segment sequence error',
  101: 'Required field missing',
  102: 'Data type error',
  103: 'Table value not found',
  200: 'Unsupported message type',
  201: 'Unsupported event code',
  202: 'Unsupported processing id',
  203: 'Unsupported version id',
  204: 'Unknown key identifier',
  205: 'Duplicate key identifier',
  206: 'Application record locked',
  207: 'Application internal error',
} as const;
export type Hl7ErrorCode = keyof typeof HL7_ERROR_CODES;

/** ERR-2 (ERL): where the error is, e.g. `{ segment: 'OBX', sequence: 3, field: 5 }` → `OBX^3^5`. */
export interface Hl7ErrorLocation {
  readonly segment: string;
  /** Which occurrence of the segment, 1-based. */
  readonly sequence?: number;
  readonly field?: number;
  readonly repetition?: number;
  readonly component?: number;
  readonly subComponent?: number;
}

export interface Hl7AckError {
  readonly code: Hl7ErrorCode;
  readonly location?: Hl7ErrorLocation;
  /** ERR-4 (table 0516); default E. */
  readonly severity?: 'E' | 'W' | 'I' | 'F';
  /** ERR-8: what a person at the sender should read. */
  readonly userMessage?: string;
}

export interface Hl7AckOptions {
  readonly code: Hl7AckCode;
  /** MSA-3: the reason, in a line. */
  readonly text?: string;
  /** Only for AE/AR: written as the ERR segment (default code 207). */
  readonly error?: Hl7AckError;
  readonly controlId?: string;
  readonly dateTime?: Date;
  /** Used when the inbound message is unreadable (null): who we are on MSH-3/MSH-4. */
  readonly sendingApplication?: Hl7FieldInput;
  readonly sendingFacility?: Hl7FieldInput;
}

/**
 * The original-mode acknowledgement of `inbound`, in v2.5.1: sender and receiver swapped, MSH-9 `ACK^<trigger>^ACK`, a fresh
 * control id, MSA-2 = the inbound MSH-10. Works on a message parsed with `headerOnly` and, for bytes with no readable MSH at all,
 * on null (then MSA-2 is empty: there is nothing to refer to).
 */
export function buildAck(inbound: Hl7Message | null, options: Hl7AckOptions): Hl7MessageBuilder {
  const msh = inbound?.header;
  const builder = new Hl7MessageBuilder({
    sendingApplication: msh ? msh.value(5) : (options.sendingApplication ?? 'BENHAN'),
    sendingFacility: msh ? msh.value(6) : options.sendingFacility,
    receivingApplication: msh?.value(3),
    receivingFacility: msh?.value(4),
    messageType: { code: 'ACK', trigger: msh?.get('9.2') ?? '', structure: 'ACK' },
    controlId: options.controlId,
    processingId: msh?.get('11') || 'P',
    dateTime: options.dateTime,
  });
  builder.segment('MSA', [options.code, msh?.get('10') ?? '', options.text]);
  if (options.code !== 'AA') {
    const error = options.error ?? { code: 207 };
    const l = error.location;
    builder.segment('ERR', [
      '',
      l ? [l.segment, l.sequence, l.field, l.repetition, l.component, l.subComponent] : '',
      [String(error.code), HL7_ERROR_CODES[error.code], 'HL70357'],
      error.severity ?? 'E',
      '',
      '',
      '',
      error.userMessage ?? options.text,
    ]);
  }
  return builder;
}
