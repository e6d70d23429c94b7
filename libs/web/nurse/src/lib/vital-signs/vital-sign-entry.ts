import type { FieldError, VitalSignDefinition, VitalSignFlag, VitalSignKind, VitalSignObservation, VitalSignValues } from '@benhan/shared/contracts';

/**
 * The rules of typing a set of vital signs, shared by the single-patient entry row and the ward round grid.
 * Pure functions, so they are tested without a browser: what the nurse typed (text) becomes values, flags
 * (abnormal, shown as typed) and problems (refused before anything is sent).
 */

/** The kinds of the entry row, in the order Enter and Tab walk them (the paper chart's order). */
export const ENTRY_KINDS = ['pulse', 'temperature', 'systolic_bp', 'diastolic_bp', 'respiratory_rate', 'spo2', 'weight'] as const satisfies readonly VitalSignKind[];
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** What the nurse typed, per kind; an empty string is "not measured". */
export type EntryTexts = Partial<Record<VitalSignKind, string>>;

export type EntryProblemCode =
  /** Not a number (letters, two decimal separators…). */
  | 'format'
  /** Outside the plausible range: a typing error, the server would refuse it too. */
  | 'implausible'
  /** Systolic not above diastolic. */
  | 'bp_order'
  /** One of systolic/diastolic without the other. */
  | 'bp_pair'
  /** A field error the server sent back (its message is shown as is). */
  | 'server';

export interface EntryProblem {
  code: EntryProblemCode;
  /** For `implausible`: the plausible range; for `server`: the server's message. */
  params?: Record<string, string>;
}

export interface EntryCheck {
  /** The values to send: only the kinds typed and valid. */
  values: VitalSignValues;
  /** Abnormal (or normal) flag of every valid value, as typed. */
  flags: Partial<Record<VitalSignKind, VitalSignFlag>>;
  problems: Partial<Record<VitalSignKind, EntryProblem>>;
  /** Nothing typed at all: nothing to save (not a problem of any one field). */
  empty: boolean;
}

/**
 * A number typed the Vietnamese way or the English way: `38,6` and `38.6` are both 38.6. Null for an empty
 * field; NaN for anything that is not a plain non-negative decimal number.
 */
export function parseEntryNumber(text: string | undefined): number | null {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return null;
  if (!/^\d+([.,]\d+)?$/.test(trimmed)) return Number.NaN;
  return Number(trimmed.replace(',', '.'));
}

/** How a value compares with the definition's normal range. */
export function flagOf(definition: Pick<VitalSignDefinition, 'normal'>, value: number): VitalSignFlag {
  if (value < definition.normal.min) return 'low';
  if (value > definition.normal.max) return 'high';
  return 'normal';
}

export function isPlausible(definition: Pick<VitalSignDefinition, 'plausible'>, value: number): boolean {
  return value >= definition.plausible.min && value <= definition.plausible.max;
}

/** Checks one set of typed values against the definitions; kinds without a definition are not sent. */
export function checkEntry(texts: EntryTexts, definitions: readonly VitalSignDefinition[]): EntryCheck {
  const check: EntryCheck = { values: {}, flags: {}, problems: {}, empty: true };
  for (const definition of definitions) {
    const value = parseEntryNumber(texts[definition.kind]);
    if (value === null) continue;
    check.empty = false;
    if (Number.isNaN(value)) {
      check.problems[definition.kind] = { code: 'format' };
    } else if (!isPlausible(definition, value)) {
      check.problems[definition.kind] = {
        code: 'implausible',
        params: { min: String(definition.plausible.min), max: String(definition.plausible.max) },
      };
    } else {
      check.values[definition.kind] = value;
      check.flags[definition.kind] = flagOf(definition, value);
    }
  }
  checkBloodPressure(check);
  return check;
}

/** Systolic and diastolic come together, systolic the higher. The problem goes on the field to correct. */
function checkBloodPressure(check: EntryCheck): void {
  const { systolic_bp: systolic, diastolic_bp: diastolic } = check.values;
  const problems = check.problems;
  if (problems.systolic_bp || problems.diastolic_bp) return;
  if (systolic !== undefined && diastolic === undefined) problems.diastolic_bp = { code: 'bp_pair' };
  else if (diastolic !== undefined && systolic === undefined) problems.systolic_bp = { code: 'bp_pair' };
  else if (systolic !== undefined && diastolic !== undefined && systolic <= diastolic) problems.diastolic_bp = { code: 'bp_order' };
  else return;
  delete check.values.systolic_bp;
  delete check.values.diastolic_bp;
}

export function hasProblems(check: Pick<EntryCheck, 'problems'>): boolean {
  return Object.keys(check.problems).length > 0;
}

/** Where a server field error belongs: `values.temperature` or `entries[2].values.pulse`. */
export interface FieldErrorTarget {
  /** Index into the request's `entries` (rounds); null for a single set. */
  entry: number | null;
  /** The vital sign kind, or null when the error is about the entry as a whole (e.g. `entries[2].encounterId`). */
  kind: VitalSignKind | null;
}

const KIND_SET: ReadonlySet<string> = new Set<string>(['pulse', 'temperature', 'systolic_bp', 'diastolic_bp', 'respiratory_rate', 'spo2', 'weight', 'height']);

export function fieldErrorTarget(field: string): FieldErrorTarget {
  const entry = /^entries\[(\d+)\]/.exec(field);
  const kind = /(?:^|\.)values\.(\w+)$/.exec(field)?.[1] ?? null;
  return {
    entry: entry ? Number(entry[1]) : null,
    kind: kind !== null && KIND_SET.has(kind) ? (kind as VitalSignKind) : null,
  };
}

/** The server's field errors of a single set, per kind; errors naming no kind are returned apart. */
export function serverProblems(errors: readonly FieldError[]): { byKind: Partial<Record<VitalSignKind, EntryProblem>>; other: string[] } {
  const byKind: Partial<Record<VitalSignKind, EntryProblem>> = {};
  const other: string[] = [];
  for (const error of errors) {
    const { kind } = fieldErrorTarget(error.field);
    if (kind) byKind[kind] = { code: 'server', params: { message: error.message } };
    else other.push(`${error.field}: ${error.message}`);
  }
  return { byKind, other };
}

/** The latest valid observation of each kind (entered-in-error ones do not count). */
export function latestByKind(observations: readonly VitalSignObservation[]): Partial<Record<VitalSignKind, VitalSignObservation>> {
  const latest: Partial<Record<VitalSignKind, VitalSignObservation>> = {};
  for (const observation of observations) {
    if (observation.enteredInError) continue;
    const current = latest[observation.kind];
    if (!current || Date.parse(observation.takenAt) >= Date.parse(current.takenAt)) latest[observation.kind] = observation;
  }
  return latest;
}
