import { createHash } from 'node:crypto';

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the one byte string a JSON value hashes and signs as.
 * Primitives serialise as ECMAScript's JSON.stringify does (which is what the RFC specifies, numbers
 * included); object members are sorted by their names' UTF-16 code units, which is JavaScript's default
 * string order. I-JSON limits apply: non-finite numbers and lone surrogates are refused, not guessed.
 */
export function canonicalJson(value: unknown): string {
  return serialise(value, '$');
}

/** The UTF-8 bytes of the canonical form. */
export function canonicalJsonBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}

/** Hex SHA-256 of the canonical form's UTF-8 bytes. */
export function canonicalSha256(value: unknown): string {
  return createHash('sha256').update(canonicalJsonBytes(value)).digest('hex');
}

export class CanonicalJsonError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'CanonicalJsonError';
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Deeper nesting (or a cycle) is refused: JSON.parse reads thousands of levels, and recursing through them overflowed the stack. */
export const MAX_CANONICAL_DEPTH = 500;

function serialise(value: unknown, path: string, depth = 0): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `${value} is not a JSON number`);
      // Number→string of ECMAScript (-0 prints as 0), exactly what RFC 8785 §3.2.2.3 requires.
      return JSON.stringify(value);
    case 'string':
      return serialiseString(value, path);
    case 'object':
      if (depth >= MAX_CANONICAL_DEPTH) throw new CanonicalJsonError(path, `nested deeper than ${MAX_CANONICAL_DEPTH} levels (or a cycle)`);
      // Array.from visits holes too (as undefined, refused like an undefined item): map() kept them, and "[,1]" is not JSON.
      if (Array.isArray(value)) return `[${Array.from(value, (item, i) => serialise(item, `${path}[${i}]`, depth + 1)).join(',')}]`;
      return serialiseObject(value as Record<string, unknown>, path, depth);
    default:
      throw new CanonicalJsonError(path, `a ${typeof value} has no JSON form`);
  }
}

function serialiseString(value: string, path: string): string {
  if (LONE_SURROGATE.test(value)) throw new CanonicalJsonError(path, 'a string with a lone surrogate is not I-JSON');
  return JSON.stringify(value);
}

function serialiseObject(value: Record<string, unknown>, path: string, depth: number): string {
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    throw new CanonicalJsonError(path, 'objects with toJSON (e.g. Date) must be converted to strings before canonicalisation');
  }
  const members: string[] = [];
  // Default sort compares UTF-16 code units, as §3.2.3 asks. Undefined members are absent, as in JSON.
  for (const key of Object.keys(value).sort()) {
    const member = value[key];
    if (member === undefined) continue;
    members.push(`${serialiseString(key, path)}:${serialise(member, `${path}.${key}`, depth + 1)}`);
  }
  return `{${members.join(',')}}`;
}
