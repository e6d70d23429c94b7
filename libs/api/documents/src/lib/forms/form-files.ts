import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UploadFormRequest } from '@benhan/shared/contracts';

/**
 * Where the shipped form definitions are: beside the built API (webpack copies libs/api/documents/forms to
 * dist/apps/api/assets/forms; `__dirname` is dist/apps/api), else the source folder (Jest: this file's folder).
 */
const CANDIDATES = [join(__dirname, 'assets', 'forms'), join(__dirname, '..', '..', '..', 'forms')];

export function formsDir(): string {
  const dir = CANDIDATES.find((candidate) => existsSync(candidate) && readdirSync(candidate).some((f) => f.endsWith('.json')));
  if (!dir) throw new Error(`Form definitions (*.json) not found in ${CANDIDATES.join(' or ')}: is the API build missing its assets?`);
  return dir;
}

/** Every shipped form definition, by file name. */
export function readShippedForms(dir = formsDir()): { file: string; definition: UploadFormRequest }[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      try {
        return { file, definition: JSON.parse(readFileSync(join(dir, file), 'utf8')) as UploadFormRequest };
      } catch (error) {
        throw new Error(`Form definition ${file} is not valid JSON: ${(error as Error).message}`);
      }
    });
}
