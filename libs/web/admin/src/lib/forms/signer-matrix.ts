import type { EncounterType, FieldError, FormRequirement, FormSettingsRequest, SignerRole, SignerStep } from '@benhan/shared/contracts';

/**
 * Editing a form's signer matrix (R20) as an ordered list of rows: the step numbers are never typed, they are
 * the rows' order (1, 2, …), so adding, removing and moving a row renumbers the others. The rules checked
 * before sending are the server's (`PUT /api/forms/{code}/settings`): at least one step, step 1 is the author's,
 * every step has a role and the label printed on the paper form.
 */

/** The roles a step can name, in the order the select offers them. */
export const SIGNER_ROLES: readonly SignerRole[] = ['author', 'head_of_department', 'doctor', 'nurse', 'records_officer', 'inspector', 'admin'];

/** One row of the editor. `key` tells rows apart while they move; `role` is null until chosen. */
export interface SignerRow {
  key: number;
  role: SignerRole | null;
  label: string;
}

/** What can be wrong with a row, or with the matrix as a whole (`row` null). */
export type SignerProblemCode = 'empty' | 'first_not_author' | 'role_missing' | 'label_missing' | 'server';

export interface SignerProblem {
  /** Index of the row (0-based), or null for the whole matrix. */
  row: number | null;
  field: 'role' | 'label' | 'step' | null;
  code: SignerProblemCode;
  /** The server's own message, for `server` problems. */
  message?: string;
}

let nextKey = 1;

export function rowsOf(signers: readonly SignerStep[]): SignerRow[] {
  return [...signers].sort((a, b) => a.step - b.step).map((s) => ({ key: nextKey++, role: s.role, label: s.label }));
}

/** A new empty row at the end (a later step: any role but the author's). */
export function addRow(rows: readonly SignerRow[]): SignerRow[] {
  return [...rows, { key: nextKey++, role: null, label: '' }];
}

export function removeRow(rows: readonly SignerRow[], index: number): SignerRow[] {
  return rows.filter((_, i) => i !== index);
}

/** Moves a row one place up (`-1`) or down (`+1`); at either end nothing moves. */
export function moveRow(rows: readonly SignerRow[], index: number, by: -1 | 1): SignerRow[] {
  const target = index + by;
  if (index < 0 || index >= rows.length || target < 0 || target >= rows.length) return [...rows];
  const moved = [...rows];
  [moved[index], moved[target]] = [moved[target], moved[index]];
  return moved;
}

export function updateRow(rows: readonly SignerRow[], index: number, change: Partial<Pick<SignerRow, 'role' | 'label'>>): SignerRow[] {
  return rows.map((row, i) => (i === index ? { ...row, ...change } : row));
}

/** The matrix to send: steps numbered by position, labels trimmed. */
export function stepsOf(rows: readonly SignerRow[]): SignerStep[] {
  return rows.map((row, i) => ({ step: i + 1, role: row.role as SignerRole, label: row.label.trim() }));
}

/** What the server would refuse, found before sending. */
export function signerProblems(rows: readonly SignerRow[]): SignerProblem[] {
  if (rows.length === 0) return [{ row: null, field: null, code: 'empty' }];
  const problems: SignerProblem[] = [];
  rows.forEach((row, i) => {
    if (!row.role) problems.push({ row: i, field: 'role', code: 'role_missing' });
    else if (i === 0 && row.role !== 'author') problems.push({ row: 0, field: 'role', code: 'first_not_author' });
    if (!row.label.trim()) problems.push({ row: i, field: 'label', code: 'label_missing' });
  });
  return problems;
}

/**
 * The server's field errors on the signer matrix (`signers[1].label`, `signers`), placed on their rows; the other
 * errors (`requiredFor[0]`, `active`) are returned apart.
 */
export function placeServerErrors(errors: readonly FieldError[]): { signers: SignerProblem[]; others: FieldError[] } {
  const signers: SignerProblem[] = [];
  const others: FieldError[] = [];
  for (const error of errors) {
    const match = /^signers(?:\[(\d+)\](?:\.(\w+))?)?$/.exec(error.field);
    if (!match) {
      others.push(error);
      continue;
    }
    const field = match[2] === 'role' || match[2] === 'label' || match[2] === 'step' ? match[2] : null;
    signers.push({ row: match[1] === undefined ? null : Number(match[1]), field, code: 'server', message: error.message });
  }
  return { signers, others };
}

/** The completeness rule as the editor shows it: per encounter type, required or not, and only once finished. */
export type RequirementChoice = Record<EncounterType, { required: boolean; whenFinished: boolean }>;

export function requirementChoiceOf(requiredFor: readonly FormRequirement[]): RequirementChoice {
  const choice: RequirementChoice = { inpatient: { required: false, whenFinished: false }, outpatient: { required: false, whenFinished: false } };
  for (const r of requiredFor) choice[r.encounterType] = { required: true, whenFinished: r.whenFinished };
  return choice;
}

export function requiredForOf(choice: RequirementChoice, order: readonly EncounterType[] = ['inpatient', 'outpatient']): FormRequirement[] {
  return order.filter((type) => choice[type].required).map((type) => ({ encounterType: type, whenFinished: choice[type].whenFinished }));
}

export function settingsRequestOf(rows: readonly SignerRow[], choice: RequirementChoice, active: boolean): FormSettingsRequest {
  return { signers: stepsOf(rows), requiredFor: requiredForOf(choice), active };
}
