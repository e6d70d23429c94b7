// GENERATED FILE: do not edit. Source: libs/shared/validation/data/ethnicities-vi.csv
// (sources and caveats in libs/shared/validation/data/README.md). Regenerate with: node tools/reference-data/generate-validation-lists.mjs

/** One of Vietnam's 54 ethnic groups (dân tộc), as in BHYT XML field MA_DANTOC. */
export interface Ethnicity {
  /** Two digits, 01–54. */
  readonly code: string;
  readonly name: string;
}

/**
 * The 54 ethnic groups numbered per QĐ 121-TCTK/PPCĐ (1979), the decision QĐ 130/QĐ-BYT names for MA_DANTOC.
 * Numbering caveat: GSO's 2008 list (QĐ 1019/QĐ-TCTK) numbers differently from 04 on (04 Mường, 05 Khơ me,
 * 06 Hoa, …) and some systems number alphabetically; confirm with BHXH which numbering it validates.
 * Codes 01–09 were checked against an official reproduction, 10–54 only against two code copies.
 */
export const ETHNICITIES = [
  { code: '01', name: 'Kinh' },
  { code: '02', name: 'Tày' },
  { code: '03', name: 'Thái' },
  { code: '04', name: 'Hoa' },
  { code: '05', name: 'Khơ-me' },
  { code: '06', name: 'Mường' },
  { code: '07', name: 'Nùng' },
  { code: '08', name: 'Hmông' },
  { code: '09', name: 'Dao' },
  { code: '10', name: 'Gia-rai' },
  { code: '11', name: 'Ngái' },
  { code: '12', name: 'Ê-đê' },
  { code: '13', name: 'Ba-na' },
  { code: '14', name: 'Xơ-đăng' },
  { code: '15', name: 'Sán Chay' },
  { code: '16', name: 'Cơ-ho' },
  { code: '17', name: 'Chăm' },
  { code: '18', name: 'Sán Dìu' },
  { code: '19', name: 'Hrê' },
  { code: '20', name: 'Mnông' },
  { code: '21', name: 'Ra-glai' },
  { code: '22', name: 'Xtiêng' },
  { code: '23', name: 'Bru-Vân Kiều' },
  { code: '24', name: 'Thổ' },
  { code: '25', name: 'Giáy' },
  { code: '26', name: 'Cơ-tu' },
  { code: '27', name: 'Gié-Triêng' },
  { code: '28', name: 'Mạ' },
  { code: '29', name: 'Khơ-mú' },
  { code: '30', name: 'Co' },
  { code: '31', name: 'Ta-ôi' },
  { code: '32', name: 'Chơ-ro' },
  { code: '33', name: 'Kháng' },
  { code: '34', name: 'Xinh-mun' },
  { code: '35', name: 'Hà Nhì' },
  { code: '36', name: 'Chu-ru' },
  { code: '37', name: 'Lào' },
  { code: '38', name: 'La Chí' },
  { code: '39', name: 'La Ha' },
  { code: '40', name: 'Phù Lá' },
  { code: '41', name: 'La Hủ' },
  { code: '42', name: 'Lự' },
  { code: '43', name: 'Lô Lô' },
  { code: '44', name: 'Chứt' },
  { code: '45', name: 'Mảng' },
  { code: '46', name: 'Pà Thẻn' },
  { code: '47', name: 'Cơ Lao' },
  { code: '48', name: 'Cống' },
  { code: '49', name: 'Bố Y' },
  { code: '50', name: 'Si La' },
  { code: '51', name: 'Pu Péo' },
  { code: '52', name: 'Brâu' },
  { code: '53', name: 'Ơ Đu' },
  { code: '54', name: 'Rơ-măm' },
] as const satisfies readonly Ethnicity[];

export type EthnicityCode = (typeof ETHNICITIES)[number]['code'];

/**
 * A foreign national: **not** one of the 54 groups and not in QĐ 121. Some systems use 55 "Người nước ngoài";
 * that is a local convention, not an official code, so check what BHXH accepts before sending it in MA_DANTOC.
 */
export const FOREIGN_NATIONAL_ETHNICITY = {
  code: '55',
  name: 'Người nước ngoài',
} as const satisfies Ethnicity;
