import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { FieldError, JsonSchema } from '@benhan/shared/contracts';

/** The hints a form schema may carry for the form generator; Ajv's strict mode refuses any other unknown keyword. */
export const FORM_HINT_KEYWORDS = ['x-title-en', 'x-unit', 'x-multiline', 'x-code-system'] as const;

const ALLOWED_KEYWORDS = new Set<string>([
  '$schema',
  '$id',
  'type',
  'title',
  'description',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'oneOf',
  'const',
  'enum',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'default',
  ...FORM_HINT_KEYWORDS,
]);

/**
 * A form's content schema compiled twice: `complete` is the form as the Ministry prints it (mandatory fields
 * required: what a version needs before it is signed or the record closed); `draft` drops `required` and
 * `minItems`, so a half-written draft saves, while types, ranges, patterns and unknown fields still fail.
 */
export interface CompiledFormSchema {
  draft: ValidateFunction;
  complete: ValidateFunction;
}

export class FormSchemaCompiler {
  private readonly ajv: Ajv2020;
  private readonly cache = new Map<string, CompiledFormSchema>();

  constructor() {
    this.ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: false });
    this.ajv.addVocabulary([...FORM_HINT_KEYWORDS]);
    addFormats(this.ajv, ['date', 'date-time', 'time']);
  }

  /** Compiled validators for a form's schema version (cached: schema versions never change). */
  compiled(key: string, schema: JsonSchema): CompiledFormSchema {
    let compiled = this.cache.get(key);
    if (!compiled) {
      compiled = { complete: this.ajv.compile(withoutId(schema)), draft: this.ajv.compile(draftSchema(schema)) };
      this.cache.set(key, compiled);
    }
    return compiled;
  }

  /**
   * What is wrong with an uploaded schema as a form schema: it must compile (strict Ajv), stay within the
   * keywords the generator understands, close every object (additionalProperties false, so unknown fields
   * are rejected) and title every property.
   */
  lint(schema: unknown): FieldError[] {
    const problems: FieldError[] = [];
    if (!isObject(schema) || schema['type'] !== 'object') return [{ field: 'schema', message: 'must be a JSON Schema of type object', code: 'type' }];
    walk(schema as JsonSchema, 'schema', problems);
    if (problems.length) return problems;
    try {
      this.ajv.compile(withoutId(schema as JsonSchema));
      this.ajv.compile(draftSchema(schema as JsonSchema));
    } catch (error) {
      problems.push({ field: 'schema', message: `does not compile: ${(error as Error).message}`, code: 'schema' });
    }
    return problems;
  }
}

/** Ajv errors as field errors: `field` is the JSON Pointer of the offending value, `code` the failing keyword. */
export function contentErrors(errors: ErrorObject[] | null | undefined): FieldError[] {
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const error of errors ?? []) {
    // oneOf over consts reports each const miss; the oneOf line says it once.
    if (error.keyword === 'const' && /\/oneOf\/\d+\/const$/.test(error.schemaPath)) continue;
    const field = pointerOf(error);
    const message = messageOf(error);
    const key = `${field}|${error.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ field, message, code: error.keyword });
  }
  return result;
}

function pointerOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') return `${error.instancePath}/${escapePointer(String(params['additionalProperty']))}`;
  if (error.keyword === 'required') return `${error.instancePath}/${escapePointer(String(params['missingProperty']))}`;
  return error.instancePath || '/';
}

function messageOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return 'is not a field of this form';
    case 'required':
      return 'is required';
    case 'oneOf':
      return 'must be one of the listed values';
    default:
      return error.message ?? `fails ${error.keyword}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`;
  }
}

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function withoutId(schema: JsonSchema): JsonSchema {
  // Ajv registers $id globally; two versions of a form must not collide.
  const { $id: _id, ...rest } = schema;
  return rest;
}

function draftSchema(schema: JsonSchema): JsonSchema {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (!isObject(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'required' || key === 'minItems' || key === '$id') continue;
      out[key] = key === 'properties' ? Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, strip(v)])) : strip(value);
    }
    return out;
  };
  return strip(schema) as JsonSchema;
}

function walk(node: JsonSchema, path: string, problems: FieldError[]): void {
  for (const key of Object.keys(node)) {
    if (!ALLOWED_KEYWORDS.has(key)) problems.push({ field: `${path}.${key}`, message: `keyword ${key} is not supported in form schemas`, code: 'keyword' });
  }
  if (node.type === 'object') {
    if (node.additionalProperties !== false) problems.push({ field: path, message: 'objects must set additionalProperties: false', code: 'additionalProperties' });
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      const childPath = `${path}.properties.${name}`;
      if (!isObject(child)) {
        problems.push({ field: childPath, message: 'must be a schema object', code: 'type' });
        continue;
      }
      if (typeof child.title !== 'string' || !child.title.trim()) problems.push({ field: childPath, message: 'every field needs a title', code: 'title' });
      walk(child, childPath, problems);
    }
  }
  if (node.type === 'array') {
    if (!isObject(node.items)) problems.push({ field: path, message: 'arrays must describe their items', code: 'items' });
    else walk(node.items, `${path}.items`, problems);
  }
  if (node.type === 'string' && node.maxLength === undefined && node.format === undefined && node.pattern === undefined && !node.oneOf && !node.enum) {
    problems.push({ field: path, message: 'free-text fields need a maxLength', code: 'maxLength' });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
