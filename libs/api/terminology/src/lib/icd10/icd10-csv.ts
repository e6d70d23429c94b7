import { foldVietnamese } from '@benhan/shared/validation';
import { CsvTable, type CsvColumn } from '../loading/parse-csv';
import { CHAPTER_NUMERALS, chapterOf, codesWithLongerCode, deriveUsageFlags, type Icd10UsageFlags } from './icd10-rules';

/**
 * Which CSV column holds each field of a code list. A list that carries its own usage flags (TT 06/2026:
 * columns 24–29) maps them in `usageFlags`; one that does not (the QĐ 4469-era list) gets them derived.
 */
export interface Icd10ColumnMapping {
  code: CsvColumn;
  titleVi: CsvColumn;
  titleEn?: CsvColumn;
  /** Roman numeral or chapter number; absent or blank: derived from the code by the WHO ranges. */
  chapter?: CsvColumn;
  /** `†`/`*`; absent: taken from a sign written after the code (`A17.0†`), if any. */
  daggerAsterisk?: CsvColumn;
  usageFlags?: {
    notPrincipal: CsvColumn;
    principalNotRecommended: CsvColumn;
    longerCodeExists: CsvColumn;
    causeOfDeathOnly: CsvColumn;
    femaleOnly: CsvColumn;
    maleOnly: CsvColumn;
    /** Whether a cell sets the flag; default: any non-blank cell other than `0`. */
    isSet?: (cell: string) => boolean;
  };
}

/** One code as stored in icd10_codes (without the catalogue id). */
export interface Icd10Row extends Icd10UsageFlags {
  code: string;
  titleVi: string;
  titleEn: string | null;
  chapter: string;
  daggerAsterisk: '†' | '*' | null;
  searchText: string;
}

/** Dotted ICD-10 code: letter, two characters, optionally a dot and one to three more (`J18`, `J18.9`, `M05.10`). */
const CODE = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,3})?$/;

/** A code as lists write it (`a17.0 †`, `J189`) → `{ code: 'A17.0', sign: '†' }`. */
export function normaliseIcd10Code(raw: string): { code: string; sign: '†' | '*' | null } {
  let text = raw.trim().toUpperCase().replace(/\s+/g, '');
  let sign: '†' | '*' | null = null;
  const last = text.slice(-1);
  if (last === '†' || last === '*' || last === '+') {
    sign = last === '*' ? '*' : '†';
    text = text.slice(0, -1);
  }
  if (/^[A-Z][0-9][0-9A-Z][0-9A-Z]{1,3}$/.test(text)) text = `${text.slice(0, 3)}.${text.slice(3)}`;
  return { code: text, sign };
}

export function isIcd10Code(code: string): boolean {
  return CODE.test(code);
}

/** The text searched for a code: the code and both titles, folded (see foldVietnamese). */
export function icd10SearchText(code: string, titleVi: string, titleEn: string | null): string {
  return foldVietnamese([code, titleVi, titleEn ?? ''].join(' '));
}

/** Map a code list's CSV to rows, checking every code; throws naming the line of the first bad one. */
export function readIcd10Rows(table: CsvTable, mapping: Icd10ColumnMapping, source: string): Icd10Row[] {
  const col = (column: CsvColumn | undefined) => (column === undefined ? null : table.index(column));
  const code = table.index(mapping.code);
  const titleVi = table.index(mapping.titleVi);
  const [titleEn, chapter, mark] = [col(mapping.titleEn), col(mapping.chapter), col(mapping.daggerAsterisk)];
  const flags = mapping.usageFlags;
  const flagColumns = flags && {
    notPrincipal: table.index(flags.notPrincipal),
    principalNotRecommended: table.index(flags.principalNotRecommended),
    longerCodeExists: table.index(flags.longerCodeExists),
    causeOfDeathOnly: table.index(flags.causeOfDeathOnly),
    femaleOnly: table.index(flags.femaleOnly),
    maleOnly: table.index(flags.maleOnly),
  };
  const isSet = flags?.isSet ?? ((cell: string) => cell.trim() !== '' && cell.trim() !== '0');

  const seen = new Set<string>();
  const parsed = table.rows.map((cells, i) => {
    const where = `${source} line ${i + 2}`;
    const normal = normaliseIcd10Code(cells[code]);
    if (!isIcd10Code(normal.code)) throw new Error(`${where}: "${cells[code]}" is not an ICD-10 code`);
    if (seen.has(normal.code)) throw new Error(`${where}: code ${normal.code} appears twice`);
    seen.add(normal.code);
    const vi = cells[titleVi].trim();
    if (!vi) throw new Error(`${where}: ${normal.code} has no Vietnamese title`);
    const en = titleEn === null ? null : cells[titleEn].trim() || null;
    const sign = mark === null ? normal.sign : parseSign(cells[mark], where);
    const chapterNumeral = parseChapter(chapter === null ? '' : cells[chapter]) ?? chapterOf(normal.code);
    if (!chapterNumeral) throw new Error(`${where}: no chapter for ${normal.code}`);
    return { cells, code: normal.code, titleVi: vi, titleEn: en, chapter: chapterNumeral, daggerAsterisk: sign };
  });

  const withLongerCode = flagColumns ? new Set<string>() : codesWithLongerCode(parsed.map((p) => p.code));
  return parsed.map(({ cells, ...row }) => {
    const usage: Icd10UsageFlags = flagColumns
      ? {
          sexRestriction: sexFrom(isSet(cells[flagColumns.femaleOnly]), isSet(cells[flagColumns.maleOnly]), `${source}: ${row.code}`),
          causeOfDeathOnly: isSet(cells[flagColumns.causeOfDeathOnly]),
          notPrincipal: isSet(cells[flagColumns.notPrincipal]),
          principalNotRecommended: isSet(cells[flagColumns.principalNotRecommended]),
          longerCodeExists: isSet(cells[flagColumns.longerCodeExists]),
        }
      : deriveUsageFlags(row.code, row.daggerAsterisk, withLongerCode);
    return { ...row, ...usage, searchText: icd10SearchText(row.code, row.titleVi, row.titleEn) };
  });
}

function parseSign(cell: string, where: string): '†' | '*' | null {
  const sign = cell.trim();
  if (sign === '') return null;
  if (sign === '†' || sign === '+') return '†';
  if (sign === '*') return '*';
  throw new Error(`${where}: "${cell}" is neither † nor *`);
}

/** `XV`, `15` or `Chương XV` → `XV`; anything else → null (then derived from the code). */
function parseChapter(cell: string): string | null {
  const text = cell.trim().toUpperCase();
  if (/^[0-9]{1,2}$/.test(text)) return CHAPTER_NUMERALS[Number(text) - 1] ?? null;
  const numeral = /([IVX]+)$/.exec(text)?.[1];
  return numeral && CHAPTER_NUMERALS.includes(numeral) ? numeral : null;
}

function sexFrom(female: boolean, male: boolean, where: string): 'M' | 'F' | null {
  if (female && male) throw new Error(`${where} is marked both female-only and male-only`);
  return female ? 'F' : male ? 'M' : null;
}
