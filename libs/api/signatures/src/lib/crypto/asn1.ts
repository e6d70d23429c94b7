/**
 * Small DER toolkit over `forge.asn1`: builders that return forge nodes, Buffer conversions, and strict readers.
 * forge works on "binary strings" (one char per byte); everything leaving this file is a Buffer.
 */
import * as forge from 'node-forge';

export type Asn1 = forge.asn1.Asn1;

const { Class, Type } = forge.asn1;
export { Class as Asn1Class, Type as Asn1Type };

/** Raised when a structure does not have the shape the reader expects. */
export class Asn1ShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Asn1ShapeError';
  }
}

const toBinary = (bytes: Buffer): string => bytes.toString('latin1');
const fromBinary = (bytes: string): Buffer => Buffer.from(bytes, 'latin1');

// @types/node-forge declares only `fromDer(bytes, strict?)`; forge 1.4.3 also takes an options object.
// decodeBitStrings: false keeps BIT STRING contents opaque, so re-encoding a parsed structure is byte-exact.
const forgeFromDer = forge.asn1.fromDer as unknown as (
  bytes: string,
  options: { strict: boolean; parseAllBytes: boolean; decodeBitStrings: boolean },
) => Asn1;

export function fromDer(der: Buffer): Asn1 {
  try {
    return forgeFromDer(toBinary(der), { strict: true, parseAllBytes: true, decodeBitStrings: false });
  } catch (e) {
    throw new Asn1ShapeError(`not DER: ${(e as Error).message}`);
  }
}

export function toDer(node: Asn1): Buffer {
  return fromBinary(forge.asn1.toDer(node).getBytes());
}

// ---------------------------------------------------------------- builders

export const seq = (items: Asn1[]): Asn1 => forge.asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, items);

/** DER SET OF: elements sorted by their encodings (X.690 11.6). */
export const setOf = (items: Asn1[]): Asn1 =>
  forge.asn1.create(
    Class.UNIVERSAL,
    Type.SET,
    true,
    items
      .map((item) => ({ item, der: toDer(item) }))
      .sort((a, b) => Buffer.compare(a.der, b.der))
      .map(({ item }) => item),
  );

export const oid = (dotted: string): Asn1 =>
  forge.asn1.create(Class.UNIVERSAL, Type.OID, false, forge.asn1.oidToDer(dotted).getBytes());

export const nullValue = (): Asn1 => forge.asn1.create(Class.UNIVERSAL, Type.NULL, false, '');

export const bool = (value: boolean): Asn1 =>
  forge.asn1.create(Class.UNIVERSAL, Type.BOOLEAN, false, String.fromCharCode(value ? 0xff : 0x00));

export const octetString = (bytes: Buffer): Asn1 =>
  forge.asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, toBinary(bytes));

/** BIT STRING with no unused bits (signatures, public keys). */
export const bitString = (bytes: Buffer): Asn1 =>
  forge.asn1.create(Class.UNIVERSAL, Type.BITSTRING, false, '\u0000' + toBinary(bytes));

export const utf8String = (text: string): Asn1 =>
  forge.asn1.create(Class.UNIVERSAL, Type.UTF8, false, toBinary(Buffer.from(text, 'utf8')));

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;
export const isPrintable = (text: string): boolean => PRINTABLE.test(text);

export const printableString = (text: string): Asn1 => {
  if (!isPrintable(text)) throw new Asn1ShapeError(`not a PrintableString: ${JSON.stringify(text)}`);
  return forge.asn1.create(Class.UNIVERSAL, Type.PRINTABLESTRING, false, text);
};

export const isAscii = (text: string): boolean => [...text].every((c) => c.charCodeAt(0) < 0x80);

export const ia5String = (text: string): Asn1 => {
  if (!isAscii(text)) throw new Asn1ShapeError('not an IA5String');
  return forge.asn1.create(Class.UNIVERSAL, Type.IA5STRING, false, text);
};

/** Minimal two's-complement INTEGER from a non-negative magnitude (big-endian bytes). */
export const unsignedInteger = (magnitude: Buffer): Asn1 => {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  let bytes = magnitude.subarray(start);
  if (bytes.length === 0) bytes = Buffer.from([0]);
  if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return forge.asn1.create(Class.UNIVERSAL, Type.INTEGER, false, toBinary(bytes));
};

export const integer = (value: number | bigint): Asn1 => {
  const n = BigInt(value);
  if (n < 0n) throw new Asn1ShapeError('negative INTEGER not supported');
  const hex = n.toString(16);
  return unsignedInteger(Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex'));
};

export const enumerated = (value: number): Asn1 =>
  forge.asn1.create(Class.UNIVERSAL, Type.ENUMERATED, false, toBinary(integerBytes(value)));

function integerBytes(value: number): Buffer {
  return primitiveBytes(integer(value));
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** GeneralizedTime in UTC, with fractional seconds only when there are milliseconds (no trailing zeros). */
export function generalizedTime(date: Date): Asn1 {
  const d = date;
  let text =
    `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
  const ms = d.getUTCMilliseconds();
  if (ms) text += `.${pad(ms, 3).replace(/0+$/, '')}`;
  return forge.asn1.create(Class.UNIVERSAL, Type.GENERALIZEDTIME, false, `${text}Z`);
}

/** RFC 5280 Time: UTCTime through 2049, GeneralizedTime from 2050; whole seconds. */
export function time(date: Date): Asn1 {
  const d = new Date(Math.floor(date.getTime() / 1000) * 1000);
  const year = d.getUTCFullYear();
  if (year >= 1950 && year < 2050) {
    const text =
      `${pad(year % 100)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
      `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
    return forge.asn1.create(Class.UNIVERSAL, Type.UTCTIME, false, text);
  }
  return generalizedTime(d);
}

/** [n] EXPLICIT: a constructed context tag wrapping one node. */
export const explicit = (tag: number, inner: Asn1): Asn1 =>
  forge.asn1.create(Class.CONTEXT_SPECIFIC, tag, true, [inner]);

/** [n] IMPLICIT over a constructed type: same children, context tag. */
export const implicitConstructed = (tag: number, children: Asn1[]): Asn1 =>
  forge.asn1.create(Class.CONTEXT_SPECIFIC, tag, true, children);

/** [n] IMPLICIT over a primitive type: raw content octets. */
export const implicitPrimitive = (tag: number, content: Buffer | string): Asn1 =>
  forge.asn1.create(Class.CONTEXT_SPECIFIC, tag, false, typeof content === 'string' ? content : toBinary(content));

/** AlgorithmIdentifier; `withNull` adds the NULL parameters RSA algorithms carry. */
export const algorithm = (dotted: string, withNull = false): Asn1 =>
  seq(withNull ? [oid(dotted), nullValue()] : [oid(dotted)]);

/** Re-tag a constructed node (e.g. [0] IMPLICIT SET OF ↔ SET OF) without touching its children. */
export const retag = (node: Asn1, tagClass: forge.asn1.Class, type: number): Asn1 =>
  forge.asn1.create(tagClass, type, true, children(node));

// ---------------------------------------------------------------- readers

export const toBuffer = (node: Asn1): Buffer => toDer(node);

export function children(node: Asn1 | undefined, what = 'structure'): Asn1[] {
  if (!node || !Array.isArray(node.value)) throw new Asn1ShapeError(`${what}: expected a constructed value`);
  return node.value;
}

export function primitiveBytes(node: Asn1 | undefined, what = 'value'): Buffer {
  if (!node || typeof node.value !== 'string') throw new Asn1ShapeError(`${what}: expected a primitive value`);
  return fromBinary(node.value);
}

export function isUniversal(node: Asn1 | undefined, type: number): boolean {
  return !!node && node.tagClass === Class.UNIVERSAL && node.type === type;
}

export function isContext(node: Asn1 | undefined, tag: number): boolean {
  return !!node && node.tagClass === Class.CONTEXT_SPECIFIC && node.type === tag;
}

export function expectUniversal(node: Asn1 | undefined, type: number, what: string): Asn1 {
  if (!node || !isUniversal(node, type)) throw new Asn1ShapeError(`${what}: unexpected tag`);
  return node;
}

export function readOid(node: Asn1 | undefined, what = 'OID'): string {
  return forge.asn1.derToOid(toBinary(primitiveBytes(expectUniversal(node, Type.OID, what), what)));
}

/** INTEGER magnitude as unsigned big-endian bytes (leading sign octet dropped). */
export function readUnsignedInteger(node: Asn1 | undefined, what = 'INTEGER'): Buffer {
  const bytes = primitiveBytes(expectUniversal(node, Type.INTEGER, what), what);
  if (bytes.length > 1 && bytes[0] === 0) return bytes.subarray(1);
  return bytes;
}

export function readSmallInteger(node: Asn1 | undefined, what = 'INTEGER'): number {
  const bytes = primitiveBytes(node, what);
  if (bytes.length > 6) throw new Asn1ShapeError(`${what}: too large`);
  return bytes.length === 0 ? 0 : bytes.readIntBE(0, bytes.length);
}

export function readOctetString(node: Asn1 | undefined, what = 'OCTET STRING'): Buffer {
  return primitiveBytes(expectUniversal(node, Type.OCTETSTRING, what), what);
}

/** BIT STRING contents without the unused-bits octet. */
export function readBitString(node: Asn1 | undefined, what = 'BIT STRING'): { bytes: Buffer; unusedBits: number } {
  const raw = primitiveBytes(expectUniversal(node, Type.BITSTRING, what), what);
  return { bytes: raw.subarray(1), unusedBits: raw[0] ?? 0 };
}

export function readTime(node: Asn1 | undefined, what = 'Time'): Date {
  if (isUniversal(node, Type.UTCTIME)) return forge.asn1.utcTimeToDate(primitiveBytes(node).toString('latin1'));
  if (isUniversal(node, Type.GENERALIZEDTIME)) return readGeneralizedTime(primitiveBytes(node).toString('latin1'));
  throw new Asn1ShapeError(`${what}: expected UTCTime or GeneralizedTime`);
}

/** GeneralizedTime "YYYYMMDDHHMMSS[.fff]Z" (forge's reader drops fractions). */
function readGeneralizedTime(text: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d+))?Z$/.exec(text);
  if (!m) return forge.asn1.generalizedTimeToDate(text);
  const [, y, mo, d, h, mi, s, frac] = m;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  return new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, ms));
}

export function readString(node: Asn1 | undefined, what = 'string'): string {
  const bytes = primitiveBytes(node, what);
  if (node?.type === Type.BMPSTRING) return bytes.swap16().toString('utf16le');
  return bytes.toString(node?.type === Type.UTF8 ? 'utf8' : 'latin1');
}
