import type { EntityManager } from 'typeorm';

/** PostgreSQL's limit on bind parameters in one statement (a 16-bit count). */
const MAX_PARAMETERS = 65_535;
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Insert rows with multi-row `INSERT … VALUES (…), (…)` statements of up to `rowsPerStatement` rows:
 * one round trip per batch instead of per row. `table` and `columns` are code constants, never input.
 */
export async function insertBatched(em: EntityManager, table: string, columns: readonly string[], rows: readonly unknown[][], rowsPerStatement = 1000): Promise<void> {
  if (![table, ...columns].every((name) => IDENTIFIER.test(name))) throw new Error(`insertBatched: bad identifier in ${table}(${columns.join(', ')})`);
  const width = columns.length;
  const perStatement = Math.max(1, Math.min(rowsPerStatement, Math.floor(MAX_PARAMETERS / width)));
  for (let start = 0; start < rows.length; start += perStatement) {
    const batch = rows.slice(start, start + perStatement);
    const values = batch.map((row, r) => {
      if (row.length !== width) throw new Error(`insertBatched: row ${start + r} has ${row.length} values for ${width} columns`);
      return `(${row.map((_, c) => `$${r * width + c + 1}`).join(', ')})`;
    });
    await em.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, batch.flat());
  }
}

/** Serialises terminology loading across API processes starting together (an arbitrary constant). */
export const TERMINOLOGY_LOAD_LOCK = 4_620_260_003;
