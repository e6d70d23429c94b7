import type { SignerStep } from '@benhan/shared/contracts';
import {
  addRow,
  moveRow,
  placeServerErrors,
  removeRow,
  requiredForOf,
  requirementChoiceOf,
  rowsOf,
  settingsRequestOf,
  signerProblems,
  stepsOf,
  updateRow,
} from './signer-matrix';

const DEFAULT_MATRIX: SignerStep[] = [
  { step: 1, role: 'author', label: 'Bác sĩ làm bệnh án' },
  { step: 2, role: 'head_of_department', label: 'Trưởng khoa' },
  { step: 3, role: 'records_officer', label: 'Lưu trữ' },
];

describe('signer matrix editing (R20)', () => {
  it('reads the steps in step order, whatever order the server listed them in', () => {
    const rows = rowsOf([DEFAULT_MATRIX[2], DEFAULT_MATRIX[0], DEFAULT_MATRIX[1]]);
    expect(rows.map((r) => r.role)).toEqual(['author', 'head_of_department', 'records_officer']);
    expect(new Set(rows.map((r) => r.key)).size).toBe(3);
  });

  it('renumbers the steps 1, 2, … after a step is removed', () => {
    const steps = stepsOf(removeRow(rowsOf(DEFAULT_MATRIX), 1));
    expect(steps).toEqual([
      { step: 1, role: 'author', label: 'Bác sĩ làm bệnh án' },
      { step: 2, role: 'records_officer', label: 'Lưu trữ' },
    ]);
  });

  it('renumbers the steps after a move, and moves nothing past either end', () => {
    const rows = rowsOf(DEFAULT_MATRIX);
    expect(stepsOf(moveRow(rows, 2, -1)).map((s) => [s.step, s.role])).toEqual([
      [1, 'author'],
      [2, 'records_officer'],
      [3, 'head_of_department'],
    ]);
    expect(stepsOf(moveRow(rows, 0, -1))).toEqual(stepsOf(rows));
    expect(stepsOf(moveRow(rows, 2, 1))).toEqual(stepsOf(rows));
  });

  it('adds an empty step at the end, numbered after the others, and keeps each row’s identity while editing', () => {
    const rows = addRow(rowsOf(DEFAULT_MATRIX.slice(0, 1)));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ role: null, label: '' });
    const edited = updateRow(rows, 1, { role: 'head_of_department', label: '  Trưởng khoa ' });
    expect(edited[1].key).toBe(rows[1].key);
    expect(stepsOf(edited)[1]).toEqual({ step: 2, role: 'head_of_department', label: 'Trưởng khoa' });
    // The edit is a new list: the rows given are left as they were.
    expect(rows[1].role).toBeNull();
  });

  it('accepts the default matrix and a single author step', () => {
    expect(signerProblems(rowsOf(DEFAULT_MATRIX))).toEqual([]);
    expect(signerProblems(rowsOf(DEFAULT_MATRIX.slice(0, 1)))).toEqual([]);
  });

  it('refuses an empty matrix: a form needs at least the author’s signature', () => {
    expect(signerProblems([])).toEqual([{ row: null, field: null, code: 'empty' }]);
  });

  it('refuses a matrix whose step 1 is not the author, as the server would (signers[0].role)', () => {
    const rows = moveRow(rowsOf(DEFAULT_MATRIX), 1, -1);
    expect(signerProblems(rows)).toEqual([{ row: 0, field: 'role', code: 'first_not_author' }]);
    expect(signerProblems(removeRow(rowsOf(DEFAULT_MATRIX), 0))).toEqual([{ row: 0, field: 'role', code: 'first_not_author' }]);
  });

  it('refuses a step without a role or with a blank label, on that step’s row', () => {
    const rows = addRow(rowsOf(DEFAULT_MATRIX.slice(0, 1)));
    expect(signerProblems(rows)).toEqual([
      { row: 1, field: 'role', code: 'role_missing' },
      { row: 1, field: 'label', code: 'label_missing' },
    ]);
    expect(signerProblems(updateRow(rows, 1, { role: 'nurse', label: '   ' }))).toEqual([{ row: 1, field: 'label', code: 'label_missing' }]);
  });

  it('places the server’s field errors on their rows and keeps the others apart', () => {
    const placed = placeServerErrors([
      { field: 'signers[0].step', message: 'must be 1' },
      { field: 'signers[2].role', message: 'must be one of author, …' },
      { field: 'signers', message: 'needs at least one signer step' },
      { field: 'requiredFor[0]', message: 'needs encounterType' },
    ]);
    expect(placed.signers).toEqual([
      { row: 0, field: 'step', code: 'server', message: 'must be 1' },
      { row: 2, field: 'role', code: 'server', message: 'must be one of author, …' },
      { row: null, field: null, code: 'server', message: 'needs at least one signer step' },
    ]);
    expect(placed.others).toEqual([{ field: 'requiredFor[0]', message: 'needs encounterType' }]);
  });
});

describe('completeness rule editing', () => {
  it('round-trips the rule through the editor’s per-type choice, inpatient first', () => {
    const choice = requirementChoiceOf([
      { encounterType: 'outpatient', whenFinished: false },
      { encounterType: 'inpatient', whenFinished: true },
    ]);
    expect(choice).toEqual({ inpatient: { required: true, whenFinished: true }, outpatient: { required: true, whenFinished: false } });
    expect(requiredForOf(choice)).toEqual([
      { encounterType: 'inpatient', whenFinished: true },
      { encounterType: 'outpatient', whenFinished: false },
    ]);
  });

  it('leaves out a type that is not required, even with its “only once finished” box still ticked', () => {
    expect(requiredForOf({ inpatient: { required: false, whenFinished: true }, outpatient: { required: false, whenFinished: false } })).toEqual([]);
  });

  it('builds the settings request from the rows, the rule and the active flag', () => {
    const request = settingsRequestOf(removeRow(rowsOf(DEFAULT_MATRIX), 1), requirementChoiceOf([]), false);
    expect(request).toEqual({
      signers: [
        { step: 1, role: 'author', label: 'Bác sĩ làm bệnh án' },
        { step: 2, role: 'records_officer', label: 'Lưu trữ' },
      ],
      requiredFor: [],
      active: false,
    });
  });
});
