import { DomainError, assertUnreachable } from '@benhan/api/core';
import type { FieldError } from '@benhan/shared/contracts';

export type InterfaceMessageErrorCode = 'message_not_found' | 'not_replayable' | 'invalid_message';

export class InterfaceMessageError extends DomainError<InterfaceMessageErrorCode> {
  readonly status = statusOf(this.code);

  constructor(code: InterfaceMessageErrorCode, message: string, extensions: Record<string, unknown> = {}, fieldErrors: FieldError[] = []) {
    super(code, message, extensions, fieldErrors);
  }
}

function statusOf(code: InterfaceMessageErrorCode): number {
  switch (code) {
    case 'message_not_found':
      return 404;
    case 'not_replayable':
      return 409;
    case 'invalid_message':
      return 422;
    default:
      return assertUnreachable(code);
  }
}
