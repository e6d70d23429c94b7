import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TranslationObject } from '@ngx-translate/core';

const read = (lang: string) => JSON.parse(readFileSync(join(__dirname, `../../../../../apps/web/public/i18n/${lang}.json`), 'utf8')) as TranslationObject;

/** The app's real Vietnamese and English texts (tests only: read from disk), so specs assert what users read. */
export const VI = read('vi');
export const EN = read('en');

/** A key's text in a translation tree, or undefined. */
export function textOf(tree: TranslationObject, key: string): string | undefined {
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
  return typeof value === 'string' ? value : undefined;
}

/** `inspector.trail.title` → its Vietnamese text; throws on a missing key so a typo fails loudly. */
export function vi(key: string, params: Record<string, string | number> = {}): string {
  const value = textOf(VI, key);
  if (value === undefined) throw new Error(`No Vietnamese text for ${key}`);
  return value.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
}
