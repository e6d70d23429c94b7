import type { EncounterType, FormCategory, SignerRole } from '@benhan/shared/contracts';
import { _ } from '@ngx-translate/core';
import type { FormFileProblemCode } from './forms/form-file';
import type { SignerProblem, SignerProblemCode } from './forms/signer-matrix';

/**
 * Translation keys of the contract's enumerations, so templates translate a value with
 * `SIGNER_ROLE_LABELS[role] | translate` and option lists keep the contract's order.
 */
export const SIGNER_ROLE_LABELS: Record<SignerRole, string> = {
  author: _('admin.signerRole.author'),
  head_of_department: _('admin.signerRole.head_of_department'),
  doctor: _('admin.signerRole.doctor'),
  nurse: _('admin.signerRole.nurse'),
  records_officer: _('admin.signerRole.records_officer'),
  director: _('admin.signerRole.director'),
  inspector: _('admin.signerRole.inspector'),
  admin: _('admin.signerRole.admin'),
};

export const ENCOUNTER_TYPE_LABELS: Record<EncounterType, string> = {
  inpatient: _('admin.encounterType.inpatient'),
  outpatient: _('admin.encounterType.outpatient'),
};

export const FORM_CATEGORY_LABELS: Record<FormCategory, string> = {
  medical_record: _('admin.formCategory.medical_record'),
  treatment: _('admin.formCategory.treatment'),
  nursing: _('admin.formCategory.nursing'),
  medication: _('admin.formCategory.medication'),
  consultation: _('admin.formCategory.consultation'),
  procedure: _('admin.formCategory.procedure'),
  request_result: _('admin.formCategory.request_result'),
  discharge: _('admin.formCategory.discharge'),
  transfer: _('admin.formCategory.transfer'),
  summary: _('admin.formCategory.summary'),
};

const SIGNER_PROBLEM_LABELS: Record<Exclude<SignerProblemCode, 'server'>, string> = {
  empty: _('admin.signers.problem.empty'),
  first_not_author: _('admin.signers.problem.first_not_author'),
  role_missing: _('admin.signers.problem.role_missing'),
  label_missing: _('admin.signers.problem.label_missing'),
};

/** A signer-matrix problem as a message; the server's are shown as it wrote them. */
export function signerProblemLabel(problem: SignerProblem): { key: string; params: Record<string, string> } {
  return problem.code === 'server'
    ? { key: _('admin.signers.problem.server'), params: { message: problem.message ?? '' } }
    : { key: SIGNER_PROBLEM_LABELS[problem.code], params: {} };
}

export const FORM_FILE_PROBLEM_LABELS: Record<FormFileProblemCode, string> = {
  not_json: _('admin.upload.problem.not_json'),
  not_object: _('admin.upload.problem.not_object'),
  no_code: _('admin.upload.problem.no_code'),
  no_title: _('admin.upload.problem.no_title'),
  no_schema: _('admin.upload.problem.no_schema'),
};

/** `{ value, labelKey }` options of a select, in the label map's order. */
export function optionsOf<T extends string>(labels: Record<T, string>): { value: T; labelKey: string }[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, labelKey: labels[value] }));
}
