import { decodeHexBytes, decodeHl7Bytes, encodeHl7Text, type Hl7Encoding } from './charset';
import { type Hl7Delimiters, readDelimiters } from './delimiters';
import { unescapeText } from './escape';
import { Hl7ParseError } from './hl7.errors';
import { type Hl7Path, parseHl7Path } from './path';

/** A field read back as structure: a string, components (an array whose items may be sub-component arrays), or repetitions. */
export type Hl7ComponentValue = string | readonly string[];
export type Hl7RepetitionValue = string | readonly Hl7ComponentValue[];
export interface Hl7Repeated {
  readonly repetitions: readonly Hl7RepetitionValue[];
}
export type Hl7StructuredValue = Hl7RepetitionValue | Hl7Repeated;

export interface Hl7GetOptions {
  /** Which occurrence of the segment, 0-based as in `segments(name)`; default 0. */
  readonly segmentIndex?: number;
}

interface Hl7Context {
  readonly delimiters: Hl7Delimiters;
  readonly encoding: Hl7Encoding;
}

const SEGMENT_NAME = /^[A-Z][A-Z0-9]{2}$/;

/** One segment. Fields are kept as sent (escaped) so that `toString()` gives back the input byte for byte. */
export class Hl7Segment {
  /** @param fields raw field texts by HL7 number: [0] is the name; for MSH, [1] is the field separator and [2] MSH-2. */
  constructor(
    private readonly fields: readonly string[],
    private readonly context: Hl7Context,
  ) {}

  get name(): string {
    return this.fields[0];
  }

  /** The number of the last field present (trailing empty fields included, as sent). */
  get fieldCount(): number {
    return this.fields.length - 1;
  }

  /** A field's text as sent: delimiters and escape sequences untouched. */
  raw(field: number): string {
    return this.fields[field] ?? '';
  }

  /** How many repetitions a field has (0 when empty). */
  repetitionCount(field: number): number {
    const raw = this.raw(field);
    if (raw === '') return 0;
    return this.isLiteral(field) ? 1 : raw.split(this.context.delimiters.repetition).length;
  }

  /**
   * The unescaped text at `path` (`'3[2].1'`, or a full path such as `'PID-3[2].1'` naming this segment). A path that stops above
   * the leaves reads the first component / sub-component, as the standard reads a composite where a primitive is expected
   * (`MSH-12` of `2.3.1^AUS` is `2.3.1`). Absent parts read as ''.
   */
  get(path: string | Hl7Path): string {
    const p = typeof path === 'string' ? this.resolve(path) : path;
    if (this.isLiteral(p.field)) return p.repetition === 1 && (p.component ?? 1) === 1 && (p.subComponent ?? 1) === 1 ? this.raw(p.field) : '';
    const d = this.context.delimiters;
    const repetition = this.raw(p.field).split(d.repetition)[p.repetition - 1] ?? '';
    const component = repetition.split(d.component)[(p.component ?? 1) - 1] ?? '';
    const leaf = d.subComponent ? (component.split(d.subComponent)[(p.subComponent ?? 1) - 1] ?? '') : (p.subComponent ?? 1) === 1 ? component : '';
    return this.unescape(leaf);
  }

  /** A whole field as structure, unescaped: feed it to `Hl7MessageBuilder` to copy a field into a message with other delimiters. */
  value(field: number): Hl7StructuredValue {
    const raw = this.raw(field);
    if (this.isLiteral(field)) return raw;
    const d = this.context.delimiters;
    const repetitions = raw.split(d.repetition).map((rep): Hl7RepetitionValue => {
      const components = rep.split(d.component).map((c): Hl7ComponentValue => {
        const subs = d.subComponent ? c.split(d.subComponent) : [c];
        return subs.length === 1 ? this.unescape(subs[0]) : subs.map((s) => this.unescape(s));
      });
      // One plain component reads as the field's text; one with sub-components stays a list of components, or it would read as components.
      return components.length === 1 && typeof components[0] === 'string' ? components[0] : components;
    });
    return repetitions.length === 1 ? repetitions[0] : { repetitions };
  }

  toString(): string {
    const sep = this.context.delimiters.field;
    return this.name === 'MSH' ? `MSH${sep}${this.fields.slice(2).join(sep)}` : this.fields.join(sep);
  }

  private resolve(path: string): Hl7Path {
    if (/^\d/.test(path)) return parseHl7Path(`${this.name}-${path}`);
    const p = parseHl7Path(path);
    if (p.segment !== this.name) throw new Hl7ParseError('BAD_PATH', `${path} does not address a ${this.name} segment`);
    return p;
  }

  /** MSH-1 and MSH-2 hold the delimiters themselves: never split or unescaped. */
  private isLiteral(field: number): boolean {
    return this.name === 'MSH' && (field === 1 || field === 2);
  }

  private unescape(text: string): string {
    return unescapeText(text, this.context.delimiters, (bytes) => decodeHexBytes(bytes, this.context.encoding));
  }
}

export interface Hl7MessageType {
  readonly code: string;
  readonly trigger: string;
  readonly structure: string;
}

export interface Hl7ParseOptions {
  /** Read only the MSH segment: enough to acknowledge a message whose body does not parse. */
  readonly headerOnly?: boolean;
}

/**
 * An HL7 v2 message (v2.3–2.5.1 read; Benhan writes 2.5.1). Segments are separated by CR; LF and CRLF are accepted on input.
 * `Hl7Message.parse(bytes)` honours MSH-18; `toBuffer()` writes the bytes back in the encoding they were read with.
 */
export class Hl7Message {
  private constructor(
    readonly segmentList: readonly Hl7Segment[],
    readonly delimiters: Hl7Delimiters,
    readonly encoding: Hl7Encoding,
    /** MSH-18 as sent (first repetition, trimmed), '' when absent. */
    readonly declaredCharset: string,
  ) {}

  static parse(input: string | Buffer, options: Hl7ParseOptions = {}): Hl7Message {
    const decoded = typeof input === 'string' ? { text: input, encoding: 'utf-8' as const, declaredCharset: undefined } : decodeHl7Bytes(input);
    // A byte-order mark or blank lines before MSH are transport noise, not content.
    const text = decoded.text.replace(/^[\uFEFF\s]+/, '');
    if (!text.startsWith('MSH')) throw new Hl7ParseError('NO_MSH', `it starts with ${JSON.stringify(text.slice(0, 8))}`);
    const delimiters = readDelimiters(text);
    const lines = text.split(/\r\n|\r|\n/).filter((line) => line !== '');
    const context: Hl7Context = { delimiters, encoding: decoded.encoding };
    const segments: Hl7Segment[] = [];
    for (const line of options.headerOnly ? lines.slice(0, 1) : lines) {
      const name = line.slice(0, 3);
      if (!SEGMENT_NAME.test(name) || (line.length > 3 && line[3] !== delimiters.field)) throw new Hl7ParseError('BAD_SEGMENT_NAME', JSON.stringify(line.slice(0, 8)));
      const fields = line.split(delimiters.field);
      // MSH-1 is the separator itself, so MSH's split is one short: put it back so field numbers match the standard.
      segments.push(new Hl7Segment(name === 'MSH' ? ['MSH', delimiters.field, ...fields.slice(1)] : fields, context));
    }
    return new Hl7Message(segments, delimiters, decoded.encoding, decoded.declaredCharset ?? segments[0].get('MSH-18').trim());
  }

  /** The MSH segment alone, or null when not even that can be read (no MSH, unusable delimiters). */
  static parseHeader(input: string | Buffer): Hl7Message | null {
    try {
      return Hl7Message.parse(input, { headerOnly: true });
    } catch (error) {
      if (error instanceof Hl7ParseError) return null;
      throw error;
    }
  }

  /** Segments in order, all of them or those with one name. */
  segments(name?: string): Hl7Segment[] {
    return name === undefined ? [...this.segmentList] : this.segmentList.filter((s) => s.name === name);
  }

  /** The `index`-th (0-based) segment with this name. */
  segment(name: string, index = 0): Hl7Segment | undefined {
    return this.segments(name)[index];
  }

  get header(): Hl7Segment {
    return this.segmentList[0];
  }

  /** See `Hl7Segment.get`: `msg.get('PID-3[2].1')`, `msg.get('OBX-5', { segmentIndex: 2 })`. Absent segments read as ''. */
  get(path: string, options: Hl7GetOptions = {}): string {
    const p = parseHl7Path(path);
    return this.segment(p.segment, options.segmentIndex)?.get(p) ?? '';
  }

  get messageType(): Hl7MessageType {
    return { code: this.get('MSH-9.1'), trigger: this.get('MSH-9.2'), structure: this.get('MSH-9.3') };
  }

  /** MSH-12.1: `2.3.1` also when MSH-12 is a composite with an international code. */
  get version(): string {
    return this.get('MSH-12.1');
  }

  get controlId(): string {
    return this.get('MSH-10');
  }

  /** Segments joined and ended by CR, the wire format. */
  toString(): string {
    return this.segmentList.map((s) => `${s}\r`).join('');
  }

  toBuffer(): Buffer {
    return encodeHl7Text(this.toString(), this.encoding);
  }
}
