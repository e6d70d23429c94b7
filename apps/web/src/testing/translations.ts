import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '@benhan/web/ui';

/** A translation tree as stored in apps/web/public/i18n/<lang>.json. */
export interface TranslationTree {
  [key: string]: string | TranslationTree;
}

export const I18N_DIR = join(__dirname, '../../public/i18n');

/** The real translation file, so specs assert the wording users see (tests only: reads from disk). */
export function readTranslations(language: Language): TranslationTree {
  return JSON.parse(readFileSync(join(I18N_DIR, `${language}.json`), 'utf8')) as TranslationTree;
}

/** `login.error.locked` → its text in the given tree; throws on a missing key so a typo fails loudly. */
export function text(tree: TranslationTree, key: string): string {
  const value = key.split('.').reduce<string | TranslationTree | undefined>(
    (node, part) => (typeof node === 'object' ? node[part] : undefined),
    tree,
  );
  if (typeof value !== 'string') throw new Error(`No translation for ${key}`);
  return value;
}
