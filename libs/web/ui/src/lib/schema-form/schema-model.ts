import {
  type AbstractControl,
  FormArray,
  FormControl,
  FormGroup,
  type ValidationErrors,
  type ValidatorFn,
  Validators,
} from '@angular/forms';
import type { JsonSchema } from '@benhan/shared/contracts';
import { _ } from '@ngx-translate/core';
import { fromLocalIsoDate, toLocalIsoDate } from '../dates/local-date';

/**
 * The form generator's model of a form schema: the JSON Schema subset of `docs/forms.md` read once into a tree
 * of fields, from which the reactive form, the validation messages, the server-error placement and the diff
 * labels are all derived. Pure functions: no Angular component needed to test them.
 */

/** How a leaf is edited. */
export type LeafInput =
  | 'text'
  | 'textarea'
  | 'number'
  | 'integer'
  | 'checkbox'
  | 'select'
  | 'date'
  | 'date-time'
  | 'time'
  | 'code';

export interface FieldOption {
  value: string | number | boolean;
  label: string;
  labelEn: string | null;
}

interface NodeBase {
  /** Property name, or the item index rendered as `*` for an array's item template. */
  key: string;
  /** JSON Pointer (RFC 6901) of the node in the content; item templates use `-` for the index. */
  pointer: string;
  title: string;
  titleEn: string | null;
  description: string | null;
  required: boolean;
}

export interface GroupNode extends NodeBase {
  kind: 'group';
  children: FieldNode[];
}

export interface ArrayNode extends NodeBase {
  kind: 'array';
  item: FieldNode;
  minItems: number | null;
  maxItems: number | null;
}

export interface LeafNode extends NodeBase {
  kind: 'leaf';
  input: LeafInput;
  /** For `code`: the `x-code-system`, e.g. `icd10`. */
  codeSystem: string | null;
  unit: string | null;
  options: FieldOption[];
  minimum: number | null;
  maximum: number | null;
  minLength: number | null;
  maxLength: number | null;
  pattern: string | null;
}

export type FieldNode = GroupNode | ArrayNode | LeafNode;

/** Reads a form schema (an object at the top, whose properties are the sections) into the field tree. */
export function describeSchema(schema: JsonSchema): GroupNode {
  const node = describeNode(schema, '', '', true);
  if (node.kind !== 'group') throw new Error('A form schema must be an object at the top level');
  return node;
}

function describeNode(schema: JsonSchema, key: string, pointer: string, required: boolean): FieldNode {
  const base: NodeBase = {
    key,
    pointer,
    title: schema.title ?? humanize(key),
    titleEn: stringOrNull(schema['x-title-en']),
    description: schema.description ?? null,
    required,
  };
  const type = typeOf(schema);
  if (type === 'object') {
    const requiredKeys = new Set(schema.required ?? []);
    const entries = Object.entries(schema.properties ?? {});
    const order = (s: JsonSchema) => (typeof s['x-order'] === 'number' ? s['x-order'] : Number.MAX_SAFE_INTEGER);
    const sorted = entries.map((e, i) => ({ e, i })).sort((a, b) => order(a.e[1]) - order(b.e[1]) || a.i - b.i);
    return {
      ...base,
      kind: 'group',
      children: sorted.map(({ e: [childKey, child] }) =>
        describeNode(child, childKey, `${pointer}/${escapePointer(childKey)}`, requiredKeys.has(childKey)),
      ),
    };
  }
  if (type === 'array') {
    return {
      ...base,
      kind: 'array',
      item: describeNode(schema.items ?? { type: 'string' }, '*', `${pointer}/-`, true),
      minItems: schema.minItems ?? null,
      maxItems: schema.maxItems ?? null,
    };
  }
  return { ...base, kind: 'leaf', ...describeLeaf(schema, type) };
}

function describeLeaf(schema: JsonSchema, type: JsonSchema['type']): Omit<LeafNode, keyof NodeBase | 'kind'> {
  const options = optionsOf(schema);
  const codeSystem = stringOrNull(schema['x-code-system']);
  let input: LeafInput;
  if (codeSystem) input = 'code';
  else if (options.length > 0) input = 'select';
  else if (type === 'boolean') input = 'checkbox';
  else if (type === 'integer') input = 'integer';
  else if (type === 'number') input = 'number';
  else if (schema.format === 'date' || schema.format === 'date-time' || schema.format === 'time') input = schema.format;
  else input = schema['x-multiline'] === true ? 'textarea' : 'text';
  return {
    input,
    codeSystem,
    unit: stringOrNull(schema['x-unit']),
    options,
    minimum: schema.minimum ?? null,
    maximum: schema.maximum ?? null,
    minLength: schema.minLength ?? null,
    maxLength: schema.maxLength ?? null,
    pattern: schema.pattern ?? null,
  };
}

function optionsOf(schema: JsonSchema): FieldOption[] {
  if (schema.oneOf?.length && schema.oneOf.every((o) => o.const !== undefined)) {
    return schema.oneOf.map((o) => ({
      value: o.const as string | number | boolean,
      label: o.title ?? String(o.const),
      labelEn: stringOrNull(o['x-title-en']),
    }));
  }
  return (schema.enum ?? []).map((value) => ({ value, label: String(value), labelEn: null }));
}

/** The schema's type; a `["string", "null"]`-style union counts as its non-null member. */
function typeOf(schema: JsonSchema): JsonSchema['type'] {
  const raw: unknown = schema.type;
  if (Array.isArray(raw)) return raw.find((t) => t !== 'null') as JsonSchema['type'];
  if (raw) return raw as JsonSchema['type'];
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return 'string';
}

// ---------------------------------------------------------------------------------------------------------------
// Reactive form model

/** Controls carry their node, so templates and the error mapper know what they edit. */
const NODE = Symbol('schemaNode');
type WithNode = AbstractControl & { [NODE]?: FieldNode };

export function nodeOf(control: AbstractControl): FieldNode | null {
  return (control as WithNode)[NODE] ?? null;
}

/**
 * Builds the reactive form of a node filled with `value` (content as stored). Dates become `Date`s for the date
 * picker, everything else keeps its JSON type; absent values are null. Arrays get one control per item.
 *
 * `required` is enforced on leaves only when `enforceRequired` is set: a draft may be saved incomplete, and the
 * server tells which required fields are still empty before signing.
 */
export function buildControl(node: FieldNode, value: unknown, options: { enforceRequired?: boolean } = {}): AbstractControl {
  let control: AbstractControl;
  if (node.kind === 'group') {
    const object = isRecord(value) ? value : {};
    const controls: Record<string, AbstractControl> = {};
    for (const child of node.children) controls[child.key] = buildControl(child, object[child.key], options);
    control = new FormGroup(controls);
  } else if (node.kind === 'array') {
    const items = Array.isArray(value) ? value : [];
    control = new FormArray(items.map((item) => buildControl(node.item, item, options)), arrayValidators(node));
  } else {
    control = new FormControl(toControlValue(node, value), leafValidators(node, options.enforceRequired ?? false));
  }
  (control as WithNode)[NODE] = node;
  return control;
}

/** A new, empty item for an array (the "add row" button). */
export function buildItem(array: ArrayNode, options: { enforceRequired?: boolean } = {}): AbstractControl {
  return buildControl(array.item, undefined, options);
}

function toControlValue(node: LeafNode, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (node.input === 'date' && typeof value === 'string') return fromLocalIsoDate(value);
  if (node.input === 'date-time' && typeof value === 'string') {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return value;
}

/**
 * The content of a control as it is stored: dates back to `YYYY-MM-DD` / ISO instants, and empty values
 * (null, blank strings, empty objects and lists) left out, so a draft holds only what was written and an
 * untouched optional section does not trip the schema's `required` of its fields.
 */
export function toContent(control: AbstractControl): unknown {
  const node = nodeOf(control);
  if (control instanceof FormGroup) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(control.controls)) {
      const value = toContent(child);
      if (value !== undefined) out[key] = value;
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (control instanceof FormArray) {
    const items = control.controls.map((c) => toContent(c)).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  const value: unknown = control.value;
  if (value === null || value === undefined) return undefined;
  if (node?.kind === 'leaf') {
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) return undefined;
      return node.input === 'date' ? toLocalIsoDate(value) : value.toISOString();
    }
    if (typeof value === 'string') {
      const trimmed = node.input === 'textarea' ? value.replace(/\s+$/, '') : value.trim();
      return trimmed === '' ? undefined : trimmed;
    }
    if (typeof value === 'number' && Number.isNaN(value)) return undefined;
  }
  return value;
}

/** The form's content as a JSON object (never undefined at the top). */
export function formContent(form: AbstractControl): Record<string, unknown> {
  const content = toContent(form);
  return isRecord(content) ? content : {};
}

function leafValidators(node: LeafNode, enforceRequired: boolean): ValidatorFn[] {
  const validators: ValidatorFn[] = [];
  // A required checkbox needs an answer, and `false` is one.
  if (node.required && enforceRequired) validators.push(Validators.required);
  if (node.minimum !== null) validators.push(Validators.min(node.minimum));
  if (node.maximum !== null) validators.push(Validators.max(node.maximum));
  if (node.input === 'integer') validators.push(integerValidator);
  if (node.minLength !== null) validators.push(Validators.minLength(node.minLength));
  if (node.maxLength !== null) validators.push(Validators.maxLength(node.maxLength));
  if (node.pattern !== null) validators.push(patternValidator(node.pattern));
  return validators;
}

function arrayValidators(node: ArrayNode): ValidatorFn[] {
  const validators: ValidatorFn[] = [];
  // An empty list is "not written yet" in a draft; the server checks minItems before signing.
  if (node.minItems !== null) {
    const min = node.minItems;
    validators.push((c) => {
      const n = (c as FormArray).length;
      return n > 0 && n < min ? { minItems: { min, actual: n } } : null;
    });
  }
  if (node.maxItems !== null) {
    const max = node.maxItems;
    validators.push((c) => ((c as FormArray).length > max ? { maxItems: { max, actual: (c as FormArray).length } } : null));
  }
  return validators;
}

function integerValidator(control: AbstractControl): ValidationErrors | null {
  const value: unknown = control.value;
  return typeof value === 'number' && !Number.isInteger(value) ? { integer: true } : null;
}

/** JSON Schema patterns are unanchored ECMAScript regexes (unlike Angular's `Validators.pattern` on strings). */
function patternValidator(pattern: string): ValidatorFn {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'u');
  } catch {
    return () => null;
  }
  return (control) => {
    const value: unknown = control.value;
    return typeof value === 'string' && value !== '' && !regex.test(value) ? { pattern: { requiredPattern: pattern } } : null;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Messages

/** A message to show: a translation key of `schemaForm.error.*` and its parameters. */
export interface FieldMessage {
  key: string;
  params: Record<string, string | number>;
}

/**
 * The messages of a control's errors, in a fixed order, with the schema's limits and unit. Keys are listed in
 * `MESSAGE_KEYS` so the translation check finds them.
 */
export function messagesOf(errors: ValidationErrors | null, node: FieldNode | null): FieldMessage[] {
  if (!errors) return [];
  const unit = node?.kind === 'leaf' && node.unit ? ` ${node.unit}` : '';
  const out: FieldMessage[] = [];
  for (const [code, detail] of Object.entries(errors)) {
    const d = (typeof detail === 'object' && detail !== null ? detail : {}) as Record<string, unknown>;
    switch (code) {
      case 'required':
        out.push({ key: MESSAGE_KEYS.required, params: {} });
        break;
      case 'min':
        out.push({ key: MESSAGE_KEYS.min, params: { limit: String(d['min']), unit } });
        break;
      case 'max':
        out.push({ key: MESSAGE_KEYS.max, params: { limit: String(d['max']), unit } });
        break;
      case 'integer':
        out.push({ key: MESSAGE_KEYS.integer, params: {} });
        break;
      case 'minlength':
        out.push({ key: MESSAGE_KEYS.minLength, params: { limit: Number(d['requiredLength']) } });
        break;
      case 'maxlength':
        out.push({ key: MESSAGE_KEYS.maxLength, params: { limit: Number(d['requiredLength']), actual: Number(d['actualLength']) } });
        break;
      case 'pattern':
        out.push({ key: MESSAGE_KEYS.pattern, params: {} });
        break;
      case 'minItems':
        out.push({ key: MESSAGE_KEYS.minItems, params: { limit: Number(d['min']) } });
        break;
      case 'maxItems':
        out.push({ key: MESSAGE_KEYS.maxItems, params: { limit: Number(d['max']) } });
        break;
      case SERVER_ERROR:
        for (const message of detail as string[]) out.push({ key: MESSAGE_KEYS.server, params: { message } });
        break;
      default:
        out.push({ key: MESSAGE_KEYS.invalid, params: {} });
    }
  }
  return out;
}

/** Translation keys of the messages. */
export const MESSAGE_KEYS = {
  required: _('schemaForm.error.required'),
  min: _('schemaForm.error.min'),
  max: _('schemaForm.error.max'),
  integer: _('schemaForm.error.integer'),
  minLength: _('schemaForm.error.minLength'),
  maxLength: _('schemaForm.error.maxLength'),
  pattern: _('schemaForm.error.pattern'),
  minItems: _('schemaForm.error.minItems'),
  maxItems: _('schemaForm.error.maxItems'),
  server: _('schemaForm.error.server'),
  invalid: _('schemaForm.error.invalid'),
};

// ---------------------------------------------------------------------------------------------------------------
// Server errors and JSON Pointers

/** The error code under which a server message sits on a control. */
export const SERVER_ERROR = 'server';

/** RFC 6901: `~` → `~0`, `/` → `~1`. */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** `/a~1b/0` → `['a/b', '0']`; the empty pointer is the whole document. Dotted paths (`a.b.0`) are accepted too. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  if (!pointer.startsWith('/')) return pointer.split('.').filter(Boolean);
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The control a pointer names, or the deepest control on its way when the rest does not exist (yet). */
export function controlAt(root: AbstractControl, pointer: string): { control: AbstractControl; exact: boolean } {
  let control = root;
  for (const segment of parsePointer(pointer)) {
    let next: AbstractControl | null = null;
    if (control instanceof FormGroup) next = control.controls[segment] ?? null;
    else if (control instanceof FormArray && /^\d+$/.test(segment)) next = control.at(Number(segment)) ?? null;
    if (!next) return { control, exact: false };
    control = next;
  }
  return { control, exact: true };
}

export interface ServerFieldError {
  field: string;
  message: string;
}

/**
 * Puts the server's field errors (`field` a JSON Pointer into the content) on their controls as
 * `{ server: [messages] }`; a control's server error goes away at its next edit. Returns the errors that
 * named no existing control, for a summary above the form.
 */
export function applyServerErrors(root: AbstractControl, errors: ServerFieldError[]): ServerFieldError[] {
  clearServerErrors(root);
  const unplaced: ServerFieldError[] = [];
  const byControl = new Map<AbstractControl, string[]>();
  for (const error of errors) {
    const { control, exact } = controlAt(root, error.field);
    if (!exact || control === root) {
      unplaced.push(error);
      continue;
    }
    byControl.set(control, [...(byControl.get(control) ?? []), error.message]);
  }
  for (const [control, messages] of byControl) {
    // The next edit re-runs the control's validators, which drops the server's message.
    control.setErrors({ ...(control.errors ?? {}), [SERVER_ERROR]: messages });
    control.markAsTouched();
  }
  return unplaced;
}

export function clearServerErrors(control: AbstractControl): void {
  if (control instanceof FormGroup || control instanceof FormArray) {
    for (const child of Object.values(control.controls)) clearServerErrors(child);
  }
  if (control.errors?.[SERVER_ERROR]) control.updateValueAndValidity({ emitEvent: false });
}

/** Every invalid control below `root` with its pointer, deepest first in document order. */
export function invalidControls(root: AbstractControl, pointer = ''): { pointer: string; control: AbstractControl }[] {
  const out: { pointer: string; control: AbstractControl }[] = [];
  if (root instanceof FormGroup) {
    for (const [key, child] of Object.entries(root.controls)) out.push(...invalidControls(child, `${pointer}/${escapePointer(key)}`));
  } else if (root instanceof FormArray) {
    root.controls.forEach((child, i) => out.push(...invalidControls(child, `${pointer}/${i}`)));
  }
  if (root.errors) out.push({ pointer, control: root });
  return out;
}

/** True when some control has an error other than `required` (a draft may be saved with required fields empty). */
export function hasBlockingErrors(root: AbstractControl): boolean {
  return invalidControls(root).some(({ control }) => Object.keys(control.errors ?? {}).some((code) => code !== 'required'));
}

// ---------------------------------------------------------------------------------------------------------------
// Labels of pointers (diffs, error summaries)

export interface PointerLabel {
  /** Titles from the section down to the field, e.g. `['Khám bệnh', 'Mạch']`. */
  titles: string[];
  /** 1-based row numbers of the arrays on the way, e.g. `[2]` for the second row. */
  rows: number[];
  /** The leaf node when the pointer names one. */
  leaf: LeafNode | null;
}

/**
 * The human name of a content pointer from the schema: `/vitals/pulse` → `Dấu hiệu sinh tồn › Mạch`, with the
 * row numbers of repeating groups. Segments the schema does not know keep their raw names.
 */
export function labelOfPointer(root: GroupNode, pointer: string, language: 'vi' | 'en' = 'vi'): PointerLabel {
  const titles: string[] = [];
  const rows: number[] = [];
  let node: FieldNode | null = root;
  for (const segment of parsePointer(pointer)) {
    if (node?.kind === 'group') {
      const child: FieldNode | undefined = node.children.find((c) => c.key === segment);
      if (child) titles.push(titleOf(child, language));
      else titles.push(segment);
      node = child ?? null;
    } else if (node?.kind === 'array' && /^\d+$/.test(segment)) {
      rows.push(Number(segment) + 1);
      node = node.item;
    } else {
      titles.push(segment);
      node = null;
    }
  }
  return { titles, rows, leaf: node?.kind === 'leaf' ? node : null };
}

/** The node's title in the UI language (English when the schema has one, else the Vietnamese). */
export function titleOf(node: FieldNode, language: 'vi' | 'en' = 'vi'): string {
  return language === 'en' && node.titleEn ? node.titleEn : node.title;
}

/** A stored leaf value as text: option labels for coded values, `dd/MM/yyyy` dates, numbers with their unit. */
export function displayValue(leaf: LeafNode | null, value: unknown, language: 'vi' | 'en' = 'vi'): string {
  if (value === undefined || value === null) return '';
  if (leaf?.options.length) {
    const option = leaf.options.find((o) => o.value === value);
    if (option) return language === 'en' && option.labelEn ? option.labelEn : option.label;
  }
  if (leaf?.input === 'date' && typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  }
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  return leaf?.unit && typeof value === 'number' ? `${text} ${leaf.unit}` : text;
}

// ---------------------------------------------------------------------------------------------------------------

/** An id for the control at a pointer, usable in the DOM and in tests: `/vitals/pulse` → `sf-vitals-pulse`. */
export function fieldId(pointer: string): string {
  return 'sf' + pointer.replace(/[^A-Za-z0-9_-]+/g, '-');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function humanize(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ');
}
