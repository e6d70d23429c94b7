/**
 * Lower-case, strip diacritics (đ → d included) and collapse spaces, so "viem phoi" finds "Viêm phổi".
 * The same folding as the patients domain's foldVietnamese (a copy: patients will depend on this
 * domain for addresses and ethnicity, so terminology cannot import it); done in code rather than with
 * PostgreSQL's unaccent, which managed servers may not offer.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
