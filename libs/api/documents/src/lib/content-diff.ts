import type { FieldDiff } from '@benhan/shared/contracts';

/**
 * Field-level differences between two contents: every leaf (a primitive, or an empty object or array) by
 * its JSON Pointer, compared by value. Arrays compare by index, as the form's rows are numbered on paper.
 */
export function diffContent(before: unknown, after: unknown): FieldDiff[] {
  const a = leaves(before);
  const b = leaves(after);
  const changes: FieldDiff[] = [];
  for (const [path, value] of a) {
    if (!b.has(path)) changes.push({ path, change: 'removed', before: value });
    else if (!sameLeaf(value, b.get(path))) changes.push({ path, change: 'changed', before: value, after: b.get(path) });
  }
  for (const [path, value] of b) if (!a.has(path)) changes.push({ path, change: 'added', after: value });
  return changes.sort((x, y) => comparePointers(x.path, y.path));
}

function leaves(value: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) {
    if (!value.length) out.set(path, []);
    value.forEach((item, i) => leaves(item, `${path}/${i}`, out));
  } else if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (!entries.length) out.set(path, {});
    for (const [key, item] of entries) leaves(item, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
  } else if (value !== undefined) {
    out.set(path || '/', value);
  }
  return out;
}

function sameLeaf(a: unknown, b: unknown): boolean {
  return typeof a === 'object' || typeof b === 'object' ? JSON.stringify(a) === JSON.stringify(b) : a === b;
}

/** Document order: segments compared one by one, array indexes numerically. */
function comparePointers(a: string, b: string): number {
  const sa = a.split('/');
  const sb = b.split('/');
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    if (sa[i] === sb[i]) continue;
    const na = Number(sa[i]);
    const nb = Number(sb[i]);
    if (Number.isInteger(na) && Number.isInteger(nb)) return na - nb;
    return sa[i] < sb[i] ? -1 : 1;
  }
  return sa.length - sb.length;
}
