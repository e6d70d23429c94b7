/**
 * Byte ↔ text for HL7 v2 (MSH-18, table 0211). Benhan writes UTF-8 ("UNICODE UTF-8"). Senders that declare nothing usually mean
 * UTF-8 today, but older ones send Windows-1252 (two shared fixtures carry its "…", byte 0x85, in MSH-5): such bytes are not
 * valid UTF-8, so they are read as Windows-1252 instead of being turned into U+FFFD, and written back the same way.
 */
export type Hl7Encoding = 'utf-8' | 'latin1' | 'windows-1252';

export const BENHAN_CHARSET = 'UNICODE UTF-8';

export interface DecodedHl7 {
  readonly text: string;
  /** How the bytes were read; `Hl7Message.toBuffer()` writes them back the same way. */
  readonly encoding: Hl7Encoding;
  /** MSH-18 as sent (first repetition, trimmed), '' when absent. */
  readonly declaredCharset: string;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a whole message: MSH-18 decides; absent, blank, ASCII or unknown → UTF-8 when the bytes are valid UTF-8, else Windows-1252. */
export function decodeHl7Bytes(bytes: Buffer): DecodedHl7 {
  const declaredCharset = readMsh18(bytes);
  // 8859/1 is ISO-8859-1 proper (every byte one code point): Node's latin1, not the WHATWG label, which means Windows-1252.
  if (/^8859\/1$/i.test(declaredCharset)) return { text: bytes.toString('latin1'), encoding: 'latin1', declaredCharset };
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf-8', declaredCharset };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252', declaredCharset };
  }
}

export function encodeHl7Text(text: string, encoding: Hl7Encoding): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'latin1':
      return Buffer.from(text, 'latin1');
    case 'windows-1252':
      return encodeWindows1252(text);
  }
}

/** Decodes the bytes of a `\Xhh…\` escape in the message's encoding. */
export function decodeHexBytes(bytes: Buffer, encoding: Hl7Encoding): string {
  if (encoding === 'latin1') return bytes.toString('latin1');
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  return bytes.toString('utf8');
}

/** MSH-18 is found on the raw bytes: the header is ASCII whatever the charset, and the charset is what we are looking for. */
function readMsh18(bytes: Buffer): string {
  const head = bytes.subarray(0, Math.min(bytes.length, 4096)).toString('latin1');
  const start = head.indexOf('MSH');
  if (start === -1) return '';
  const segment = head.slice(start).split(/[\r\n]/, 1)[0];
  const fieldSeparator = segment.charAt(3);
  const repetition = segment.charAt(5);
  if (!fieldSeparator) return '';
  // split(): [0] 'MSH', [1] MSH-2, so MSH-n is at n-1.
  const msh18 = segment.split(fieldSeparator)[17] ?? '';
  return (repetition ? msh18.split(repetition)[0] : msh18).trim();
}

/** Windows-1252's 0x80–0x9F; the rest of the byte range is Latin-1. */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const CP1252_REVERSE = new Map([...CP1252_HIGH].map((c, i) => [c, 0x80 + i]));

/** Node 20's TextDecoder('windows-1252') drops 0x80–0x9F (measured: [0x41, 0x85, 0x42] → "AB"), so the table is ours. */
function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

function encodeWindows1252(text: string): Buffer {
  const out = Buffer.alloc(text.length);
  let n = 0;
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0x3f;
    const mapped = CP1252_REVERSE.get(c);
    // Characters Windows-1252 cannot carry become "?", as encoders commonly do; a message read from 1252 bytes never has any.
    out[n++] = mapped ?? (code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : 0x3f);
  }
  return out.subarray(0, n);
}
