import { aLabCatalogue } from '../../testing/order-fixtures';
import {
  buildPlaceRequest,
  filterCatalogue,
  flagOf,
  fold,
  groupFieldErrors,
  imagingEntries,
  labEntries,
  rangeText,
  trendPoints,
  valueText,
} from './orders-model';

describe('orders model', () => {
  const entries = labEntries(aLabCatalogue());

  it('lists panels first with their members’ names, then single tests', () => {
    expect(entries.map((e) => [e.kind, e.serviceCode])[0]).toEqual(['panel', 'SH-LIPID']);
    expect(entries[0].members.map((m) => m.vi)).toEqual(['Cholesterol toàn phần', 'LDL-Cholesterol']);
    expect(entries.filter((e) => e.kind === 'test')).toHaveLength(4);
  });

  it('filters by Vietnamese name with or without diacritics, by service code and by LOINC', () => {
    expect(fold('Đường Máu')).toBe('duong mau');
    expect(filterCatalogue(entries, 'kali').map((e) => e.serviceCode)).toEqual(['SH-K']);
    expect(filterCatalogue(entries, 'Kali máu').map((e) => e.serviceCode)).toEqual(['SH-K']);
    expect(filterCatalogue(entries, 'mo mau').map((e) => e.serviceCode)).toEqual(['SH-LIPID']);
    expect(filterCatalogue(entries, 'sh-glu').map((e) => e.serviceCode)).toEqual(['SH-GLU']);
    expect(filterCatalogue(entries, '2823-3').map((e) => e.serviceCode)).toEqual(['SH-K']);
    // A panel is found by its members too, and an empty query keeps everything.
    expect(filterCatalogue(entries, 'ldl').map((e) => e.serviceCode)).toEqual(['SH-LIPID', 'SH-LDL']);
    expect(filterCatalogue(entries, '  ')).toHaveLength(entries.length);
    expect(filterCatalogue(entries, 'kali xyz')).toEqual([]);
    // Words are matched at their start: "mo" is not the middle of another word, nor of an English name.
    expect(filterCatalogue(entries, 'ali')).toEqual([]);
    expect(filterCatalogue(entries, 'potassium')).toEqual([]);
  });

  it('shows an imaging procedure’s modality and body site', () => {
    const [xray] = imagingEntries([
      { serviceCode: 'CDHA-XQ-NGUC', loinc: '36643-5', name: { vi: 'X-quang ngực thẳng', en: 'Chest X-ray' }, modality: 'CR', bodySite: { code: '51185008', display: 'Thoracic structure' } },
    ]);
    expect([xray.kind, xray.modality, xray.bodySite]).toEqual(['imaging', 'CR', 'Thoracic structure']);
    expect(filterCatalogue([xray], 'x-quang nguc')).toHaveLength(1);
  });

  it('builds the place request: trimmed, the ICD-10 code upper-cased, empty parts null', () => {
    expect(
      buildPlaceRequest({ category: 'laboratory', priority: 'stat', items: ['SH-LIPID', 'SH-K'], reasonCode: ' e11.9 ', reasonText: ' Đái tháo đường ', clinicalNote: ' Mệt ' }),
    ).toEqual({ category: 'laboratory', priority: 'stat', items: ['SH-LIPID', 'SH-K'], reason: { code: 'E11.9', text: 'Đái tháo đường' }, clinicalNote: 'Mệt' });
    expect(buildPlaceRequest({ category: 'imaging', priority: 'routine', items: ['CDHA-XQ-NGUC'], reasonCode: '', reasonText: 'Ho', clinicalNote: '  ' })).toEqual({
      category: 'imaging',
      priority: 'routine',
      items: ['CDHA-XQ-NGUC'],
      reason: { code: null, text: 'Ho' },
      clinicalNote: null,
    });
    expect(buildPlaceRequest({ category: 'laboratory', priority: 'routine', items: ['SH-K'], reasonCode: '', reasonText: '', clinicalNote: '' }).reason).toBeNull();
  });

  it('puts the server’s field errors on the form’s fields', () => {
    expect(
      groupFieldErrors([
        { field: 'items/1', message: 'không có trong danh mục' },
        { field: 'reason.code', message: 'mã không hợp lệ' },
        { field: '/clinicalNote', message: 'quá dài' },
        { field: 'x', message: 'khác' },
      ]),
    ).toEqual({ items: ['không có trong danh mục'], reasonCode: ['mã không hợp lệ'], clinicalNote: ['quá dài'], other: ['khác'] });
  });

  it('flags HH and LL as critical, H, L and A as abnormal', () => {
    expect((['HH', 'LL', 'H', 'L', 'A', 'N', null] as const).map(flagOf)).toEqual(['critical', 'critical', 'abnormal', 'abnormal', 'abnormal', 'normal', 'none']);
  });

  it('writes ranges and values with a decimal comma', () => {
    expect(rangeText({ low: 3.5, high: 5, text: null })).toBe('3,5–5');
    expect(rangeText({ low: null, high: 3.4, text: null })).toBe('< 3,4');
    expect(rangeText({ low: 1, high: null, text: null })).toBe('> 1');
    expect(rangeText({ low: null, high: null, text: 'Âm tính' })).toBe('Âm tính');
    expect(rangeText(null)).toBe('');
    expect(valueText(6.9, null)).toBe('6,9');
    expect(valueText(null, 'Âm tính')).toBe('Âm tính');
  });

  it('places trend points left to right, the highest value at the top', () => {
    const points = trendPoints(
      [
        { value: 2, flag: 'normal' },
        { value: 6, flag: 'critical' },
        { value: 4, flag: 'normal' },
      ],
      100,
      50,
      10,
    );
    expect(points.map((p) => [p.x, p.y])).toEqual([
      [10, 40],
      [50, 10],
      [90, 25],
    ]);
    expect(trendPoints([{ value: 3, flag: 'normal' }], 100, 50)).toEqual([{ x: 50, y: 25, value: 3, flag: 'normal' }]);
  });
});
