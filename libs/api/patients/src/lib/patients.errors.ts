import { DomainError, assertUnreachable } from '@benhan/api/core';

export type PatientErrorCode = 'patient_not_found';

export class PatientError extends DomainError<PatientErrorCode> {
  readonly status = statusOf(this.code);

  constructor(code: PatientErrorCode, message: string) {
    super(code, message);
  }
}

function statusOf(code: PatientErrorCode): number {
  switch (code) {
    case 'patient_not_found':
      return 404;
    default:
      return assertUnreachable(code);
  }
}
