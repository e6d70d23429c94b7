import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvTable } from '../loading/parse-csv';
import { terminologyDataDir } from '../loading/data-files';
import { QD4469_BHYT } from './icd10-catalogues';
import { normaliseIcd10Code, readIcd10Rows, type Icd10ColumnMapping } from './icd10-csv';

const TT06_SAMPLE = join(__dirname, '../../testing/fixtures/icd10-tt06-sample.csv');
/** A TT 06/2026-shaped mapping: flags by column number (24–29), as the circular numbers them. */
const TT06_COLUMNS: Icd10ColumnMapping = {
  code: 'MA_BENH',
  titleVi: 'TEN_BENH_TIENG_VIET',
  titleEn: 'TEN_BENH_TIENG_ANH',
  chapter: 'CHUONG',
  usageFlags: { notPrincipal: 24, principalNotRecommended: 25, longerCodeExists: 26, causeOfDeathOnly: 27, femaleOnly: 28, maleOnly: 29 },
};

describe(readIcd10Rows.name, () => {
  describe('the QĐ 4469-era list (flags derived)', () => {
    const rows = readIcd10Rows(CsvTable.parse(readFileSync(join(terminologyDataDir(), QD4469_BHYT.file), 'utf8'), 'icd10-vi.csv'), QD4469_BHYT.columns, 'icd10-vi.csv');
    const byCode = new Map(rows.map((r) => [r.code, r]));

    it('reads all 12,137 codes', () => {
      expect(rows).toHaveLength(12_137);
    });

    it('folds code and both titles into the search text', () => {
      expect(byCode.get('J18.9')).toEqual(expect.objectContaining({ titleVi: 'Viêm phổi, không đặc hiệu', chapter: 'X', searchText: 'j18.9 viem phoi, khong dac hieu pneumonia, unspecified' }));
    });

    it('derives sex restrictions, "not principal" and "longer code exists", and no cause-of-death-only code', () => {
      expect(byCode.get('O80')?.sexRestriction).toBe('F');
      expect(byCode.get('N40')?.sexRestriction).toBe('M');
      expect(byCode.get('G01')).toEqual(expect.objectContaining({ daggerAsterisk: '*', notPrincipal: true }));
      expect(byCode.get('A00')?.longerCodeExists).toBe(true);
      expect(byCode.get('A00.0')?.longerCodeExists).toBe(false);
      expect(rows.filter((r) => r.causeOfDeathOnly)).toEqual([]);
      const count = (pick: (r: (typeof rows)[number]) => boolean) => rows.filter(pick).length;
      // Pinned so that a change to the rule tables shows up in review.
      expect({ female: count((r) => r.sexRestriction === 'F'), male: count((r) => r.sexRestriction === 'M'), notPrincipal: count((r) => r.notPrincipal) }).toEqual({
        female: 842,
        male: 118,
        notPrincipal: 1683,
      });
    });
  });

  describe('a TT 06/2026-shaped list (29 columns, flags in columns 24–29)', () => {
    const rows = readIcd10Rows(CsvTable.parse(readFileSync(TT06_SAMPLE, 'utf8'), 'sample'), TT06_COLUMNS, 'sample');
    const byCode = new Map(rows.map((r) => [r.code, r]));

    it('takes the flags from the file instead of deriving them', () => {
      expect(byCode.get('R99')).toEqual(expect.objectContaining({ causeOfDeathOnly: true, principalNotRecommended: true, notPrincipal: false, chapter: 'XVIII' }));
      expect(byCode.get('O80')?.sexRestriction).toBe('F');
      expect(byCode.get('N40')?.sexRestriction).toBe('M');
      expect(byCode.get('A00')?.longerCodeExists).toBe(true);
      expect(byCode.get('G01')).toEqual(expect.objectContaining({ daggerAsterisk: '*', notPrincipal: true, chapter: 'VI' }));
      expect(byCode.get('J18.9')).toEqual(expect.objectContaining({ notPrincipal: false, sexRestriction: null, causeOfDeathOnly: false }));
    });

    it('moves a dagger written after the code into its own field', () => {
      expect(byCode.get('A17.0')).toEqual(expect.objectContaining({ code: 'A17.0', daggerAsterisk: '†' }));
    });
  });

  it('refuses a bad or repeated code, naming the line', () => {
    const mapping: Icd10ColumnMapping = { code: 'code', titleVi: 'title' };
    expect(() => readIcd10Rows(CsvTable.parse('code,title\nA00,x\nXYZ,y\n', 'f'), mapping, 'f')).toThrow('f line 3: "XYZ" is not an ICD-10 code');
    expect(() => readIcd10Rows(CsvTable.parse('code,title\nA00,x\nA00,y\n', 'f'), mapping, 'f')).toThrow('f line 3: code A00 appears twice');
  });
});

describe(normaliseIcd10Code.name, () => {
  it('upper-cases, adds the dot and separates the dagger/asterisk sign', () => {
    expect(normaliseIcd10Code(' j189 ')).toEqual({ code: 'J18.9', sign: null });
    expect(normaliseIcd10Code('A17.0†')).toEqual({ code: 'A17.0', sign: '†' });
    expect(normaliseIcd10Code('G01*')).toEqual({ code: 'G01', sign: '*' });
    expect(normaliseIcd10Code('M0510')).toEqual({ code: 'M05.10', sign: null });
  });
});
