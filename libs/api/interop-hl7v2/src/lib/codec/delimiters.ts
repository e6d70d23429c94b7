import { Hl7ParseError } from './hl7.errors';

/** The separators a message declares in MSH-1 and MSH-2. A character the sender left out of MSH-2 is `undefined`: nothing splits on it. */
export interface Hl7Delimiters {
  readonly field: string;
  readonly component: string;
  readonly repetition: string;
  readonly escape: string | undefined;
  readonly subComponent: string | undefined;
  /** The v2.7 truncation character (5th MSH-2 character); kept only so MSH-2 round-trips. */
  readonly truncation: string | undefined;
}

export const DEFAULT_DELIMITERS: Hl7Delimiters = { field: '|', component: '^', repetition: '~', escape: '\\', subComponent: '&', truncation: undefined };

/** MSH-2 as written: component, repetition, escape, sub-component[, truncation]. */
export function encodingCharacters(d: Hl7Delimiters): string {
  return d.component + d.repetition + (d.escape ?? '') + (d.subComponent ?? '') + (d.truncation ?? '');
}

/** Reads MSH-1 and MSH-2 from the first segment's text (which starts with "MSH"). */
export function readDelimiters(mshText: string): Hl7Delimiters {
  const field = mshText.charAt(3);
  if (!field || /[A-Za-z0-9\r\n]/.test(field)) throw new Hl7ParseError('BAD_DELIMITERS', `MSH-1 is ${JSON.stringify(field)}`);
  const end = mshText.indexOf(field, 4);
  const msh2 = end === -1 ? mshText.slice(4) : mshText.slice(4, end);
  // Two characters is the least that still tells components from repetitions; more than five is not MSH-2. Counted by code point:
  // one astral character is two UTF-16 units but a single delimiter, which would leave the repetition separator undefined.
  const chars = [...msh2];
  if (chars.length < 2 || chars.length > 5) throw new Hl7ParseError('BAD_DELIMITERS', `MSH-2 is ${JSON.stringify(msh2)}`);
  if (new Set([field, ...chars]).size !== chars.length + 1 || chars.some((c) => /[A-Za-z0-9\s]/.test(c))) {
    throw new Hl7ParseError('BAD_DELIMITERS', `MSH-1/MSH-2 are ${JSON.stringify(field + msh2)}`);
  }
  return { field, component: chars[0], repetition: chars[1], escape: chars[2], subComponent: chars[3], truncation: chars[4] };
}
