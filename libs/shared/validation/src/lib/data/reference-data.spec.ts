import { BHYT_OBJECT_CODES } from './bhyt-object-codes';
import { CCCD_PROVINCES } from './cccd-province-codes';
import { ETHNICITIES, FOREIGN_NATIONAL_ETHNICITY } from './ethnicities';

const unique = (codes: readonly string[]) => new Set(codes).size === codes.length;

describe('reference data', () => {
  it('lists the 63 pre-2025 CCCD province codes, three digits each, from 001 Hà Nội to 096 Cà Mau', () => {
    expect(CCCD_PROVINCES).toHaveLength(63);
    expect(unique(CCCD_PROVINCES.map((p) => p.code))).toBe(true);
    expect(CCCD_PROVINCES.every((p) => /^0\d{2}$/.test(p.code))).toBe(true);
    expect(CCCD_PROVINCES[0]).toEqual({ code: '001', name: 'Hà Nội' });
    expect(CCCD_PROVINCES.at(-1)).toEqual({ code: '096', name: 'Cà Mau' });
  });

  it('keeps the pre-2025 names: 052 is Bình Định, not the 2025 province 52 Gia Lai', () => {
    expect(CCCD_PROVINCES.find((p) => p.code === '052')?.name).toBe('Bình Định');
  });

  it('lists BHYT group codes as two capital letters with a benefit level 1–5, including DN, HT and TE', () => {
    expect(unique(BHYT_OBJECT_CODES.map((c) => c.code))).toBe(true);
    expect(
      BHYT_OBJECT_CODES.every((c) => /^[A-Z]{2}$/.test(c.code) && c.benefitLevel >= 1 && c.benefitLevel <= 5),
    ).toBe(true);
    const codes = BHYT_OBJECT_CODES.map((c) => c.code);
    expect(codes).toEqual(expect.arrayContaining(['DN', 'HT', 'TE', 'CC', 'QN']));
  });

  it('keeps the Vietnamese meaning of the QĐ 1351 groups and null where the meaning was not found', () => {
    expect(BHYT_OBJECT_CODES.find((c) => c.code === 'TE')?.meaningVi).toMatch(/^Trẻ em dưới 6 tuổi/);
    expect(BHYT_OBJECT_CODES.find((c) => c.code === 'TG')?.meaningVi).toBeNull();
  });

  it('lists the 54 ethnic groups numbered 01–54, with 01 Kinh', () => {
    expect(ETHNICITIES.map((e) => e.code)).toEqual(
      Array.from({ length: 54 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    expect(ETHNICITIES[0]).toEqual({ code: '01', name: 'Kinh' });
  });

  it('keeps the foreign-national code outside the 54 ethnic groups', () => {
    expect(ETHNICITIES.map((e) => e.code as string)).not.toContain(FOREIGN_NATIONAL_ETHNICITY.code);
  });

  it('stores names in Unicode NFC, as the CSVs are', () => {
    const names = [...CCCD_PROVINCES, ...ETHNICITIES].map((e) => e.name);
    expect(names.every((n) => n === n.normalize('NFC'))).toBe(true);
  });
});
