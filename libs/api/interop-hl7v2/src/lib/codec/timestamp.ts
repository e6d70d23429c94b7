import { Hl7ParseError } from './hl7.errors';

/** Viet Nam's offset (Asia/Ho_Chi_Minh has no daylight saving): assumed for timestamps that carry none, and written on ours. */
export const VIETNAM_OFFSET = '+0700';

const DTM = /^(\d{4})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:\.(\d{1,4}))?)?)?)?)?)?([+-]\d{4})?$/;

export interface Hl7TimestampOptions {
  /** Offset assumed when the value has none; default +0700. */
  readonly defaultOffset?: string;
}

/**
 * Reads an HL7 DTM/TS value `YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]` (TS's degree-of-precision component, if any, is
 * ignored). Missing parts are the start of the period (`2024` is 1 January 2024 00:00). Returns undefined for an empty value
 * (also the explicit null `""`); throws Hl7ParseError for anything else that is not a real date.
 */
export function parseHl7Timestamp(value: string, options: Hl7TimestampOptions = {}): Date | undefined {
  const text = value.split('^')[0].trim();
  if (text === '' || text === '""') return undefined;
  const m = DTM.exec(text);
  if (!m) throw new Hl7ParseError('BAD_TIMESTAMP', JSON.stringify(value));
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', fraction = '', zone] = m;
  const offset = parseOffset(zone ?? options.defaultOffset ?? VIETNAM_OFFSET, value);
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, Math.round(Number(`0.${fraction || '0'}`) * 1000));
  const check = new Date(utc);
  // Date.UTC rolls 31 February over into March; a message that says so is wrong, not a date in March.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw new Hl7ParseError('BAD_TIMESTAMP', JSON.stringify(value));
  }
  return new Date(utc - offset * 60_000);
}

export interface Hl7FormatOptions {
  /** Default +0700. */
  readonly offset?: string;
  /** Add milliseconds (`.SSS`); default false. */
  readonly milliseconds?: boolean;
  /** Date only (`YYYYMMDD`), e.g. a birth date; default false. */
  readonly dateOnly?: boolean;
}

/** Writes a Date as HL7 DTM in the given offset: `20261128153000+0700`. */
export function formatHl7Timestamp(date: Date, options: Hl7FormatOptions = {}): string {
  const zone = options.offset ?? VIETNAM_OFFSET;
  const local = new Date(date.getTime() + parseOffset(zone, zone) * 60_000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const day = `${pad(local.getUTCFullYear(), 4)}${pad(local.getUTCMonth() + 1)}${pad(local.getUTCDate())}`;
  if (options.dateOnly) return day;
  const ms = options.milliseconds ? `.${pad(local.getUTCMilliseconds(), 3)}` : '';
  return `${day}${pad(local.getUTCHours())}${pad(local.getUTCMinutes())}${pad(local.getUTCSeconds())}${ms}${zone}`;
}

/** `+0700` → 420 (minutes east of UTC). */
function parseOffset(zone: string, value: string): number {
  const m = /^([+-])(\d{2})(\d{2})$/.exec(zone);
  if (!m || Number(m[2]) > 14 || Number(m[3]) > 59) throw new Hl7ParseError('BAD_TIMESTAMP', `offset in ${JSON.stringify(value)}`);
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}
