import type { SearchParamDefinition } from './search-params';
import { isUuid, parseDate, type SearchClause } from './search-params';
import { dateSql, type SqlSearch } from './sql-search';

export const ID_PARAM: SearchParamDefinition = { name: '_id', type: 'token', documentation: 'Logical id of the resource' };
export const LAST_UPDATED_PARAM: SearchParamDefinition = { name: '_lastUpdated', type: 'date', documentation: 'When the resource last changed (prefixes eq, ne, gt, lt, ge, le, sa, eb)' };

export function reference(name: string, documentation: string): SearchParamDefinition {
  return { name, type: 'reference', documentation };
}

export function date(name: string, documentation: string): SearchParamDefinition {
  return { name, type: 'date', documentation };
}

export function token(name: string, documentation: string): SearchParamDefinition {
  return { name, type: 'token', documentation };
}

/** `_id=a,b`: ids that are not ours match nothing. */
export function idCondition(sql: SqlSearch, clause: SearchClause, column: string): void {
  sql.anyOf(clause, (v, p) => (isUuid(v) ? `${column} = ${p(v.toLowerCase())}` : null));
}

export function dateCondition(sql: SqlSearch, clause: SearchClause, column: string, kind: 'instant' | 'date' = 'instant'): void {
  sql.anyOf(clause, (v, p) => dateSql(column, parseDate(clause.name, v), p, kind));
}

/** Escape LIKE wildcards in a user's value. */
export function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
