import { DomainError, assertUnreachable } from '@benhan/api/core';
import type { FieldError } from '@benhan/shared/contracts';

export type OrderErrorCode =
  | 'order_not_found'
  | 'report_not_found'
  | 'specimen_not_found'
  | 'study_not_found'
  | 'invalid_order'
  | 'invalid_result'
  | 'result_mismatch'
  | 'invalid_transition'
  | 'stale_version'
  | 'result_conflict'
  | 'already_acknowledged'
  | 'record_closed'
  | 'insufficient_scope';

export class OrderError extends DomainError<OrderErrorCode> {
  readonly status = statusOf(this.code);

  constructor(code: OrderErrorCode, message: string, extensions: Record<string, unknown> = {}, fieldErrors: FieldError[] = []) {
    super(code, message, extensions, fieldErrors);
  }

  /** A 400/422 that names the failing field. */
  static field(code: OrderErrorCode, field: string, message: string, extensions: Record<string, unknown> = {}): OrderError {
    return new OrderError(code, message, extensions, [{ field, message }]);
  }
}

function statusOf(code: OrderErrorCode): number {
  switch (code) {
    case 'order_not_found':
    case 'report_not_found':
    case 'specimen_not_found':
    case 'study_not_found':
      return 404;
    case 'invalid_order':
    case 'invalid_result':
      return 400;
    case 'result_mismatch':
      return 422;
    case 'insufficient_scope':
      return 403;
    case 'invalid_transition':
    case 'stale_version':
    case 'result_conflict':
    case 'already_acknowledged':
    case 'record_closed':
      return 409;
    default:
      return assertUnreachable(code);
  }
}
