import type { Icd10ColumnMapping } from './icd10-csv';

/** A version of the ICD-10 list and how to read its file. */
export interface Icd10CatalogueSpec {
  /** Unique, stored with every diagnosis coded against it. */
  version: string;
  title: string;
  source: string;
  /** First and last day the list applies to (YYYY-MM-DD, Vietnam time); `validTo` null: open-ended. */
  validFrom: string;
  validTo: string | null;
  /** A file in libs/api/terminology/data (shipped as assets/terminology), or an absolute path. */
  file: string;
  columns: Icd10ColumnMapping;
  /** The row count the file must have: a truncated or doubled file is refused. */
  expectedRows?: number;
}

/**
 * The MoH ICD-10 list as used for BHYT before 01/07/2026 (QĐ 4469/QĐ-BYT era); its usage flags are
 * derived (see deriveUsageFlags). Superseded from 01/07/2026 by TT 06/2026/TT-BYT.
 */
export const QD4469_BHYT: Icd10CatalogueSpec = {
  version: 'QD4469-BHYT',
  title: 'Bảng phân loại ICD-10 dùng trong BHYT (QĐ 4469/QĐ-BYT)',
  source: 'QĐ 4469/QĐ-BYT (28/10/2020) list as circulated in BHXH Việt Nam import template FileMau_DANH_MUC_ICD10; see libs/api/terminology/data/README.md',
  validFrom: '2020-10-28',
  validTo: '2026-06-30',
  file: 'icd10-vi.csv',
  columns: { code: 'code', titleVi: 'title_vi', titleEn: 'title_en', chapter: 'chapter', daggerAsterisk: 'dagger_asterisk' },
  expectedRows: 12_137,
};

/*
 * Adding the TT 06/2026 list (29 columns; usage flags in columns 24–29): put its CSV in data/, then
 * add a spec such as
 *
 *   export const TT06_2026: Icd10CatalogueSpec = {
 *     version: 'TT06-2026', title: 'Danh mục ICD-10 (TT 06/2026/TT-BYT)', source: 'TT 06/2026/TT-BYT Phụ lục',
 *     validFrom: '2026-07-01', validTo: null, file: 'icd10-tt06-2026.csv', expectedRows: 15_844,
 *     columns: {
 *       code: <its code column>, titleVi: <its Vietnamese title column>, titleEn: <…>, chapter: <…>,
 *       usageFlags: { notPrincipal: 24, principalNotRecommended: 25, longerCodeExists: 26, causeOfDeathOnly: 27, femaleOnly: 28, maleOnly: 29 },
 *     },
 *   };
 *
 * and append it below: the next start loads it as a new version beside the old one. The loader test
 * loads a 29-column sample this way.
 */

/** Every catalogue version the application loads on start (each once). */
export const ICD10_CATALOGUES: readonly Icd10CatalogueSpec[] = [QD4469_BHYT];
