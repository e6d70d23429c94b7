import type { FormSummary, UploadFormRequest } from '@benhan/shared/contracts';
import { describeSchema } from '@benhan/web/ui';

/**
 * Reading a form definition file (the format of libs/api/documents/forms/README.md) before it is uploaded: enough
 * to say what it is and to preview its schema. The full check is the server's, whose 400 names each bad entry.
 */
export type FormFileProblemCode = 'not_json' | 'not_object' | 'no_code' | 'no_title' | 'no_schema';

export type FormFileReading =
  | { ok: true; definition: UploadFormRequest; previewable: boolean }
  | { ok: false; code: FormFileProblemCode; message?: string };

export function readFormFile(text: string): FormFileReading {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, code: 'not_json', message: (error as Error).message };
  }
  if (!isObject(parsed)) return { ok: false, code: 'not_object' };
  if (typeof parsed['code'] !== 'string' || !parsed['code'].trim()) return { ok: false, code: 'no_code' };
  const title = parsed['title'];
  if (!isObject(title) || typeof title['vi'] !== 'string' || !title['vi'].trim()) return { ok: false, code: 'no_title' };
  if (!isObject(parsed['schema'])) return { ok: false, code: 'no_schema' };
  const definition = parsed as unknown as UploadFormRequest;
  return { ok: true, definition, previewable: canPreview(definition) };
}

/** Whether the upload is a new form or a new schema version of a form already in the registry. */
export type UploadKind = { kind: 'new_form' } | { kind: 'new_version'; current: FormSummary };

export function uploadKindOf(code: string, registry: readonly FormSummary[]): UploadKind {
  const current = registry.find((f) => f.code === code);
  return current ? { kind: 'new_version', current } : { kind: 'new_form' };
}

/** The form generator can lay the schema out (an object with properties); otherwise only the server's check applies. */
function canPreview(definition: UploadFormRequest): boolean {
  const schema = definition.schema;
  if (schema.type !== 'object' || !isObject(schema.properties)) return false;
  try {
    describeSchema(schema);
    return true;
  } catch {
    return false;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
