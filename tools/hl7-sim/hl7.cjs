// Just enough HL7 v2 for the LIS and PACS simulators: read what Benhan sends, write what a lab or a RIS answers.
// Deliberately independent of Benhan's codec (libs/api/interop-hl7v2/src/lib/codec): a simulator that shared the API's
// parser would agree with it by construction and could not catch a mistake in it.
'use strict';

const SEGMENT_SEPARATOR = '\r';
/** The delimiters the simulators write; what they read follows the received MSH-1/MSH-2. */
const DEFAULT_DELIMITERS = { field: '|', component: '^', repetition: '~', escape: '\\', subcomponent: '&' };

/** One segment as received: `raw(n)` gives field n as sent, `get('3[2].1.2')` the unescaped value at that 1-based path. */
class Segment {
  /**
   * @param {string} text
   * @param {typeof DEFAULT_DELIMITERS} delimiters
   */
  constructor(text, delimiters) {
    this.text = text;
    this.delimiters = delimiters;
    const parts = text.split(delimiters.field);
    this.name = parts[0];
    // fields[n] is HL7 field n. MSH-1 is the field separator itself, so MSH's fields shift by one.
    this.fields = this.name === 'MSH' ? ['MSH', delimiters.field, ...parts.slice(1)] : parts;
  }

  /** Field n exactly as sent (escapes and delimiters kept), '' when absent. */
  raw(n) {
    return this.fields[n] ?? '';
  }

  repetitionCount(n) {
    const raw = this.raw(n);
    return raw === '' ? 0 : raw.split(this.delimiters.repetition).length;
  }

  /** `5`, `3.1`, `3[2].1`, `2.2.1`: field[repetition].component.subcomponent, 1-based, unescaped. */
  get(path) {
    const match = /^(\d+)(?:\[(\d+)\])?(?:\.(\d+))?(?:\.(\d+))?$/.exec(String(path));
    if (!match) throw new Error(`Not a field path: ${path}`);
    const [, field, repetition, component, subcomponent] = match;
    let value = this.raw(Number(field));
    // MSH-2 holds the delimiters themselves: never split it.
    if (this.name === 'MSH' && Number(field) <= 2) return value;
    value = value.split(this.delimiters.repetition)[Number(repetition ?? 1) - 1] ?? '';
    if (component) value = value.split(this.delimiters.component)[Number(component) - 1] ?? '';
    if (subcomponent) value = value.split(this.delimiters.subcomponent)[Number(subcomponent) - 1] ?? '';
    return unescape(value, this.delimiters);
  }
}

class Message {
  /** @param {string} text */
  constructor(text) {
    const lines = text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '');
    if (!lines.length || !lines[0].startsWith('MSH') || lines[0].length < 8) throw new Error('The message does not start with an MSH segment');
    const header = lines[0];
    const [component, repetition, escape, subcomponent] = header.slice(4, 8);
    this.delimiters = { field: header[3], component, repetition, escape, subcomponent: subcomponent ?? '&' };
    this.text = text;
    this.segments = lines.map((line) => new Segment(line, this.delimiters));
  }

  /** The first segment with this name (or the nth), or undefined. */
  segment(name, occurrence = 1) {
    return this.segments.filter((s) => s.name === name)[occurrence - 1];
  }

  all(name) {
    return this.segments.filter((s) => s.name === name);
  }

  /** 'MSH-10', 'PID-3[2].1': a value of the first segment with that name. */
  get(path) {
    const [name, rest] = path.split('-');
    return this.segment(name)?.get(rest) ?? '';
  }

  get controlId() {
    return this.get('MSH-10');
  }

  /** MSH-9 as `ORU^R01` (the structure, MSH-9.3, left out). */
  get type() {
    return [this.get('MSH-9.1'), this.get('MSH-9.2')].filter(Boolean).join('^');
  }
}

function unescape(value, d = DEFAULT_DELIMITERS) {
  if (!value.includes(d.escape)) return value;
  const named = { F: d.field, S: d.component, T: d.subcomponent, R: d.repetition, E: d.escape, '.br': '\n' };
  const e = d.escape.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  // \Xhh…\ is bytes in hex (UTF-8 here); any other sequence is kept as sent.
  return value.replace(new RegExp(`${e}(F|S|T|R|E|\\.br|X[0-9A-Fa-f]+)${e}`, 'g'), (_, code) => named[code] ?? Buffer.from(code.slice(1), 'hex').toString('utf8'));
}

/** Text as an HL7 value with the default delimiters: each delimiter character becomes its escape sequence. */
function escape(value) {
  return String(value ?? '')
    .replace(/\\/g, '\\E\\')
    .replace(/\|/g, '\\F\\')
    .replace(/\^/g, '\\S\\')
    .replace(/&/g, '\\T\\')
    .replace(/~/g, '\\R\\')
    .replace(/\r\n|\r|\n/g, '\\.br\\');
}

/** A field value copied as it was received (already escaped, components kept). */
function raw(text) {
  return { raw: text };
}

/** Several repetitions of a field. */
function repeat(...values) {
  return { repeat: values };
}

/**
 * One field from a value: a string is escaped, an array is components (an array inside it, sub-components), `raw()`
 * is kept as is, `repeat()` is repetitions; trailing empty components are dropped as HL7 writers do.
 */
function encodeField(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'raw' in value) return value.raw;
  if (typeof value === 'object' && 'repeat' in value) return value.repeat.map(encodeField).join('~');
  if (Array.isArray(value)) {
    return value
      .map((component) => (Array.isArray(component) ? component.map(escape).join('&').replace(/&+$/, '') : encodeField(component)))
      .join('^')
      .replace(/\^+$/, '');
  }
  return escape(value);
}

/** `segment('OBX', { 1: '1', 2: 'NM', 3: ['718-7', 'Hemoglobin', 'LN'] })`: fields by their 1-based number. */
function segment(name, fields) {
  const numbers = Object.keys(fields).map(Number);
  const last = numbers.length ? Math.max(...numbers) : 0;
  const parts = [name];
  for (let n = 1; n <= last; n++) parts.push(encodeField(fields[n]));
  // Trailing empty fields are left out, as HL7 writers do (MSA|AA|id, not MSA|AA|id|).
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts.join('|');
}

/** MSH with the default delimiters, v2.5.1 and MSH-18 UNICODE UTF-8; `fields` from MSH-3 on. */
function header(fields) {
  const rest = segment('MSH', { 12: '2.5.1', 18: 'UNICODE UTF-8', ...fields });
  // segment() wrote 'MSH|||<MSH-3>…' (fields 1 and 2 empty); in MSH the first '|' is MSH-1 and MSH-2 the delimiters.
  return `MSH|^~\\&|${rest.slice('MSH|||'.length)}`;
}

/** DTM as Vietnam writes it: local time (+0700, no daylight saving) with the offset. */
function timestamp(date) {
  const local = new Date(date.getTime() + 7 * 3600_000);
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${local.getUTCFullYear()}${pad(local.getUTCMonth() + 1)}${pad(local.getUTCDate())}${pad(local.getUTCHours())}${pad(local.getUTCMinutes())}${pad(local.getUTCSeconds())}+0700`;
}

module.exports = { DEFAULT_DELIMITERS, SEGMENT_SEPARATOR, Message, Segment, escape, unescape, raw, repeat, segment, header, timestamp };
