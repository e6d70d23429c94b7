import type { Hl7Delimiters } from './delimiters';

/** Turns the bytes of a `\Xhh…\` escape into text; the message's charset decides (UTF-8 unless MSH-18 says otherwise). */
export type Hl7HexDecoder = (bytes: Buffer) => string;

const utf8Hex: Hl7HexDecoder = (bytes) => bytes.toString('utf8');

/**
 * Replaces the escape sequences of HL7 v2 (chapter 2.7) in one leaf value. `\F\ \S\ \T\ \R\ \E\` give back the delimiters,
 * `\Xhh…\` bytes in the message's charset, `\.br\` a line break ("\n", FT text). Anything else (highlighting `\H\`, charset
 * switches, `\.sp\`, malformed or unterminated sequences) is kept literally: losing text is worse than showing a code.
 */
export function unescapeText(text: string, d: Hl7Delimiters, hex: Hl7HexDecoder = utf8Hex): string {
  const esc = d.escape;
  if (!esc || !text.includes(esc)) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf(esc, i);
    if (start === -1) break;
    const end = text.indexOf(esc, start + 1);
    if (end === -1) break;
    out += text.slice(i, start);
    const decoded = decodeSequence(text.slice(start + 1, end), d, hex);
    if (decoded === undefined) {
      // Not a sequence we know: keep the opening escape character and rescan from the next one, which may open a real sequence.
      out += esc;
      i = start + 1;
    } else {
      out += decoded;
      i = end + 1;
    }
  }
  return out + text.slice(i);
}

function decodeSequence(body: string, d: Hl7Delimiters, hex: Hl7HexDecoder): string | undefined {
  switch (body) {
    case 'F':
      return d.field;
    case 'S':
      return d.component;
    case 'T':
      return d.subComponent;
    case 'R':
      return d.repetition;
    case 'E':
      return d.escape;
    case '.br':
      return '\n';
  }
  if (/^X(?:[0-9A-Fa-f]{2})+$/.test(body)) return hex(Buffer.from(body.slice(1), 'hex'));
  return undefined;
}

/**
 * Escapes a value so it can stand in a leaf of a message written with `d`. Line breaks become `\.br\` (read back as "\n"),
 * a lone carriage return `\X0D\`: a raw CR would end the segment.
 */
export function escapeText(value: string, d: Hl7Delimiters): string {
  const esc = d.escape;
  if (!esc) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === esc) out += `${esc}E${esc}`;
    else if (c === d.field) out += `${esc}F${esc}`;
    else if (c === d.component) out += `${esc}S${esc}`;
    else if (c === d.repetition) out += `${esc}R${esc}`;
    else if (c === d.subComponent) out += `${esc}T${esc}`;
    else if (c === '\n') out += `${esc}.br${esc}`;
    else if (c === '\r') {
      if (value[i + 1] === '\n') {
        out += `${esc}.br${esc}`;
        i++;
      } else out += `${esc}X0D${esc}`;
    } else out += c;
  }
  return out;
}
