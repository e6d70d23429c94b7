import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { encodeCursor, parseToken, type DateRange, type ParsedSearch, type SearchClause, type SearchCursor, type Token } from './search-params';

type Param = (value: unknown) => string;
type SortOrder = [string, 'ASC' | 'DESC'][];

/** Rows of one page, plus the look-ahead row when more follow; `total` when counted; `next`: the next page's cursor. */
export interface Page<T> {
  rows: T[];
  total?: number;
  next?: string;
}

/**
 * Turns search clauses into SQL conditions on a raw TypeORM query builder, always with bound parameters.
 * A clause's comma-separated values are OR-ed; repeated clauses are AND-ed. A value that cannot match
 * (a malformed id, another system) contributes `false`, never an error from the database.
 */
export class SqlSearch {
  private counter = 0;

  /** `prefix` names the bound parameters; searches merged by union() need distinct ones. */
  constructor(
    readonly qb: SelectQueryBuilder<ObjectLiteral>,
    private readonly prefix = 'fhir_',
  ) {}

  and(build: (p: Param) => string): this {
    const params: Record<string, unknown> = {};
    const sql = build((value) => {
      const name = `${this.prefix}${this.counter++}`;
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

  /**
   * The page the search asks for. Counting every match costs as much as the search itself on a large table (a patient's
   * 13,000 results of one test, to show 20), so the total is counted only when asked: `_total=accurate`, or `_count=0`
   * (which asks for nothing else) unless `_total=none`. The page reads one row past its end and returns it too, which
   * tells whether a next page exists (FhirSearchResult); the caller drops it.
   */
  async page<T>(search: ParsedSearch, order: SortOrder): Promise<Page<T>> {
    return SqlSearch.union<T>([this], search, order);
  }

  /**
   * page() over the UNION ALL of searches that select the same columns, the `order` columns among them. Each branch is
   * sorted and cut to the rows the page can need (offset + count + 1) before the union is sorted, so a branch is an ordered
   * index scan and nothing sorts a whole history; the total is the sum of the branches' counts.
   *
   * With `keyset`, `order` is a timestamp and then a uuid column: the page starts after `search.cursor` when there is one,
   * and `next` is the cursor of the page after this one (SearchCursor).
   */
  static async union<T>(branches: SqlSearch[], search: ParsedSearch, order: SortOrder, keyset = false): Promise<Page<T>> {
    let total: number | undefined;
    if (countsTotal(search)) {
      total = 0;
      for (const branch of branches) total += await branch.count();
      if (search.count === 0 || (search.offset >= total && !search.cursor)) return { rows: [], total };
    } else if (search.count === 0) {
      return { rows: [] };
    }
    if (search.cursor && !keyset) throw new Error('_cursor given to a search that does not page by key');
    if (keyset) for (const branch of branches) branch.after(search.cursor, order);
    const limit = search.count + 1;
    let qb = branches[0].qb;
    if (branches.length > 1) {
      const union = branches.map((b) => `(${sorted(b.qb, order).limit(search.offset + limit).getQuery()})`).join(' UNION ALL ');
      // The outer alias repeats the branches' one, so the same order columns apply.
      qb = qb.connection
        .createQueryBuilder()
        .select(`${qb.alias}.*`)
        .from(`(${union})`, qb.alias)
        .setParameters(Object.assign({}, ...branches.map((b) => b.qb.getParameters())));
    }
    const rows = (await sorted(qb, order).offset(search.offset).limit(limit).getRawMany()) as (T & { fhir_cursor_at?: string; fhir_cursor_id?: string })[];
    const last = rows.length > search.count ? rows[search.count - 1] : undefined;
    return { rows, total, ...(keyset && last?.fhir_cursor_at && last.fhir_cursor_id ? { next: encodeCursor(last.fhir_cursor_at, last.fhir_cursor_id) } : {}) };
  }

  /** Select each row's key for a next cursor and, with a cursor, keep only the rows after it in `order`. */
  private after(cursor: SearchCursor | undefined, order: SortOrder): void {
    const [[at, atDirection], [id, idDirection]] = order;
    // to_char keeps the microseconds a JavaScript Date would drop; the format is a parameter because of its colons.
    this.qb
      .addSelect(`to_char(${at} AT TIME ZONE 'UTC', :fhirCursorFormat)`, 'fhir_cursor_at')
      .addSelect(`${id}::text`, 'fhir_cursor_id')
      .setParameter('fhirCursorFormat', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
    if (!cursor) return;
    const [before, beyond] = [atDirection === 'DESC' ? '<' : '>', idDirection === 'DESC' ? '<' : '>'];
    // The first term alone is what an index on (…, at, id) can start from; the second settles ties on the time.
    this.and((p) => `${at} ${before}= ${p(cursor.at)} AND (${at} ${before} ${p(cursor.at)} OR ${id} ${beyond} ${p(cursor.id)})`);
  }

  private async count(): Promise<number> {
    const counted = (await this.qb.clone().select('count(*)', 'n').orderBy().getRawOne()) as { n: string } | undefined;
    return Number(counted?.n ?? 0);
  }
}

function sorted(qb: SelectQueryBuilder<ObjectLiteral>, order: SortOrder): SelectQueryBuilder<ObjectLiteral> {
  order.forEach(([column, direction], i) => (i === 0 ? qb.orderBy(column, direction) : qb.addOrderBy(column, direction)));
  return qb;
}

/** Whether a search needs its matches counted (see SqlSearch.page). */
export function countsTotal(search: ParsedSearch): boolean {
  return search.totalMode === 'accurate' || (search.count === 0 && search.totalMode !== 'none');
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
