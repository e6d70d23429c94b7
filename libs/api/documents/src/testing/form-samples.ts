import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { UploadFormRequest } from '@benhan/shared/contracts';

const FORMS_DIR = join(__dirname, '..', '..', 'forms');
const SAMPLES_DIR = join(__dirname, 'form-samples');

export interface InvalidCase {
  name: string;
  content: Record<string, unknown>;
  path: string;
  keyword: string;
}

export interface ShippedFormSample {
  slug: string;
  definition: UploadFormRequest;
  valid: Record<string, unknown>;
  invalid: InvalidCase[];
}

/** Every shipped form with its valid sample and its invalid cases (src/testing/form-samples). */
export function shippedFormSamples(): ShippedFormSample[] {
  return readdirSync(FORMS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const slug = file.replace(/\.json$/, '');
      const read = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
      return {
        slug,
        definition: read(join(FORMS_DIR, file)) as UploadFormRequest,
        valid: read(join(SAMPLES_DIR, `${slug}.valid.json`)) as Record<string, unknown>,
        invalid: (read(join(SAMPLES_DIR, `${slug}.invalid.json`)) as { cases: InvalidCase[] }).cases,
      };
    });
}

/** The valid sample of the form with this code. */
export function sampleContent(code: string): Record<string, unknown> {
  const sample = shippedFormSamples().find((s) => s.definition.code === code);
  if (!sample) throw new Error(`No shipped form ${code}`);
  return structuredClone(sample.valid);
}
