import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { readTerminologyFile } from './data-files';
import { insertBatched, TERMINOLOGY_LOAD_LOCK } from './insert-batched';
import { CsvTable } from './parse-csv';

/** A flat code list: which table, from which file, each table column from which CSV column. */
export interface ReferenceListSpec {
  table: string;
  file: string;
  /** Table column → CSV header, in insert order; the first is the code. */
  columns: Readonly<Record<string, string>>;
  codePattern: RegExp;
  expectedRows: number;
}

/** Provinces before communes (communes reference them). */
export const REFERENCE_LISTS: readonly ReferenceListSpec[] = [
  { table: 'provinces', file: 'provinces-2025.csv', columns: { code: 'code', name: 'name_vi' }, codePattern: /^[0-9]{2}$/, expectedRows: 34 },
  { table: 'communes', file: 'communes-2025.csv', columns: { code: 'code', name: 'name_vi', province_code: 'province_code' }, codePattern: /^[0-9]{5}$/, expectedRows: 3321 },
  { table: 'ethnicities', file: 'ethnicities-vi.csv', columns: { code: 'code', name: 'name_vi' }, codePattern: /^[0-9]{2}$/, expectedRows: 54 },
];

/**
 * Loads the administrative units and ethnic groups into their tables when a table is empty. A later
 * revision of a list is a migration (renames, merges), not a reload: patients' addresses refer to it.
 */
@Injectable()
export class ReferenceListsLoader {
  private readonly logger = new Logger(ReferenceListsLoader.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Fill each empty table; returns the tables filled. */
  async loadEmpty(specs: readonly ReferenceListSpec[] = REFERENCE_LISTS): Promise<string[]> {
    const empty: ReferenceListSpec[] = [];
    for (const spec of specs) if (await this.isEmpty(this.dataSource.manager, spec.table)) empty.push(spec);
    if (!empty.length) return [];

    const lists = await Promise.all(empty.map(async (spec) => ({ spec, rows: read(spec, await readTerminologyFile(spec.file)) })));
    const started = Date.now();
    const filled = await this.dataSource.transaction('READ COMMITTED', async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [TERMINOLOGY_LOAD_LOCK]);
      const done: string[] = [];
      for (const { spec, rows } of lists) {
        if (!(await this.isEmpty(em, spec.table))) continue; // another process filled it meanwhile
        await insertBatched(em, spec.table, Object.keys(spec.columns), rows);
        done.push(`${spec.table} (${rows.length})`);
      }
      return done;
    });
    if (filled.length) this.logger.log(`Loaded ${filled.join(', ')} in ${Date.now() - started} ms`);
    return filled;
  }

  private async isEmpty(em: EntityManager, table: string): Promise<boolean> {
    const rows = (await em.query(`SELECT 1 FROM ${table} LIMIT 1`)) as unknown[];
    return rows.length === 0;
  }
}

function read(spec: ReferenceListSpec, text: string): string[][] {
  const table = CsvTable.parse(text, spec.file);
  const indexes = Object.values(spec.columns).map((column) => table.index(column));
  const seen = new Set<string>();
  const rows = table.rows.map((cells, i) => {
    const values = indexes.map((index) => cells[index].trim());
    const code = values[0];
    if (!spec.codePattern.test(code)) throw new Error(`${spec.file} line ${i + 2}: bad code "${code}"`);
    if (seen.has(code)) throw new Error(`${spec.file} line ${i + 2}: code ${code} appears twice`);
    if (values.some((v) => v === '')) throw new Error(`${spec.file} line ${i + 2}: empty cell`);
    seen.add(code);
    return values;
  });
  if (rows.length !== spec.expectedRows) throw new Error(`${spec.file}: ${rows.length} rows, expected ${spec.expectedRows}`);
  return rows;
}
