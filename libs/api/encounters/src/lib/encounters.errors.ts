import { DomainError, assertUnreachable } from '@benhan/api/core';
import type { FieldError } from '@benhan/shared/contracts';

export type EncounterErrorCode =
  | 'encounter_not_found'
  | 'bed_not_found'
  | 'bed_occupied'
  | 'bed_not_in_department'
  | 'already_admitted'
  | 'encounter_finished'
  | 'wrong_encounter_type'
  | 'stale_version'
  | 'invalid_encounter'
  | 'department_out_of_scope';

export class EncounterError extends DomainError<EncounterErrorCode> {
  readonly status = statusOf(this.code);

  constructor(code: EncounterErrorCode, message: string, extensions: Record<string, unknown> = {}, fieldErrors: FieldError[] = []) {
    super(code, message, extensions, fieldErrors);
  }
}

function statusOf(code: EncounterErrorCode): number {
  switch (code) {
    case 'encounter_not_found':
    case 'bed_not_found':
      return 404;
    case 'bed_not_in_department':
    case 'wrong_encounter_type':
    case 'invalid_encounter':
      return 400;
    case 'department_out_of_scope':
      return 403;
    case 'bed_occupied':
    case 'already_admitted':
    case 'encounter_finished':
    case 'stale_version':
      return 409;
    default:
      return assertUnreachable(code);
  }
}
