import { DomainError, assertUnreachable } from '@benhan/api/core';
import type { FieldError } from '@benhan/shared/contracts';

export type PatientErrorCode =
  | 'patient_not_found'
  | 'invalid_patient'
  | 'citizen_id_taken'
  | 'possible_duplicate'
  | 'stale_version'
  | 'already_merged'
  | 'invalid_merge';

export class PatientError extends DomainError<PatientErrorCode> {
  readonly status = statusOf(this.code);

  constructor(code: PatientErrorCode, message: string, extensions: Record<string, unknown> = {}, fieldErrors: FieldError[] = []) {
    super(code, message, extensions, fieldErrors);
  }
}

function statusOf(code: PatientErrorCode): number {
  switch (code) {
    case 'patient_not_found':
      return 404;
    case 'invalid_patient':
    case 'invalid_merge':
      return 400;
    case 'citizen_id_taken':
    case 'possible_duplicate':
    case 'stale_version':
    case 'already_merged':
      return 409;
    default:
      return assertUnreachable(code);
  }
}
