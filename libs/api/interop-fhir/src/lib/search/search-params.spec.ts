import { FhirError } from '../fhir.errors';
import { CURSOR_PARAM, DEFAULT_COUNT, MAX_COUNT, decodeCursor, encodeCursor, parseDate, parseSearch, parseToken, referenceId, type SearchParamDefinition } from './search-params';

const PARAMS: SearchParamDefinition[] = [
  { name: '_id', type: 'token', documentation: '' },
  { name: 'name', type: 'string', documentation: '', modifiers: ['exact'] },
  { name: 'date', type: 'date', documentation: '' },
];

function error(fn: () => unknown): FhirError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FhirError) return e;
    throw e;
  }
  throw new Error('expected a FhirError');
}

describe(parseSearch.name, () => {
  it('splits OR values on commas, keeps repeats as AND clauses and reads the paging parameters', () => {
    const s = parseSearch(new URLSearchParams('name=a,b&name:exact=c&_count=5&_offset=10'), PARAMS, false);
    expect(s.clauses).toEqual([
      { name: 'name', modifier: null, values: ['a', 'b'] },
      { name: 'name', modifier: 'exact', values: ['c'] },
    ]);
    expect([s.count, s.offset]).toEqual([5, 10]);
    expect(s.echo).toEqual([
      ['name', 'a,b'],
      ['name:exact', 'c'],
    ]);
  });

  it('defaults the page size and caps it', () => {
    expect(parseSearch(new URLSearchParams(''), PARAMS, false).count).toBe(DEFAULT_COUNT);
    expect(parseSearch(new URLSearchParams('_count=100000'), PARAMS, false).count).toBe(MAX_COUNT);
  });

  it('refuses an unknown parameter with a 400 naming it (strict by default)', () => {
    const e = error(() => parseSearch(new URLSearchParams('foo=1'), PARAMS, false));
    expect([e.status, e.issueType, e.expression]).toEqual([400, 'not-supported', ['foo']]);
  });

  it('drops unknown parameters when the client asked for lenient handling, but still refuses bad values', () => {
    expect(parseSearch(new URLSearchParams('foo=1'), PARAMS, true).ignored).toEqual(['foo']);
    expect(error(() => parseSearch(new URLSearchParams('_count=-1'), PARAMS, true)).expression).toEqual(['_count']);
  });

  it('refuses an unsupported modifier and an empty value', () => {
    expect(error(() => parseSearch(new URLSearchParams('_id:missing=true'), PARAMS, false)).expression).toEqual(['_id:missing']);
    expect(error(() => parseSearch(new URLSearchParams('name=a,'), PARAMS, false)).status).toBe(400);
  });

  it('reads _total as none, estimate or accurate, leaves it unset when absent, and refuses anything else naming it', () => {
    expect(['none', 'estimate', 'accurate'].map((v) => parseSearch(new URLSearchParams(`_total=${v}`), PARAMS, false).totalMode)).toEqual(['none', 'estimate', 'accurate']);
    expect(parseSearch(new URLSearchParams('_count=0'), PARAMS, false).totalMode).toBeUndefined();
    expect(parseSearch(new URLSearchParams('_total=accurate&name=a'), PARAMS, false).echo).toEqual([['name', 'a']]);
    for (const bad of ['_total=exact', '_total=', '_total:x=none']) {
      const e = error(() => parseSearch(new URLSearchParams(bad), PARAMS, true));
      expect([e.status, e.expression]).toEqual([400, [bad.split('=')[0]]]);
    }
  });

  it('reads a _cursor the server wrote, only for types that declare it, and never with _offset', () => {
    const id = '0B0E4D3E-6F1C-4D55-9A39-2D6F0F5F5A10';
    const token = encodeCursor('2026-11-28T08:00:00.123456Z', id);
    expect(parseSearch(new URLSearchParams(`_cursor=${token}`), [...PARAMS, CURSOR_PARAM], false).cursor).toEqual({ at: '2026-11-28T08:00:00.123456Z', id: id.toLowerCase(), token });
    expect(error(() => parseSearch(new URLSearchParams(`_cursor=${token}`), PARAMS, false)).expression).toEqual(['_cursor']);
    expect(error(() => parseSearch(new URLSearchParams(`_cursor=${token}&_offset=20`), [...PARAMS, CURSOR_PARAM], false)).expression).toEqual(['_offset']);
    expect(parseSearch(new URLSearchParams(`_cursor=${token}&_offset=0`), [...PARAMS, CURSOR_PARAM], false).cursor?.id).toBe(id.toLowerCase());
    for (const bad of ['x', token + '!', encodeCursor('2026-11-28T08:00:00Z', id), encodeCursor('2026-11-28T08:00:00.123456Z', 'Patient/1'), `${token}&_cursor:x=${token}`]) {
      expect(error(() => parseSearch(new URLSearchParams(`_cursor=${bad}`), [...PARAMS, CURSOR_PARAM], true)).status).toBe(400);
    }
  });

  it('decodes only cursors of its own shape: the time with microseconds in UTC, then a uuid', () => {
    expect(decodeCursor(Buffer.from('2026-02-30T08:00:00.000000Z|0b0e4d3e-6f1c-4d55-9a39-2d6f0f5f5a10').toString('base64url'))).toBeNull();
    expect(decodeCursor(Buffer.from('2026-11-28T08:00:00.000000Z|0b0e4d3e-6f1c-4d55-9a39-2d6f0f5f5a10|1').toString('base64url'))).toBeNull();
    expect(decodeCursor('')).toBeNull();
  });

  it('accepts JSON formats and answers 406 to XML', () => {
    expect(parseSearch(new URLSearchParams('_format=application/fhir+json'), PARAMS, false).clauses).toEqual([]);
    expect(error(() => parseSearch(new URLSearchParams('_format=xml'), PARAMS, false)).status).toBe(406);
  });
});

describe(parseDate.name, () => {
  it('turns each precision into the interval it covers', () => {
    expect(parseDate('date', '2026')).toEqual({ prefix: 'eq', start: new Date('2026-01-01T00:00:00Z'), end: new Date('2027-01-01T00:00:00Z') });
    expect(parseDate('date', 'ge2026-02')).toEqual({ prefix: 'ge', start: new Date('2026-02-01T00:00:00Z'), end: new Date('2026-03-01T00:00:00Z') });
    expect(parseDate('date', 'lt2026-02-28').end).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(parseDate('date', '2026-02-28T10:15+07:00')).toEqual({ prefix: 'eq', start: new Date('2026-02-28T03:15:00Z'), end: new Date('2026-02-28T03:16:00Z') });
  });

  it('refuses impossible dates, naming the parameter', () => {
    for (const bad of ['2026-13', '2026-02-30', 'yesterday', 'xx2026', '2026-02-28T10']) {
      expect(error(() => parseDate('birthdate', bad)).expression).toEqual(['birthdate']);
    }
  });
});

describe('tokens and references', () => {
  it('reads system|code forms', () => {
    expect(parseToken('a')).toEqual({ system: undefined, code: 'a' });
    expect(parseToken('s|a')).toEqual({ system: 's', code: 'a' });
    expect(parseToken('|a')).toEqual({ system: null, code: 'a' });
    expect(parseToken('s|')).toEqual({ system: 's', code: null });
  });

  it('takes the id of a reference to the right type only', () => {
    const id = '0b0e4d3e-6f1c-4d55-9a39-2d6f0f5f5a10';
    expect(referenceId(`Patient/${id}`, 'Patient')).toBe(id);
    expect(referenceId(id, 'Patient')).toBe(id);
    expect(referenceId(`https://x/fhir/R4/Patient/${id}`, 'Patient')).toBe(id);
    expect(referenceId(`Encounter/${id}`, 'Patient')).toBeNull();
    expect(referenceId('Patient/123', 'Patient')).toBeNull();
  });
});
