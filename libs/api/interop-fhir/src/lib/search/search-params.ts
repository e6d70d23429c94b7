import { FhirError } from '../fhir.errors';

export type SearchParamType = 'token' | 'date' | 'reference' | 'string' | 'number' | 'uri';

/** One search parameter a provider supports; the CapabilityStatement publishes exactly these. */
export interface SearchParamDefinition {
  name: string;
  type: SearchParamType;
  documentation: string;
  /** Modifiers accepted besides none (e.g. `exact` and `contains` for strings). */
  modifiers?: readonly string[];
}

/** A search parameter as given: `values` are the OR-ed comma-separated values; repeating the parameter ANDs. */
export interface SearchClause {
  name: string;
  modifier: string | null;
  values: string[];
}

export interface ParsedSearch {
  clauses: SearchClause[];
  count: number;
  offset: number;
  /** `_total` as given (absent: the default, an exact total only when it costs nothing; see SqlSearch.page). */
  totalMode?: TotalMode;
  /** `_cursor`: the page starts after this key (types that declare CURSOR_PARAM; see SqlSearch.union). */
  cursor?: SearchCursor;
  /** Unknown parameters dropped because the client asked for `Prefer: handling=lenient`. */
  ignored: string[];
  /** The accepted parameters in their original order, for the Bundle's self and paging links. */
  echo: [string, string][];
}

/** FHIR `_total`: whether the searchset Bundle must carry the number of matches. */
export const TOTAL_MODES = ['none', 'estimate', 'accurate'] as const;
export type TotalMode = (typeof TOTAL_MODES)[number];

export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 200;

/**
 * Where a keyset page starts: after the row with this sort time and id. Offsets make deep pages cost every row before them
 * (the 500th page of a patient's results reads 10,000 rows); a key lets the index start at the page.
 */
export interface SearchCursor {
  /** The sort time of the last row of the previous page, ISO 8601 in UTC with microseconds (the database's precision). */
  at: string;
  id: string;
  /** As given, for the self link. */
  token: string;
}

/** Declared by the types whose searches page by key (their next links carry `_cursor` instead of `_offset`). */
export const CURSOR_PARAM: SearchParamDefinition = {
  name: '_cursor',
  type: 'string',
  documentation: 'Opaque: where the next page starts. The next links carry it instead of _offset (a deep page costs no more than the first); not combined with _offset',
};

const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`).toString('base64url');
}

/** The key of a `_cursor` value, or null when it is not one this server wrote. */
export function decodeCursor(token: string): SearchCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(token)) return null;
  const [at, id, extra] = Buffer.from(token, 'base64url').toString().split('|');
  if (extra !== undefined || !at || !id || !CURSOR_AT.test(at) || !isUuid(id)) return null;
  // A real instant (Date would roll 30 February over to March; PostgreSQL would refuse it).
  const date = new Date(at);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 19) !== at.slice(0, 19)) return null;
  return { at, id: id.toLowerCase(), token };
}

/** Result-control parameters handled by the facade itself, for every resource type. */
export const CONTROL_PARAMS: readonly SearchParamDefinition[] = [
  { name: '_count', type: 'number', documentation: `Page size (default ${DEFAULT_COUNT}, at most ${MAX_COUNT}; 0 gives the total only)` },
  { name: '_offset', type: 'number', documentation: 'Number of matches to skip (the paging links carry it)' },
  {
    name: '_total',
    type: 'token',
    documentation:
      'accurate: Bundle.total counts every match; none: no total; estimate or absent: the total only when the page reaches the last match (then it is exact), otherwise omitted and the next link tells that more follow. _count=0 counts unless _total=none',
  },
];
const FORMAT_PARAMS = ['_format', '_pretty'];
const JSON_FORMATS = ['json', 'application/json', 'application/fhir+json', 'application/json+fhir'];

/**
 * Parse a search's query string against the parameters a resource type declares. Strict by default: an
 * unknown parameter, an unsupported modifier or a malformed value is a 400 naming the parameter; with
 * `lenient`, unknown parameters are dropped (and listed in `ignored`), bad values still fail.
 */
export function parseSearch(query: URLSearchParams, declared: readonly SearchParamDefinition[], lenient: boolean): ParsedSearch {
  const byName = new Map(declared.map((d) => [d.name, d]));
  const parsed: ParsedSearch = { clauses: [], count: DEFAULT_COUNT, offset: 0, ignored: [], echo: [] };
  for (const [key, value] of query) {
    const [name, modifier = null] = key.split(':', 2);
    if (name === '_count' || name === '_offset') {
      const n = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
      if (Number.isNaN(n) || modifier) throw new FhirError('invalid_search_parameter', `${key} must be a non-negative integer, not "${value}"`, [key]);
      if (name === '_count') parsed.count = Math.min(n, MAX_COUNT);
      else parsed.offset = n;
      continue;
    }
    if (name === '_total') {
      if (modifier || !(TOTAL_MODES as readonly string[]).includes(value)) throw new FhirError('invalid_search_parameter', `${key} must be one of ${TOTAL_MODES.join(', ')}, not "${value}"`, [key]);
      parsed.totalMode = value as TotalMode;
      continue;
    }
    if (name === '_cursor' && byName.has(name)) {
      const cursor = modifier ? null : decodeCursor(value);
      if (!cursor) throw new FhirError('invalid_search_parameter', `${key} is not a cursor of this server (take it from a next link)`, [key]);
      parsed.cursor = cursor;
      continue;
    }
    if (FORMAT_PARAMS.includes(name)) {
      // An unencoded '+' arrives as a space (application/fhir json).
      if (name === '_format' && !JSON_FORMATS.includes(value.split(';')[0].trim().replace(/ /g, '+'))) {
        throw new FhirError('unsupported_format', `Only JSON is supported (_format=${value})`, ['_format']);
      }
      continue;
    }
    const definition = byName.get(name);
    if (!definition) {
      if (lenient) {
        parsed.ignored.push(key);
        continue;
      }
      throw new FhirError('unknown_search_parameter', `Unknown search parameter "${name}"; supported: ${[...byName.keys(), ...CONTROL_PARAMS.map((c) => c.name)].join(', ')}`, [name]);
    }
    if (modifier && !definition.modifiers?.includes(modifier)) {
      throw new FhirError('unknown_search_parameter', `Search parameter "${name}" does not support the modifier :${modifier}`, [key]);
    }
    const values = value.split(/(?<!\\),/).map((v) => v.replace(/\\,/g, ','));
    if (values.some((v) => v === '')) throw new FhirError('invalid_search_parameter', `Search parameter "${key}" has an empty value`, [key]);
    parsed.clauses.push({ name, modifier, values });
    parsed.echo.push([key, value]);
  }
  if (parsed.cursor && parsed.offset) throw new FhirError('invalid_search_parameter', '_cursor and _offset cannot be combined: a cursor already says where the page starts', ['_offset']);
  return parsed;
}

const DATE_VALUE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;
const DATE_PREFIXES = ['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb'] as const;
export type DatePrefix = (typeof DATE_PREFIXES)[number];

/** A date search value: the prefix and the half-open interval [start, end) its precision covers. */
export interface DateRange {
  prefix: DatePrefix;
  start: Date;
  end: Date;
}

export function parseDate(name: string, raw: string): DateRange {
  const prefix = (DATE_PREFIXES as readonly string[]).includes(raw.slice(0, 2)) ? (raw.slice(0, 2) as DatePrefix) : 'eq';
  const text = prefix === 'eq' && !raw.startsWith('eq') ? raw : raw.slice(2);
  const m = DATE_VALUE.exec(text);
  const fail = () => new FhirError('invalid_search_parameter', `Search parameter "${name}" has an invalid date "${raw}"`, [name]);
  if (!m) throw fail();
  const [, y, mo, d, h, mi, s, , tz] = m;
  if (h !== undefined && mi === undefined) throw fail();
  const zone = tz ?? 'Z';
  let start: Date;
  let end: Date;
  if (h !== undefined) {
    start = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${m[7] ? '.' + m[7] : ''}${zone}`);
    end = new Date(start.getTime() + (s === undefined ? 60_000 : 1000));
  } else if (d !== undefined) {
    start = new Date(Date.UTC(+y, +mo - 1, +d));
    end = new Date(Date.UTC(+y, +mo - 1, +d + 1));
    if (start.getUTCDate() !== +d) throw fail();
  } else if (mo !== undefined) {
    if (+mo < 1 || +mo > 12) throw fail();
    start = new Date(Date.UTC(+y, +mo - 1, 1));
    end = new Date(Date.UTC(+y, +mo, 1));
  } else {
    start = new Date(Date.UTC(+y, 0, 1));
    end = new Date(Date.UTC(+y + 1, 0, 1));
  }
  if (Number.isNaN(start.getTime())) throw fail();
  return { prefix, start, end };
}

/** A token search value: `code`, `system|code`, `|code` (no system) or `system|` (any code of the system). */
export interface Token {
  system: string | null | undefined;
  code: string | null;
}

export function parseToken(raw: string): Token {
  const bar = raw.indexOf('|');
  if (bar < 0) return { system: undefined, code: raw };
  const system = raw.slice(0, bar);
  const code = raw.slice(bar + 1);
  return { system: system === '' ? null : system, code: code === '' ? null : code };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * The id a reference search value points to (`Patient/123`, `123`, or an absolute URL ending in
 * `Patient/123`), or null when it names another type or cannot be one of our ids (then nothing matches).
 */
export function referenceId(raw: string, type: string): string | null {
  const parts = raw.split('/');
  const id = parts[parts.length - 1];
  if (parts.length > 1 && parts[parts.length - 2] !== type) return null;
  return isUuid(id) ? id.toLowerCase() : null;
}
