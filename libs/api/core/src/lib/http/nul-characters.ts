import { BadRequestException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * PostgreSQL cannot store the NUL character (U+0000) in text or jsonb: a value carrying one would fail deep in a
 * query as a server error. It never belongs in clinical text, so a request carrying one, in its URL or anywhere in
 * its parsed body, is refused at the door with a 400 naming where it is.
 */
export function refuseNulCharacters(req: Request, _res: Response, next: NextFunction): void {
  const field = /%00/.test(req.originalUrl) ? urlFieldOf(req.originalUrl) : nulPathIn(req.body, '');
  if (field === null) return next();
  const message = `${field} contains the NUL character (U+0000), which no text may hold`;
  next(new BadRequestException({ message, errors: [{ field, message, code: 'nul_character' }] }));
}

/** Where in a parsed JSON value the first NUL character is (`a.b[2]`, or '' for the value itself); null when none. */
export function nulPathIn(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : null;
  // Deeper than any form or FHIR resource: leave it to the parsers' own limits.
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPathIn(value[i], `${path}[${i}]`, depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return here;
    const found = nulPathIn(item, here, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** The query parameter holding `%00`, or the path. */
function urlFieldOf(url: string): string {
  const [path, query = ''] = url.split('?', 2);
  if (/%00/.test(path)) return 'path';
  const pair = query.split('&').find((p) => /%00/.test(p)) ?? '';
  const name = pair.split('=')[0];
  try {
    return decodeURIComponent(name).split('\u0000').join('') || 'query';
  } catch {
    return 'query';
  }
}
