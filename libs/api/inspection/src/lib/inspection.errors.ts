import { DomainError, assertUnreachable } from '@benhan/api/core';
import type { FieldError } from '@benhan/shared/contracts';

export type InspectionErrorCode = 'invalid_request' | 'range_too_large' | 'nothing_to_seal';

export class InspectionError extends DomainError<InspectionErrorCode> {
  readonly status = statusOf(this.code);

  constructor(code: InspectionErrorCode, message: string, extensions: Record<string, unknown> = {}, fieldErrors: FieldError[] = []) {
    super(code, message, extensions, fieldErrors);
  }
}

function statusOf(code: InspectionErrorCode): number {
  switch (code) {
    case 'invalid_request':
    case 'range_too_large':
      return 400;
    case 'nothing_to_seal':
      return 409;
    default:
      return assertUnreachable(code);
  }
}
