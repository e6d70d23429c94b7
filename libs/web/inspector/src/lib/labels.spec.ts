import { AUDIT_ACTIONS, AUDIT_RESOURCE_TYPES, type IntegrityProblem } from '@benhan/shared/contracts';
import { EN, textOf, VI } from '../testing/translations';
import {
  AUDIT_ACTION_GROUPS,
  AUDIT_ACTION_LABELS,
  AUDIT_OUTCOME_LABELS,
  INTEGRITY_MODE_LABELS,
  INTEGRITY_PROBLEM_LABELS,
  INTEGRITY_TRIGGER_LABELS,
  RESOURCE_TYPE_LABELS,
  ROLE_LABELS,
  roleLabel,
  shortId,
} from './labels';

/** Every integrity problem of the contract: adding one there fails to compile here until it is listed. */
const INTEGRITY_PROBLEMS = Object.keys({
  sequence_gap: true,
  previous_hash_mismatch: true,
  hash_mismatch: true,
  checkpoint_head_mismatch: true,
  checkpoint_signature_invalid: true,
  checkpoint_missing_event: true,
} satisfies Record<IntegrityProblem, true>) as IntegrityProblem[];

/** The label key has a text in both languages, and a Vietnamese one with its diacritics where there are letters. */
function expectTranslated(key: string | undefined): void {
  expect(key).toBeDefined();
  const vi = textOf(VI, key ?? '');
  const en = textOf(EN, key ?? '');
  expect([key, typeof vi, typeof en]).toEqual([key, 'string', 'string']);
  expect(vi?.trim()).not.toBe('');
  expect(en?.trim()).not.toBe('');
}

describe('inspector labels', () => {
  it.each(AUDIT_ACTIONS)('names the action %s in plain words, in Vietnamese and English', (action) => {
    expect(AUDIT_ACTION_LABELS[action]).toBe(`inspector.action.${action}`);
    expectTranslated(AUDIT_ACTION_LABELS[action]);
  });

  it('has no label for an action the contract does not have', () => {
    expect(Object.keys(AUDIT_ACTION_LABELS).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });

  it.each(INTEGRITY_PROBLEMS)('explains the integrity problem %s in plain words', (problem) => {
    expect(INTEGRITY_PROBLEM_LABELS[problem]).toBe(`inspector.integrityProblem.${problem}`);
    expectTranslated(INTEGRITY_PROBLEM_LABELS[problem]);
    expect(Object.keys(INTEGRITY_PROBLEM_LABELS).sort()).toEqual([...INTEGRITY_PROBLEMS].sort());
  });

  it('says what a hash mismatch means without jargon alone', () => {
    expect(textOf(VI, INTEGRITY_PROBLEM_LABELS.hash_mismatch)).toBe('Nội dung sự kiện đã bị sửa sau khi ghi: mã băm không khớp.');
    expect(textOf(VI, AUDIT_ACTION_LABELS.break_glass)).toBe('Truy cập khẩn cấp');
  });

  it('puts every action in exactly one group of the action filter, in the contract’s order', () => {
    const grouped = AUDIT_ACTION_GROUPS.flatMap((g) => g.actions);
    expect(grouped).toEqual([...AUDIT_ACTIONS]);
    for (const group of AUDIT_ACTION_GROUPS) expectTranslated(group.labelKey);
  });

  it('labels every resource type, outcome, trigger, mode and role', () => {
    expect(Object.keys(RESOURCE_TYPE_LABELS)).toEqual([...AUDIT_RESOURCE_TYPES]);
    for (const labels of [RESOURCE_TYPE_LABELS, AUDIT_OUTCOME_LABELS, INTEGRITY_TRIGGER_LABELS, INTEGRITY_MODE_LABELS, ROLE_LABELS]) {
      for (const key of Object.values<string>(labels)) expectTranslated(key);
    }
  });

  it('leaves a role it does not know as it is, and shortens long ids', () => {
    expect(roleLabel('doctor')).toBe('inspector.role.doctor');
    expect(roleLabel('lis')).toBe('lis');
    expect(shortId('9f86d081884c7d65')).toBe('9f86d081…');
    expect(shortId('abc')).toBe('abc');
    expect(shortId(null)).toBe('');
  });
});
