#!/usr/bin/env node
// Turns the code lists in libs/shared/validation/data/*.csv into typed TypeScript data in
// libs/shared/validation/src/lib/data/*.ts (see libs/shared/validation/data/README.md for sources).
//
//   node tools/reference-data/generate-validation-lists.mjs          # rewrite the .ts files
//   node tools/reference-data/generate-validation-lists.mjs --check  # fail if they are out of date
//
// The CSVs are the source of truth: edit them (and the data README), never the generated files.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = join(root, 'libs/shared/validation/data');
const outDir = join(root, 'libs/shared/validation/src/lib/data');
const SCRIPT = 'tools/reference-data/generate-validation-lists.mjs';

/** RFC 4180: comma-separated, fields optionally in double quotes, `""` inside quotes is one quote. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Reads a CSV, checks its header and returns one object per row keyed by column name. */
function readCsv(file, expectedHeader) {
  const text = readFileSync(join(dataDir, file), 'utf8').normalize('NFC');
  const [header, ...rows] = parseCsv(text);
  if (header.join(',') !== expectedHeader.join(',')) {
    throw new Error(`${file}: header is "${header.join(',')}", expected "${expectedHeader.join(',')}"`);
  }
  return rows.map((cells, index) => {
    if (cells.length !== header.length) throw new Error(`${file} row ${index + 2}: ${cells.length} cells`);
    return Object.fromEntries(header.map((name, i) => [name, cells[i].trim()]));
  });
}

function check(file, rows, { count, codePattern }) {
  if (count !== undefined && rows.length !== count) throw new Error(`${file}: ${rows.length} rows, expected ${count}`);
  const seen = new Set();
  for (const row of rows) {
    if (!codePattern.test(row.code)) throw new Error(`${file}: bad code "${row.code}"`);
    if (seen.has(row.code)) throw new Error(`${file}: duplicate code "${row.code}"`);
    seen.add(row.code);
  }
}

function benefitLevel(file, code, value, { optional }) {
  if (value === '' && optional) return null;
  if (!/^[1-5]$/.test(value)) throw new Error(`${file}: ${code} has benefit level "${value}"`);
  return Number(value);
}

const header = (csv) =>
  `// GENERATED FILE: do not edit. Source: libs/shared/validation/data/${csv}\n` +
  `// (sources and caveats in libs/shared/validation/data/README.md). Regenerate with: node ${SCRIPT}\n`;

const literal = (value) => JSON.stringify(value);

function cccdProvinces() {
  const file = 'cccd-province-codes.csv';
  const rows = readCsv(file, ['code', 'province_vi']);
  check(file, rows, { count: 63, codePattern: /^\d{3}$/ });
  const entries = rows.map((r) => `{ code: ${literal(r.code)}, name: ${literal(r.province_vi)} },`).join('\n');
  return `${header(file)}
/**
 * A birth-registration province in digits 1–3 of a CCCD (personal identification number), per
 * TT 07/2016/TT-BCA Phụ lục I: the 63 provinces as they were **before the 2025 merger**.
 *
 * Never join these codes to the 2025 (34-province) list: several 2025 codes name a different
 * province (new 52 Gia Lai was old 052 Bình Định, new 15 Lào Cai was old 015 Yên Bái, …).
 */
export interface CccdProvince {
  /** Three digits, "0" + the pre-2025 GSO province code. */
  readonly code: string;
  /** Name as printed in the circular (pre-2025 province). */
  readonly name: string;
}

/** The 63 pre-2025 provinces that CCCD digits 1–3 encode. Never join to the 2025 province list. */
export const CCCD_PROVINCES = [
${entries}
] as const satisfies readonly CccdProvince[];

export type CccdProvinceCode = (typeof CCCD_PROVINCES)[number]['code'];
`;
}

function bhytObjectCodes() {
  const file = 'bhyt-object-codes.csv';
  const rows = readCsv(file, [
    'code',
    'meaning_vi',
    'meaning_en',
    'benefit_level_2015',
    'benefit_level_current',
    'note',
  ]);
  check(file, rows, { codePattern: /^[A-Z]{2}$/ });
  const entries = rows
    .map(
      (r) => `{
  code: ${literal(r.code)},
  meaningVi: ${r.meaning_vi === '' ? 'null' : literal(r.meaning_vi)},
  meaningEn: ${r.meaning_en === '' ? 'null' : literal(r.meaning_en)},
  benefitLevel: ${benefitLevel(file, r.code, r.benefit_level_current, { optional: false })},
  benefitLevel2015: ${benefitLevel(file, r.code, r.benefit_level_2015, { optional: true })},
  note: ${literal(r.note)},
},`,
    )
    .join('\n');
  return `${header(file)}
/** Mức hưởng: the benefit level in the 3rd character of a BHYT card number (QĐ 1351/QĐ-BHXH Điều 2). */
export type BenefitLevel = 1 | 2 | 3 | 4 | 5;

/** A BHYT object (group) code: the first two letters of a BHYT card number. */
export interface BhytObjectCode {
  readonly code: string;
  /** QĐ 1351/QĐ-BHXH wording; null for the later codes whose meaning was not found (verify with BHXH). */
  readonly meaningVi: string | null;
  /** Our own short English gloss, not an official translation. */
  readonly meaningEn: string | null;
  /** Current grouping (QĐ 1018/QĐ-BHXH 2024 and NQ 261/2025/QH15 as reported by secondary sources). */
  readonly benefitLevel: BenefitLevel;
  /** Grouping of QĐ 1351/QĐ-BHXH (2015); null for codes added later. */
  readonly benefitLevel2015: BenefitLevel | null;
  /** Where the row comes from and how sure it is. */
  readonly note: string;
}

/**
 * The BHYT object codes known to Benhan. A card's benefit level may differ from its group's level:
 * a person in several groups gets the group first in QĐ 1351's order and the most favourable level.
 */
export const BHYT_OBJECT_CODES = [
${entries}
] as const satisfies readonly BhytObjectCode[];

export type BhytObjectCodeValue = (typeof BHYT_OBJECT_CODES)[number]['code'];
`;
}

function ethnicities() {
  const file = 'ethnicities-vi.csv';
  const rows = readCsv(file, ['code', 'name_vi']);
  check(file, rows, { count: 54, codePattern: /^\d{2}$/ });
  rows.forEach((r, i) => {
    if (Number(r.code) !== i + 1) throw new Error(`${file}: codes must run 01–54 in order, found ${r.code}`);
  });
  const entries = rows.map((r) => `{ code: ${literal(r.code)}, name: ${literal(r.name_vi)} },`).join('\n');
  return `${header(file)}
/** One of Vietnam's 54 ethnic groups (dân tộc), as in BHYT XML field MA_DANTOC. */
export interface Ethnicity {
  /** Two digits, 01–54. */
  readonly code: string;
  readonly name: string;
}

/**
 * The 54 ethnic groups numbered per QĐ 121-TCTK/PPCĐ (1979), the decision QĐ 130/QĐ-BYT names for MA_DANTOC.
 * Numbering caveat: GSO's 2008 list (QĐ 1019/QĐ-TCTK) numbers differently from 04 on (04 Mường, 05 Khơ me,
 * 06 Hoa, …) and some systems number alphabetically; confirm with BHXH which numbering it validates.
 * Codes 01–09 were checked against an official reproduction, 10–54 only against two code copies.
 */
export const ETHNICITIES = [
${entries}
] as const satisfies readonly Ethnicity[];

export type EthnicityCode = (typeof ETHNICITIES)[number]['code'];

/**
 * A foreign national: **not** one of the 54 groups and not in QĐ 121. Some systems use 55 "Người nước ngoài";
 * that is a local convention, not an official code, so check what BHXH accepts before sending it in MA_DANTOC.
 */
export const FOREIGN_NATIONAL_ETHNICITY = { code: '55', name: 'Người nước ngoài' } as const satisfies Ethnicity;
`;
}

const outputs = {
  'cccd-province-codes.ts': cccdProvinces(),
  'bhyt-object-codes.ts': bhytObjectCodes(),
  'ethnicities.ts': ethnicities(),
};

const checkOnly = process.argv.includes('--check');
let stale = 0;
for (const [name, source] of Object.entries(outputs)) {
  const path = join(outDir, name);
  const options = { ...(await prettier.resolveConfig(path)), filepath: path };
  const formatted = await prettier.format(source, options);
  const current = (() => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  })();
  if (current === formatted) continue;
  if (checkOnly) {
    stale++;
    console.error(`out of date: ${relative(root, path)}`);
  } else {
    writeFileSync(path, formatted);
    console.log(`wrote ${relative(root, path)}`);
  }
}
if (checkOnly && stale) {
  console.error(`run: node ${SCRIPT}`);
  process.exit(1);
}
