import { randomBytes } from 'node:crypto';
import { BENHAN_CHARSET } from './charset';
import { DEFAULT_DELIMITERS, encodingCharacters } from './delimiters';
import { escapeText } from './escape';
import { Hl7ParseError } from './hl7.errors';
import { Hl7Message } from './message';
import { formatHl7Timestamp } from './timestamp';

/** A leaf: text is escaped, a Date becomes DTM with +0700, null/undefined are empty. Write `'""'` for HL7's explicit null. */
export type Hl7Value = string | number | Date | null | undefined;
/** An array here is the component's sub-components. */
export type Hl7ComponentInput = Hl7Value | readonly Hl7Value[];
/** An array here is the field's components. */
export type Hl7RepetitionInput = Hl7Value | readonly Hl7ComponentInput[];
export interface Hl7RepeatedInput {
  readonly repetitions: readonly Hl7RepetitionInput[];
}
export type Hl7FieldInput = Hl7RepetitionInput | Hl7RepeatedInput;

/** Marks a repeating field: `repeat(['123', '', '', 'BV', 'MR'], ['079…', '', '', 'BCA', 'NNVN'])`. */
export function repeat(...repetitions: Hl7RepetitionInput[]): Hl7RepeatedInput {
  return { repetitions };
}

export const BENHAN_HL7_VERSION = '2.5.1';

export interface Hl7HeaderInput {
  readonly sendingApplication: Hl7FieldInput;
  readonly sendingFacility?: Hl7FieldInput;
  readonly receivingApplication?: Hl7FieldInput;
  readonly receivingFacility?: Hl7FieldInput;
  /** MSH-9: `{ code: 'ORU', trigger: 'R01', structure: 'ORU_R01' }`. */
  readonly messageType: { readonly code: string; readonly trigger: string; readonly structure?: string };
  /** MSH-10; a fresh 20-character id when absent. */
  readonly controlId?: string;
  /** MSH-11; default P (production). */
  readonly processingId?: string;
  /** MSH-7; default now. */
  readonly dateTime?: Date;
  /** MSH-15 / MSH-16 (table 0155: AL, NE, ER, SU); empty when absent, which means original acknowledgement mode. */
  readonly acceptAckType?: string;
  readonly applicationAckType?: string;
}

/** A fresh MSH-10: 20 hex characters (MSH-10 is ST(20) in 2.5.1), random so that two processes never collide. */
export function newControlId(): string {
  return randomBytes(10).toString('hex').toUpperCase();
}

/**
 * Writes HL7 v2.5.1 with the standard delimiters and `MSH-18 UNICODE UTF-8`. Values given are escaped; trailing empty fields,
 * repetitions and components are left out, as the standard allows.
 *
 * ```ts
 * new Hl7MessageBuilder({ sendingApplication: 'BENHAN', messageType: { code: 'ORM', trigger: 'O01' } })
 *   .segment('PID', ['1', '', repeat(['BN0001', '', '', 'BENHAN', 'MR']), '', ['NGUYỄN', 'THỊ HƯỜNG']])
 *   .toBuffer();
 * ```
 */
export class Hl7MessageBuilder {
  private readonly lines: string[] = [];
  readonly controlId: string;

  constructor(header: Hl7HeaderInput) {
    this.controlId = header.controlId ?? newControlId();
    const t = header.messageType;
    const fields: Hl7FieldInput[] = [
      header.sendingApplication,
      header.sendingFacility,
      header.receivingApplication,
      header.receivingFacility,
      header.dateTime ?? new Date(),
      '',
      [t.code, t.trigger, t.structure],
      this.controlId,
      header.processingId ?? 'P',
      BENHAN_HL7_VERSION,
      '',
      '',
      header.acceptAckType,
      header.applicationAckType,
      '',
      BENHAN_CHARSET,
    ];
    const d = DEFAULT_DELIMITERS;
    this.lines.push(`MSH${d.field}${encodingCharacters(d)}${d.field}${trimEnd(fields.map((f) => writeField(f))).join(d.field)}`);
  }

  /** Appends a segment; `fields[0]` is field 1. */
  segment(name: string, fields: readonly Hl7FieldInput[]): this {
    if (!/^[A-Z][A-Z0-9]{2}$/.test(name) || name === 'MSH') throw new Hl7ParseError('BAD_SEGMENT_NAME', JSON.stringify(name));
    const written = trimEnd(fields.map((f) => writeField(f)));
    this.lines.push([name, ...written].join(DEFAULT_DELIMITERS.field));
    return this;
  }

  toString(): string {
    return this.lines.map((l) => `${l}\r`).join('');
  }

  toBuffer(): Buffer {
    return Buffer.from(this.toString(), 'utf8');
  }

  build(): Hl7Message {
    return Hl7Message.parse(this.toBuffer());
  }
}

function writeField(value: Hl7FieldInput): string {
  const d = DEFAULT_DELIMITERS;
  if (isRepeated(value)) return trimEnd(value.repetitions.map(writeRepetition)).join(d.repetition);
  return writeRepetition(value);
}

function writeRepetition(value: Hl7RepetitionInput): string {
  if (!Array.isArray(value)) return writeLeaf(value as Hl7Value);
  return trimEnd((value as readonly Hl7ComponentInput[]).map(writeComponent)).join(DEFAULT_DELIMITERS.component);
}

function writeComponent(value: Hl7ComponentInput): string {
  if (!Array.isArray(value)) return writeLeaf(value as Hl7Value);
  return trimEnd((value as readonly Hl7Value[]).map(writeLeaf)).join(DEFAULT_DELIMITERS.subComponent);
}

function writeLeaf(value: Hl7Value): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return formatHl7Timestamp(value);
  return escapeText(String(value), DEFAULT_DELIMITERS);
}

function isRepeated(value: Hl7FieldInput): value is Hl7RepeatedInput {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function trimEnd(parts: string[]): string[] {
  let end = parts.length;
  while (end > 0 && parts[end - 1] === '') end--;
  return parts.slice(0, end);
}
