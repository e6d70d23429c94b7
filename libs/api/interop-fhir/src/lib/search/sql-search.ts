import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { parseToken, type DateRange, type ParsedSearch, type SearchClause, type Token } from './search-params';

type Param = (value: unknown) => string;

/**
 * Turns search clauses into SQL conditions on a raw TypeORM query builder, always with bound parameters.
 * A clause's comma-separated values are OR-ed; repeated clauses are AND-ed. A value that cannot match
 * (a malformed id, another system) contributes `false`, never an error from the database.
 */
export class SqlSearch {
  private counter = 0;

  constructor(readonly qb: SelectQueryBuilder<ObjectLiteral>) {}

  and(build: (p: Param) => string): this {
    const params: Record<string, unknown> = {};
    const sql = build((value) => {
      const name = `fhir_${this.counter++}`;
      params[name] = value;
      return `:${name}`;
    });
    this.qb.andWhere(sql, params);
    return this;
  }

  /** AND one clause, OR-ing its values; `one` returns the condition for a value, or null if it cannot match. */
  anyOf(clause: SearchClause, one: (value: string, p: Param) => string | null): this {
    return this.and((p) => `(${clause.values.map((v) => one(v, p) ?? 'false').join(' OR ')})`);
  }

  token(clause: SearchClause, one: (token: Token, p: Param) => string | null): this {
    return this.anyOf(clause, (v, p) => one(parseToken(v), p));
  }

  /** The page the search asks for and the total number of matches. */
  async page<T>(search: ParsedSearch, order: [string, 'ASC' | 'DESC'][]): Promise<{ rows: T[]; total: number }> {
    const counted = (await this.qb.clone().select('count(*)', 'n').orderBy().getRawOne()) as { n: string } | undefined;
    const total = Number(counted?.n ?? 0);
    if (search.count === 0 || search.offset >= total) return { rows: [], total };
    order.forEach(([column, direction], i) => (i === 0 ? this.qb.orderBy(column, direction) : this.qb.addOrderBy(column, direction)));
    const rows = (await this.qb.offset(search.offset).limit(search.count).getRawMany()) as T[];
    return { rows, total };
  }
}

/** The SQL for a date search value against a timestamp (`instant`) or a date column. */
export function dateSql(column: string, range: DateRange, p: Param, kind: 'instant' | 'date' = 'instant'): string {
  const v = (d: Date) => (kind === 'date' ? `${p(d.toISOString().slice(0, 10))}::date` : p(d));
  switch (range.prefix) {
    case 'eq':
      return `(${column} >= ${v(range.start)} AND ${column} < ${v(range.end)})`;
    case 'ne':
      return `(${column} < ${v(range.start)} OR ${column} >= ${v(range.end)})`;
    case 'gt':
    case 'sa':
      return `${column} >= ${v(range.end)}`;
    case 'lt':
    case 'eb':
      return `${column} < ${v(range.start)}`;
    case 'ge':
      return `${column} >= ${v(range.start)}`;
    case 'le':
      return `${column} < ${v(range.end)}`;
  }
}
