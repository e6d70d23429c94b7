import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TranslationObject } from '@ngx-translate/core';

/** The app's real Vietnamese texts (tests only: read from disk), so specs assert what users read. */
export const VI = JSON.parse(
  readFileSync(join(__dirname, '../../../../../apps/web/public/i18n/vi.json'), 'utf8'),
) as TranslationObject;

/** `records.queue.title` → its Vietnamese text; throws on a missing key so a typo fails loudly. */
export function vi(key: string, params: Record<string, string> = {}): string {
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], VI);
  if (typeof value !== 'string') throw new Error(`No Vietnamese text for ${key}`);
  return value.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => params[name] ?? '');
}
