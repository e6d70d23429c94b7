/** A malformed CSV file, with the 1-based line where the problem is. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`CSV line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF (LF and a lone CR are accepted too); a
 * field in double quotes may hold commas, line breaks and `""` for one quote. Returns every record as
 * its cells, the header included; a leading byte-order mark and a final line break are dropped.
 * Strict about quotes: a quote inside an unquoted field, text after a closing quote or an unclosed
 * quote is an error, so a damaged code list fails loudly instead of loading shifted columns.
 * Fields are sliced, not built character by character (12,137 ICD-10 rows in well under a second).
 */
export function parseCsv(text: string): string[][] {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const records: string[][] = [];
  if (i >= n) return records;
  let record: string[] = [];
  let line = 1;

  for (;;) {
    // One field, starting at i.
    if (text.charCodeAt(i) === QUOTE) {
      const openLine = line;
      let value = '';
      let from = i + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close < 0) throw new CsvSyntaxError('a quoted field is never closed', openLine);
        value += text.slice(from, close);
        if (text.charCodeAt(close + 1) === QUOTE) {
          value += '"';
          from = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      line += lineBreaks(value);
      record.push(value);
      if (i < n && !isSeparator(text.charCodeAt(i))) throw new CsvSyntaxError('text after a closing quote', line);
    } else {
      let end = i;
      for (; end < n; end++) {
        const c = text.charCodeAt(end);
        if (isSeparator(c)) break;
        if (c === QUOTE) throw new CsvSyntaxError('a quote inside an unquoted field', line);
      }
      record.push(text.slice(i, end));
      i = end;
    }

    // What follows it: the end of the text, a comma (another field) or a line break (another record).
    if (i >= n) {
      records.push(record);
      return records;
    }
    const c = text.charCodeAt(i);
    i++;
    if (c === COMMA) continue;
    if (c === CR && text.charCodeAt(i) === LF) i++;
    line++;
    records.push(record);
    record = [];
    if (i >= n) return records;
  }
}

function isSeparator(c: number): boolean {
  return c === COMMA || c === CR || c === LF;
}

/** Line breaks inside a quoted value (CRLF counts once), to keep error line numbers right. */
function lineBreaks(value: string): number {
  let count = 0;
  for (let k = 0; k < value.length; k++) {
    const c = value.charCodeAt(k);
    if (c === LF || (c === CR && value.charCodeAt(k + 1) !== LF)) count++;
  }
  return count;
}

/** A CSV column: its header name, or its 1-based position as circulars number them ("cột 24"). */
export type CsvColumn = string | number;

/** The records of a CSV with a header row, with column lookup by header name or position. */
export class CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly string[][];

  constructor(
    records: string[][],
    private readonly source: string,
  ) {
    const [header, ...rows] = records;
    if (!header) throw new Error(`${source}: empty file`);
    this.header = header.map((h) => h.trim());
    rows.forEach((row, i) => {
      if (row.length !== this.header.length) throw new Error(`${source} line ${i + 2}: ${row.length} cells, the header has ${this.header.length}`);
    });
    this.rows = rows;
  }

  static parse(text: string, source: string): CsvTable {
    return new CsvTable(parseCsv(text.normalize('NFC')), source);
  }

  /** The 0-based index of a column; throws if the file has no such column. */
  index(column: CsvColumn): number {
    const index = typeof column === 'number' ? column - 1 : this.header.indexOf(column);
    if (index < 0 || index >= this.header.length) throw new Error(`${this.source}: no column ${JSON.stringify(column)} (header: ${this.header.join(', ')})`);
    return index;
  }
}
