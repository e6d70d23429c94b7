/**
 * RFC 4180 CSV for spreadsheets: UTF-8 with a BOM (so Excel reads Vietnamese names), CRLF lines, fields quoted
 * when they hold a quote, comma or line break, and a leading = + - @ neutralised with an apostrophe so a cell
 * is never run as a formula (CSV injection: a patient's name is attacker-controlled text).
 */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): Buffer {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
