import { DomainError, assertUnreachable } from '@benhan/api/core';
import type { FieldError } from '@benhan/shared/contracts';

export type CareChartErrorCode =
  | 'encounter_not_found'
  | 'observation_not_found'
  | 'administration_not_found'
  | 'invalid_vital_signs'
  | 'invalid_administration'
  | 'unknown_order'
  | 'encounter_finished'
  | 'already_entered_in_error';

export class CareChartError extends DomainError<CareChartErrorCode> {
  readonly status = statusOf(this.code);

  constructor(code: CareChartErrorCode, message: string, extensions: Record<string, unknown> = {}, fieldErrors: FieldError[] = []) {
    super(code, message, extensions, fieldErrors);
  }
}

function statusOf(code: CareChartErrorCode): number {
  switch (code) {
    case 'encounter_not_found':
    case 'observation_not_found':
    case 'administration_not_found':
      return 404;
    case 'invalid_vital_signs':
    case 'invalid_administration':
    case 'unknown_order':
      return 400;
    case 'encounter_finished':
    case 'already_entered_in_error':
      return 409;
    default:
      return assertUnreachable(code);
  }
}
