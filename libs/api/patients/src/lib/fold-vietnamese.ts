/**
 * Lower-case, strip diacritics (including đ → d) and collapse spaces, so "nguyen van a" finds
 * "Nguyễn Văn A". Done in code rather than with PostgreSQL's unaccent, which is an extension that
 * managed servers may not offer.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
