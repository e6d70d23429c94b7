import { HttpParams } from '@angular/common/http';

type ParamValue = string | number | readonly string[] | null | undefined;

/** The query's filled-in values as URL parameters: strings trimmed, empty ones and undefined left out, arrays repeated. */
export function toParams(query: object): HttpParams {
  let params = new HttpParams();
  for (const [name, value] of Object.entries(filledIn(query as Record<string, ParamValue>))) {
    params = Array.isArray(value) ? value.reduce<HttpParams>((p, v: string) => p.append(name, v), params) : params.set(name, value as string | number);
  }
  return params;
}

/** The query without its empty values (strings trimmed, blank array entries dropped). */
export function filledIn<T extends object>(query: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query) as [string, ParamValue][]) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      const values = value.map((v) => v.trim()).filter(Boolean);
      if (values.length) out[name] = values;
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : value;
    if (text !== '') out[name] = text;
  }
  return out as Partial<T>;
}
