import { diffContent } from './content-diff';

describe('diffContent', () => {
  it('reports changed, added and removed leaves by JSON Pointer, in document order', () => {
    const before = { kham: { mach: 80, nhietDo: 37 }, lyDo: 'Sốt', ghiChu: 'x' };
    const after = { kham: { mach: 96, nhietDo: 37, huyetAp: '120/80' }, lyDo: 'Sốt', chanDoan: { ma: 'J18.9' } };
    expect(diffContent(before, after)).toEqual([
      { path: '/chanDoan/ma', change: 'added', after: 'J18.9' },
      { path: '/ghiChu', change: 'removed', before: 'x' },
      { path: '/kham/huyetAp', change: 'added', after: '120/80' },
      { path: '/kham/mach', change: 'changed', before: 80, after: 96 },
    ]);
  });

  it('compares rows by index, numerically, and escapes pointer tokens', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ at: `d${i}` }));
    const changes = diffContent({ entries: rows(2), 'a/b': 1 }, { entries: [...rows(11)], 'a/b': 2 });
    expect(changes.map((c) => c.path)).toEqual(['/a~1b', ...Array.from({ length: 9 }, (_, i) => `/entries/${i + 2}/at`)]);
  });

  it('sees no change between equal contents, and treats emptied lists as a change', () => {
    expect(diffContent({ a: [1, { b: true }] }, { a: [1, { b: true }] })).toEqual([]);
    expect(diffContent({ a: [1] }, { a: [] })).toEqual([
      { path: '/a', change: 'added', after: [] },
      { path: '/a/0', change: 'removed', before: 1 },
    ]);
  });
});
