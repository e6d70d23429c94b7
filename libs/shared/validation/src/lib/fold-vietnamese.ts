/**
 * Lower-case, strip diacritics (including đ → d) and collapse spaces, so "nguyen van a" finds
 * "Nguyễn Văn A" and "viem phoi" finds "Viêm phổi". The one folding used for every accent-free search
 * (patients, ICD-10), on the server and in the browser; done in code rather than with PostgreSQL's
 * unaccent, an extension that managed servers may not offer.
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
