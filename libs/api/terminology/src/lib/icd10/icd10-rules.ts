/**
 * ICD-10 structure and the usage rules of R15 that can be derived from a code list lacking the
 * TT 06/2026 flag columns (24–29). Pure functions: the loader applies them, the tests pin them.
 */

export type SexRestriction = 'M' | 'F';

/** The usage rules of one code (TT 06/2026 columns 24–29, in the database's terms). */
export interface Icd10UsageFlags {
  sexRestriction: SexRestriction | null;
  causeOfDeathOnly: boolean;
  notPrincipal: boolean;
  principalNotRecommended: boolean;
  longerCodeExists: boolean;
}

/** `[first, last]`, inclusive. A 3-character bound covers the whole category (`C58` covers `C58.x`). */
type CodeRange = readonly [string, string];

/** WHO ICD-10 chapters by their code ranges (Volume 1; chapter XXII as U00–U85). */
const CHAPTERS: readonly (readonly [string, string, string])[] = [
  ['I', 'A00', 'B99'],
  ['II', 'C00', 'D48'],
  ['III', 'D50', 'D89'],
  ['IV', 'E00', 'E90'],
  ['V', 'F00', 'F99'],
  ['VI', 'G00', 'G99'],
  ['VII', 'H00', 'H59'],
  ['VIII', 'H60', 'H95'],
  ['IX', 'I00', 'I99'],
  ['X', 'J00', 'J99'],
  ['XI', 'K00', 'K93'],
  ['XII', 'L00', 'L99'],
  ['XIII', 'M00', 'M99'],
  ['XIV', 'N00', 'N99'],
  ['XV', 'O00', 'O99'],
  ['XVI', 'P00', 'P96'],
  ['XVII', 'Q00', 'Q99'],
  ['XVIII', 'R00', 'R99'],
  ['XIX', 'S00', 'T98'],
  ['XX', 'V01', 'Y98'],
  ['XXI', 'Z00', 'Z99'],
  ['XXII', 'U00', 'U85'],
];

export const CHAPTER_NUMERALS: readonly string[] = CHAPTERS.map(([numeral]) => numeral);

/**
 * Codes for women only. Whole blocks whose WHO title names the female genital organs or pregnancy,
 * and single codes that do; each bound checked against the English titles of the QĐ 4469 list.
 */
const FEMALE_ONLY: readonly CodeRange[] = [
  ['A34', 'A34'], // Obstetrical tetanus
  ['B37.3', 'B37.3'], // Candidiasis of vulva and vagina
  ['C51', 'C58'], // Malignant neoplasms of female genital organs
  ['C79.6', 'C79.6'], // Secondary malignant neoplasm of ovary
  ['D06', 'D06'], // Carcinoma in situ of cervix uteri
  ['D07.0', 'D07.3'], // Carcinoma in situ of endometrium, vulva, vagina, other female genital organs
  ['D25', 'D28'], // Benign neoplasms of uterus, ovary, other female genital organs
  ['D39', 'D39'], // Neoplasm of uncertain or unknown behaviour of female genital organs
  ['E28', 'E28'], // Ovarian dysfunction
  ['E89.4', 'E89.4'], // Postprocedural ovarian failure
  ['N70', 'N98'], // Inflammatory and noninflammatory disorders of the female genital tract
  ['N99.2', 'N99.3'], // Postoperative adhesions of vagina; prolapse of vaginal vault after hysterectomy
  ['O00', 'O99'], // Chapter XV: pregnancy, childbirth and the puerperium
  ['Q50', 'Q52'], // Congenital malformations of the female genital organs
  ['R87', 'R87'], // Abnormal findings in specimens from female genital organs
  ['Z01.4', 'Z01.4'], // Gynaecological examination (general) (routine)
  ['Z12.4', 'Z12.4'], // Special screening examination for neoplasm of cervix
  ['Z32', 'Z36'], // Pregnancy test, pregnant state, supervision of pregnancy, antenatal screening
  ['Z37', 'Z37'], // Outcome of delivery (coded on the mother's record)
  ['Z39', 'Z39'], // Postpartum care and examination
];

/** Codes for men only, chosen the same way. */
const MALE_ONLY: readonly CodeRange[] = [
  ['B26.0', 'B26.0'], // Mumps orchitis
  ['C60', 'C63'], // Malignant neoplasms of male genital organs
  ['D07.4', 'D07.6'], // Carcinoma in situ of penis, prostate, other male genital organs
  ['D29', 'D29'], // Benign neoplasm of male genital organs
  ['D40', 'D40'], // Neoplasm of uncertain or unknown behaviour of male genital organs
  ['E29', 'E29'], // Testicular dysfunction
  ['N40', 'N51'], // Diseases of male genital organs
  ['Q53', 'Q55'], // Undescended testicle, hypospadias, other congenital malformations of male genital organs
  ['R86', 'R86'], // Abnormal findings in specimens from male genital organs
  ['Z12.5', 'Z12.5'], // Special screening examination for neoplasm of prostate
];

/**
 * Codes WHO provides for additional coding only, never the main condition (besides the asterisk
 * manifestation codes): the infectious agents of B95–B98 ("as the cause of diseases classified to
 * other chapters"), chapter XX external causes (coded beside the chapter XIX injury), and the drug
 * resistance codes U82–U85 ("never used in primary coding").
 */
const NOT_PRINCIPAL: readonly CodeRange[] = [
  ['B95', 'B98'],
  ['U82', 'U85'],
  ['V01', 'Y98'],
];

/** Whether `code` (dotted, e.g. `C58.1`) lies within `[first, last]`. */
export function inCodeRange(code: string, [first, last]: CodeRange): boolean {
  return code >= first && code.slice(0, last.length) <= last;
}

/** The chapter (Roman numeral) of a code by the WHO ranges; null for a code outside them. */
export function chapterOf(code: string): string | null {
  const category = code.slice(0, 3);
  return CHAPTERS.find(([, first, last]) => category >= first && category <= last)?.[0] ?? null;
}

export function deriveSexRestriction(code: string): SexRestriction | null {
  if (FEMALE_ONLY.some((range) => inCodeRange(code, range))) return 'F';
  if (MALE_ONLY.some((range) => inCodeRange(code, range))) return 'M';
  return null;
}

export function deriveNotPrincipal(code: string, daggerAsterisk: string | null): boolean {
  return daggerAsterisk === '*' || NOT_PRINCIPAL.some((range) => inCodeRange(code, range));
}

/** The codes of a list under which the list has a longer code (`A00` when `A00.0` exists; `M05.1` when `M05.10` does). */
export function codesWithLongerCode(codes: readonly string[]): Set<string> {
  const all = new Set(codes);
  const parents = new Set<string>();
  for (const code of codes) {
    const parent = code.length === 5 ? code.slice(0, 3) : code.length > 5 ? code.slice(0, -1) : null;
    if (parent && all.has(parent)) parents.add(parent);
  }
  return parents;
}

/**
 * The usage flags of a list that does not carry them (the QĐ 4469-era BHYT list):
 * - sex restriction: the blocks and codes in FEMALE_ONLY / MALE_ONLY;
 * - not principal: asterisk codes, B95–B98, U82–U85, chapter XX;
 * - longer code exists: from the list itself;
 * - cause-of-death only and "not recommended as principal": not derivable, left false.
 */
export function deriveUsageFlags(code: string, daggerAsterisk: string | null, withLongerCode: ReadonlySet<string>): Icd10UsageFlags {
  return {
    sexRestriction: deriveSexRestriction(code),
    causeOfDeathOnly: false,
    notPrincipal: deriveNotPrincipal(code, daggerAsterisk),
    principalNotRecommended: false,
    longerCodeExists: withLongerCode.has(code),
  };
}
