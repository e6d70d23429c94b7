import type { DiagnosisRole } from '../encounters/encounter.contract';

/**
 * Reference code lists kept in the database (R15): the ICD-10 catalogue in its dated versions, the
 * 2025 two-level administrative units (province, commune) and the 54 ethnic groups.
 */

/** A version of the MoH ICD-10 list, e.g. `QD4469-BHYT` (before 01/07/2026) or the TT 06/2026 list after it. */
export interface Icd10Catalogue {
  version: string;
  title: string;
  /** Where the list comes from (legal basis and file). */
  source: string;
  /** First and last day (YYYY-MM-DD, Vietnam time) this list applies to; `validTo` null: open-ended. */
  validFrom: string;
  validTo: string | null;
}

/** One ICD-10 code of one catalogue version, with the usage rules of R15 (TT 06/2026 columns 24–29). */
export interface Icd10Code {
  /** Dotted code without the dagger/asterisk sign: `J18.9`. */
  code: string;
  titleVi: string;
  titleEn: string | null;
  /** Roman numeral I–XXII. */
  chapter: string;
  /** `†` (aetiology) or `*` (manifestation) when the list marks the code so. */
  daggerAsterisk: '†' | '*' | null;
  /** Only for patients of this sex. */
  sexRestriction: 'male' | 'female' | null;
  /** May be used only as a cause of death. */
  causeOfDeathOnly: boolean;
  /** May not be the main diagnosis (admission, principal, discharge). */
  notPrincipal: boolean;
  /** Allowed, but not recommended, as the main diagnosis (advice for the user, never enforced). */
  principalNotRecommended: boolean;
  /** A longer (more specific) code exists under this one: prefer it (advice, never enforced). */
  longerCodeExists: boolean;
  /** The catalogue version this entry belongs to. */
  catalogueVersion: string;
}

/** `GET /api/icd10?q=&limit=&at=&version=`: ranked exact code, code prefix, then title matches. */
export interface Icd10SearchResult {
  catalogue: Icd10Catalogue;
  items: Icd10Code[];
}

/**
 * Where a diagnosis code is used, which decides the rules that apply to it: an encounter's diagnosis
 * roles plus the cause of death (death notice). Main-diagnosis roles: admission, principal, discharge.
 */
export type DiagnosisCodeRole = DiagnosisRole | 'cause_of_death';

/** Tỉnh / thành phố trực thuộc trung ương (2025 two-level administration; 34 units). */
export interface Province {
  code: string;
  name: string;
}

/** Xã / phường / đặc khu of a province. */
export interface Commune {
  code: string;
  name: string;
  provinceCode: string;
}

/** Dân tộc: the 54 ethnic groups, codes 01–54 (QĐ 121-TCTK/PPCĐ numbering). */
export interface Ethnicity {
  code: string;
  name: string;
}
