import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';

/**
 * Where the code-list CSVs are: beside the built API (webpack copies libs/api/terminology/data to
 * dist/apps/api/assets/terminology, and main.js is the bundle, so `__dirname` is dist/apps/api), else
 * the source folder (Jest, ts-node: `__dirname` is this file's folder).
 */
const CANDIDATES = [join(__dirname, 'assets', 'terminology'), join(__dirname, '..', '..', '..', 'data')];
const MARKER = 'icd10-vi.csv';

export function terminologyDataDir(): string {
  const dir = CANDIDATES.find((candidate) => existsSync(join(candidate, MARKER)));
  if (!dir) throw new Error(`Terminology data files (${MARKER} …) not found in ${CANDIDATES.join(' or ')}: is the API build missing its assets?`);
  return dir;
}

/** A code-list file by name (in the data directory) or absolute path, as text. */
export function readTerminologyFile(file: string): Promise<string> {
  return readFile(isAbsolute(file) ? file : join(terminologyDataDir(), file), 'utf8');
}
