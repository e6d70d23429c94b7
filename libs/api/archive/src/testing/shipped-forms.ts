import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { UploadFormRequest } from '@benhan/shared/contracts';

const FORMS = join(__dirname, '..', '..', '..', 'documents', 'forms');
const SAMPLES = join(__dirname, '..', '..', '..', 'documents', 'src', 'testing', 'form-samples');

/** The shipped form definitions with their complete sample contents (owned by the documents library). */
export function shippedForms(): { slug: string; definition: UploadFormRequest; valid: Record<string, unknown> }[] {
  return readdirSync(FORMS)
    .filter((f) => f.endsWith('.json'))
    .map((file) => {
      const slug = file.replace(/\.json$/, '');
      return {
        slug,
        definition: JSON.parse(readFileSync(join(FORMS, file), 'utf8')) as UploadFormRequest,
        valid: JSON.parse(readFileSync(join(SAMPLES, `${slug}.valid.json`), 'utf8')) as Record<string, unknown>,
      };
    });
}
