import { DomainError, assertUnreachable } from '@benhan/api/core';
import type { FieldError } from '@benhan/shared/contracts';

export type SignatureErrorCode =
  | 'wrong_pin'
  | 'signing_locked'
  | 'not_enrolled'
  | 'already_enrolled'
  | 'invalid_pin'
  | 'not_your_step'
  | 'content_incomplete'
  | 'certificate_revoked'
  | 'certificate_expired'
  | 'version_not_latest'
  | 'version_not_found'
  | 'signature_not_found'
  | 'certificate_not_found'
  | 'invalid_certificate'
  | 'pki_not_ready';

export class SignatureError extends DomainError<SignatureErrorCode> {
  readonly status = statusOf(this.code);

  constructor(code: SignatureErrorCode, message: string, extensions: Record<string, unknown> = {}, fieldErrors: FieldError[] = []) {
    super(code, message, extensions, fieldErrors);
  }
}

function statusOf(code: SignatureErrorCode): number {
  switch (code) {
    case 'version_not_found':
    case 'signature_not_found':
    case 'certificate_not_found':
      return 404;
    case 'invalid_pin':
    case 'content_incomplete':
    case 'invalid_certificate':
      return 400;
    case 'wrong_pin':
    case 'not_your_step':
      return 403;
    case 'signing_locked':
      return 423;
    case 'not_enrolled':
    case 'already_enrolled':
    case 'certificate_revoked':
    case 'certificate_expired':
    case 'version_not_latest':
      return 409;
    case 'pki_not_ready':
      return 503;
    default:
      return assertUnreachable(code);
  }
}
