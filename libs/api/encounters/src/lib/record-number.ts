/**
 * Render a medical record number (số lưu trữ) from the facility's pattern: `{yyyy}` or `{yy}` year,
 * `{dept}` department code, `{seq:N}` the year's counter padded to N digits. Literal text is kept.
 */
export function renderRecordNumber(pattern: string, values: { year: number; departmentCode: string; sequence: number }): string {
  const out = pattern.replace(/\{(yyyy|yy|dept|seq(?::(\d{1,2}))?)\}/g, (_, token: string, width?: string) => {
    if (token === 'yyyy') return String(values.year);
    if (token === 'yy') return String(values.year % 100).padStart(2, '0');
    if (token === 'dept') return values.departmentCode;
    return String(values.sequence).padStart(Number(width ?? 1), '0');
  });
  if (!pattern.includes('{seq')) throw new Error(`Record number pattern "${pattern}" has no {seq} and would repeat numbers`);
  return out;
}
