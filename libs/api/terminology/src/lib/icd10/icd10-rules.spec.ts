import { chapterOf, codesWithLongerCode, deriveNotPrincipal, deriveSexRestriction, deriveUsageFlags, inCodeRange } from './icd10-rules';

describe('ICD-10 usage rules derived for a list without flag columns (R15)', () => {
  describe(inCodeRange.name, () => {
    it('lets a 3-character bound cover its subcategories', () => {
      expect(inCodeRange('C58', ['C51', 'C58'])).toBe(true);
      expect(inCodeRange('C58.0', ['C51', 'C58'])).toBe(true);
      expect(inCodeRange('C51.9', ['C51', 'C58'])).toBe(true);
      expect(inCodeRange('C59', ['C51', 'C58'])).toBe(false);
      expect(inCodeRange('C50.9', ['C51', 'C58'])).toBe(false);
    });

    it('limits a 4-character bound to that subcategory and its 5-character codes', () => {
      expect(inCodeRange('D07.3', ['D07.0', 'D07.3'])).toBe(true);
      expect(inCodeRange('D07.4', ['D07.0', 'D07.3'])).toBe(false);
      expect(inCodeRange('D07', ['D07.0', 'D07.3'])).toBe(false);
      expect(inCodeRange('M05.10', ['M05.1', 'M05.1'])).toBe(true);
    });
  });

  describe(deriveSexRestriction.name, () => {
    it('restricts chapter XV pregnancy codes (O00–O99) to women', () => {
      expect(deriveSexRestriction('O00')).toBe('F');
      expect(deriveSexRestriction('O80')).toBe('F');
      expect(deriveSexRestriction('O99.8')).toBe('F');
    });

    it('restricts female genital blocks to women: N70–N98, C51–C58, D25–D28', () => {
      for (const code of ['N70.0', 'N83.2', 'N98.9', 'C53.9', 'C56', 'C58', 'D25.9', 'D27']) expect(deriveSexRestriction(code)).toBe('F');
    });

    it('restricts male genital blocks to men: N40–N51, C60–C63, D29, D40', () => {
      for (const code of ['N40', 'N45.9', 'N51.8', 'C61', 'C62.9', 'C63.9', 'D29.1', 'D40.0']) expect(deriveSexRestriction(code)).toBe('M');
    });

    it('splits D07 by subcategory: D07.0–D07.3 female, D07.4–D07.6 male', () => {
      expect(deriveSexRestriction('D07.1')).toBe('F');
      expect(deriveSexRestriction('D07.5')).toBe('M');
      expect(deriveSexRestriction('D07')).toBeNull();
    });

    it('leaves codes for both sexes alone: breast cancer, urinary tract, N99 outside its vaginal codes, neighbours of the blocks', () => {
      for (const code of ['C50.9', 'N39.0', 'N99.0', 'N52', 'C64', 'D30.0', 'J18.9', 'Z38.0']) expect(deriveSexRestriction(code)).toBeNull();
    });
  });

  describe(deriveNotPrincipal.name, () => {
    it('keeps asterisk (manifestation) codes out of the main diagnosis, but not dagger codes', () => {
      expect(deriveNotPrincipal('G01', '*')).toBe(true);
      expect(deriveNotPrincipal('A17.0', '†')).toBe(false);
    });

    it('marks external causes (chapter XX), infectious agents B95–B98 and drug resistance U82–U85 as additional codes', () => {
      for (const code of ['V01.0', 'W19', 'X59.9', 'Y98', 'B95.6', 'B98.0', 'U82.0', 'U85']) expect(deriveNotPrincipal(code, null)).toBe(true);
      for (const code of ['B94.9', 'B99', 'U07.1', 'T14.0', 'Z00.0']) expect(deriveNotPrincipal(code, null)).toBe(false);
    });
  });

  it('finds the codes that have a longer code in the same list', () => {
    expect([...codesWithLongerCode(['A00', 'A00.0', 'A01', 'M05.1', 'M05.10', 'M05.2'])].sort()).toEqual(['A00', 'M05.1']);
  });

  it('cannot derive cause-of-death-only or "not recommended as principal": both stay false', () => {
    expect(deriveUsageFlags('R99', null, new Set())).toEqual({ sexRestriction: null, causeOfDeathOnly: false, notPrincipal: false, principalNotRecommended: false, longerCodeExists: false });
  });

  it('names the chapter of a code by the WHO ranges', () => {
    expect(chapterOf('A00.0')).toBe('I');
    expect(chapterOf('D48.9')).toBe('II');
    expect(chapterOf('D50')).toBe('III');
    expect(chapterOf('H60')).toBe('VIII');
    expect(chapterOf('T98.3')).toBe('XIX');
    expect(chapterOf('U07.1')).toBe('XXII');
  });
});
