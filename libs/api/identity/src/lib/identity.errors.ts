import { DomainError, assertUnreachable } from '@benhan/api/core';
import type { FieldError } from '@benhan/shared/contracts';

export type IdentityErrorCode =
  | 'invalid_credentials'
  | 'account_locked'
  | 'invalid_refresh_token'
  | 'refresh_token_reused'
  | 'session_ended'
  | 'user_not_found'
  | 'department_not_found'
  | 'patient_not_found'
  | 'username_taken'
  | 'department_code_taken'
  | 'weak_password'
  | 'self_role_change'
  | 'self_deactivation'
  | 'patient_out_of_scope';

export class IdentityError extends DomainError<IdentityErrorCode> {
  readonly status = statusOf(this.code);

  constructor(code: IdentityErrorCode, message: string, extensions: Record<string, unknown> = {}, fieldErrors: FieldError[] = []) {
    super(code, message, extensions, fieldErrors);
  }
}

function statusOf(code: IdentityErrorCode): number {
  switch (code) {
    case 'invalid_credentials':
    case 'invalid_refresh_token':
    case 'refresh_token_reused':
    case 'session_ended':
      return 401;
    case 'self_role_change':
    case 'self_deactivation':
    case 'patient_out_of_scope':
      return 403;
    case 'user_not_found':
    case 'department_not_found':
    case 'patient_not_found':
      return 404;
    case 'username_taken':
    case 'department_code_taken':
      return 409;
    case 'weak_password':
      return 400;
    case 'account_locked':
      return 423;
    default:
      return assertUnreachable(code);
  }
}
