import { DomainError, assertUnreachable } from '@benhan/api/core';
import type { FieldError } from '@benhan/shared/contracts';

export type TerminologyErrorCode =
  | 'unknown_diagnosis_code'
  | 'diagnosis_cause_of_death_only'
  | 'diagnosis_not_principal'
  | 'diagnosis_sex_mismatch'
  | 'unknown_province'
  | 'unknown_commune'
  | 'commune_not_in_province'
  | 'unknown_ethnicity'
  | 'unknown_catalogue_version'
  | 'icd10_code_not_found'
  | 'province_not_found'
  | 'terminology_not_loaded';

export class TerminologyError extends DomainError<TerminologyErrorCode> {
  readonly status = statusOf(this.code);

  constructor(code: TerminologyErrorCode, message: string, extensions: Record<string, unknown> = {}, fieldErrors: FieldError[] = []) {
    super(code, message, extensions, fieldErrors);
  }

  /** A 400 about one field of the caller's request (the field is named by the caller). */
  static field(code: TerminologyErrorCode, field: string, message: string, extensions: Record<string, unknown> = {}): TerminologyError {
    return new TerminologyError(code, message, extensions, [{ field, message }]);
  }
}

function statusOf(code: TerminologyErrorCode): number {
  switch (code) {
    case 'unknown_diagnosis_code':
    case 'diagnosis_cause_of_death_only':
    case 'diagnosis_not_principal':
    case 'diagnosis_sex_mismatch':
    case 'unknown_province':
    case 'unknown_commune':
    case 'commune_not_in_province':
    case 'unknown_ethnicity':
    case 'unknown_catalogue_version':
      return 400;
    case 'icd10_code_not_found':
    case 'province_not_found':
      return 404;
    case 'terminology_not_loaded':
      return 503;
    default:
      return assertUnreachable(code);
  }
}
