import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { WORKSPACES } from '@benhan/shared/contracts';
import { LANGUAGES } from '@benhan/web/ui';
import { readTranslations, type TranslationTree } from '../testing/translations';

/**
 * Guards the rule "every string the user reads goes through i18n": both languages carry the same keys,
 * every key the code uses exists, no key is dead, and templates hold no bare text.
 *
 * How keys are written so this test can find them:
 * - templates: `'some.key' | translate`, or `(cond ? 'one.key' : 'other.key') | translate`
 * - TypeScript: `_('some.key')` (the ngx-translate marker), including route titles, or a literal key given to
 *   `translate.instant('some.key')` / `.get(…)` / `.stream(…)`
 * - workspace labels come from WORKSPACES in @benhan/shared/contracts
 */
const WORKSPACE_ROOT = join(__dirname, '../../../..');
const SOURCE_ROOTS = [join(WORKSPACE_ROOT, 'apps/web/src'), join(WORKSPACE_ROOT, 'libs/web')];

function flatten(tree: TranslationTree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    // index.html is the pre-bootstrap document: its <title> is the brand only, replaced by the title strategy.
    if (name === 'index.html') return [];
    return /\.(ts|html)$/.test(name) && !/\.spec\.ts$/.test(name) ? [path] : [];
  });
}

const files = SOURCE_ROOTS.flatMap(sourceFiles);
const contents = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
const translations = new Map(LANGUAGES.map((lang) => [lang, flatten(readTranslations(lang))]));
const vi = translations.get('vi') ?? new Map<string, string>();

/** The ways code names a translation key (see the list above); each captures the key (or both, for a choice). */
const KEY_PATTERNS = [
  /'([\w.-]+)'\s*\|\s*translate\b/g,
  /\?\s*'([\w.-]+)'\s*:\s*'([\w.-]+)'\s*\)\s*\|\s*translate\b/g,
  /\b_\(\s*'([\w.-]+)'\s*\)/g,
  /\btranslate\.(?:instant|get|stream)\(\s*'([\w.-]+)'/g,
];

function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  for (const [file, text] of contents) {
    for (const pattern of KEY_PATTERNS) {
      for (const match of text.matchAll(pattern)) {
        for (const key of match.slice(1)) used.set(key, relative(WORKSPACE_ROOT, file));
      }
    }
  }
  for (const workspace of WORKSPACES) used.set(workspace.labelKey, 'libs/shared/contracts (WORKSPACES)');
  return used;
}

describe('translations', () => {
  it('finds the sources it scans (guards the scanner itself)', () => {
    expect(files.some((f) => f.endsWith('login-page.html'))).toBe(true);
    expect(usedKeys().has('login.title')).toBe(true);
  });

  it('recognises every way the code names a key', () => {
    const sample = `{{ 'a.pipe' | translate }} {{ (on ? 'a.yes' : 'a.no') | translate }} _('a.marker')
      this.translate.instant('a.instant') translate.stream('a.stream') params.get('id')`;
    const found = KEY_PATTERNS.flatMap((pattern) => [...sample.matchAll(pattern)].flatMap((m) => m.slice(1)));
    expect(found.sort()).toEqual(['a.instant', 'a.marker', 'a.no', 'a.pipe', 'a.stream', 'a.yes']);
  });

  it.each(LANGUAGES.filter((l) => l !== 'vi'))('gives %s exactly the keys of Vietnamese', (lang) => {
    const other = translations.get(lang) ?? new Map<string, string>();
    expect([...other.keys()].sort()).toEqual([...vi.keys()].sort());
  });

  it.each(LANGUAGES)('has no empty text in %s', (lang) => {
    const empty = [...(translations.get(lang) ?? new Map<string, string>())].filter(([, v]) => !v.trim());
    expect(empty).toEqual([]);
  });

  it('has a translation for every key used in a template or marked in code', () => {
    const missing = [...usedKeys()].filter(([key]) => !vi.has(key)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('has no dead keys', () => {
    const used = usedKeys();
    expect([...vi.keys()].filter((key) => !used.has(key))).toEqual([]);
  });

  it('writes Vietnamese with its diacritics', () => {
    expect(vi.get('login.title')).toBe('Đăng nhập');
    expect(vi.get('login.username')).toBe('Tên đăng nhập');
    expect(vi.get('login.password')).toBe('Mật khẩu');
    expect(vi.get('login.error.invalidCredentials')).toContain('Sai tên đăng nhập hoặc mật khẩu');
    expect(vi.get('workspace.doctor')).toBe('Bác sĩ');
    expect(vi.get('workspace.nurse')).toBe('Điều dưỡng');
    expect(vi.get('workspace.records')).toBe('Lưu trữ hồ sơ');
    expect(vi.get('workspacePage.records.title')).toBe('Phòng Kế hoạch tổng hợp – Lưu trữ hồ sơ');
    expect(vi.get('workspace.inspector')).toBe('Thanh tra');
    expect(vi.get('workspace.admin')).toBe('Quản trị');
    expect(vi.get('shell.logout')).toBe('Đăng xuất');
  });

  it('keeps components on templateUrl, so every template is scanned here', () => {
    const inline = [...contents].filter(([f, t]) => f.endsWith('.ts') && /\btemplate\s*:/.test(t)).map(([f]) => f);
    expect(inline).toEqual([]);
  });

  it('has no hard-coded text in templates', () => {
    const offenders: string[] = [];
    for (const [file, html] of contents) {
      if (!file.endsWith('.html')) continue;
      const withoutCode = html
        .replace(/<!--[\s\S]*?-->/g, '')
        .replace(/\{\{[\s\S]*?\}\}/g, '')
        .replace(/@let\b[^;]*;/g, '')
        .replace(/@(if|for|else if|else|switch|case|default|empty|defer)\b[^{]*\{/g, '')
        .replace(/\}/g, '');
      // Text between tags containing a letter in any script is user-visible text. A tag ends at the first `>`
      // outside quotes: bindings such as `[class.x]="n > 0"` hold one.
      for (const match of withoutCode.replace(/<(?:[^>"']|"[^"]*"|'[^']*')*>/g, '\n').matchAll(/^.*\p{L}.*$/gmu)) {
        offenders.push(`${relative(WORKSPACE_ROOT, file)}: text "${match[0].trim()}"`);
      }
      // Static attributes a user reads or a screen reader speaks.
      for (const match of html.matchAll(/\s(placeholder|title|alt|aria-label|label|header|pTooltip)="([^"]*\p{L}[^"]*)"/gu)) {
        offenders.push(`${relative(WORKSPACE_ROOT, file)}: ${match[1]}="${match[2]}"`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
