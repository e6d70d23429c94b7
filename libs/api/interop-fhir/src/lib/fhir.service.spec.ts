import type { FhirHit } from './fhir-provider';
import { pageOf } from './fhir.service';
import { CURSOR_PARAM, encodeCursor, parseSearch } from './search/search-params';
import { countsTotal } from './search/sql-search';

const hits = (n: number): FhirHit[] => Array.from({ length: n }, (_, i) => ({ resource: { resourceType: 'Patient', id: String(i) }, patientId: null }));
const search = (query: string) => parseSearch(new URLSearchParams(query), [], false);

describe(pageOf.name, () => {
  it('drops the look-ahead hit, links a next page and leaves the total unknown while matches follow', () => {
    const page = pageOf(search('_count=5'), { hits: hits(6) });
    expect([page.hits.length, page.more, page.total]).toEqual([5, true, undefined]);
  });

  it('knows the exact total from a page that reaches the last match (offset + hits)', () => {
    expect(pageOf(search('_count=5&_offset=10'), { hits: hits(3) })).toMatchObject({ more: false, total: 13 });
    expect(pageOf(search('_count=5&_offset=10'), { hits: hits(5) })).toMatchObject({ more: false, total: 15 });
    expect(pageOf(search('_count=5'), { hits: [] })).toMatchObject({ more: false, total: 0 });
  });

  it('claims no total from an empty page past the first (the offset overshot: the total is unknown, not the offset)', () => {
    expect(pageOf(search('_count=5&_offset=100'), { hits: [] })).toEqual({ hits: [], more: false });
  });

  it('uses a counted total for the next link when the provider gives one', () => {
    expect(pageOf(search('_count=5&_total=accurate'), { hits: hits(5), total: 12 })).toMatchObject({ more: true, total: 12 });
    expect(pageOf(search('_count=5&_offset=10&_total=accurate'), { hits: hits(2), total: 12 })).toMatchObject({ more: false, total: 12 });
    expect(pageOf(search('_count=0'), { hits: [], total: 12 })).toMatchObject({ more: false, total: 12 });
  });
});

describe(`${pageOf.name} with a cursor`, () => {
  const cursor = encodeCursor('2026-11-28T08:00:00.000000Z', '0b0e4d3e-6f1c-4d55-9a39-2d6f0f5f5a10');
  const keyset = (query: string) => parseSearch(new URLSearchParams(query), [CURSOR_PARAM], false);

  it('passes on the next cursor only while more matches follow', () => {
    expect(pageOf(keyset('_count=5'), { hits: hits(6), next: 'n' })).toMatchObject({ more: true, next: 'n' });
    expect(pageOf(keyset('_count=5'), { hits: hits(5), next: 'n' }).next).toBeUndefined();
  });

  it('implies no total on a cursor page (its offset is unknown), but keeps a counted one', () => {
    expect(pageOf(keyset(`_count=5&_cursor=${cursor}`), { hits: hits(3) })).toEqual({ hits: hits(3), more: false });
    expect(pageOf(keyset(`_count=5&_cursor=${cursor}&_total=accurate`), { hits: hits(6), total: 40, next: 'n' })).toMatchObject({ more: true, total: 40, next: 'n' });
    expect(pageOf(keyset(`_count=5&_cursor=${cursor}&_total=accurate`), { hits: hits(2), total: 40 })).toMatchObject({ more: false, total: 40 });
  });
});

describe(countsTotal.name, () => {
  it('counts only for _total=accurate, or for _count=0 unless the client said _total=none', () => {
    expect(['', '_total=estimate', '_total=none', '_total=accurate', '_count=0', '_count=0&_total=none', '_count=0&_total=estimate'].map((q) => countsTotal(search(q)))).toEqual([
      false,
      false,
      false,
      true,
      true,
      false,
      true,
    ]);
  });
});
