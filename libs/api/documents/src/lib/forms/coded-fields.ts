import type { JsonSchema } from '@benhan/shared/contracts';

export interface CodedValue {
  /** JSON Pointer of the value in the content. */
  pointer: string;
  system: string;
  code: string;
}

/** Every filled field of the content whose schema names a code system (`x-code-system`), e.g. ICD-10 diagnoses. */
export function codedValues(schema: JsonSchema, content: unknown, pointer = ''): CodedValue[] {
  const system = schema['x-code-system'];
  if (typeof system === 'string' && typeof content === 'string' && content.trim()) return [{ pointer, system, code: content.trim() }];
  if (schema.type === 'array' && schema.items && Array.isArray(content)) {
    return content.flatMap((item, i) => codedValues(schema.items as JsonSchema, item, `${pointer}/${i}`));
  }
  if (schema.type === 'object' && schema.properties && typeof content === 'object' && content !== null && !Array.isArray(content)) {
    return Object.entries(schema.properties).flatMap(([key, child]) =>
      codedValues(child, (content as Record<string, unknown>)[key], `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`),
    );
  }
  return [];
}
