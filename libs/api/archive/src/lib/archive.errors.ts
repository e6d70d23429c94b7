import { DomainError, assertUnreachable } from '@benhan/api/core';
import type { FieldError } from '@benhan/shared/contracts';

export type ArchiveErrorCode =
  | 'version_not_found'
  | 'archive_not_found'
  | 'encounter_in_progress'
  | 'already_archived'
  | 'archive_conflict'
  | 'not_reopenable'
  | 'invalid_request'
  | 'archive_disposed'
  | 'archive_file_missing'
  | 'retention_not_expired'
  | 'legal_hold'
  | 'disposal_not_found'
  | 'disposal_decided'
  | 'disposal_open'
  | 'four_eyes'
  | 'loan_not_found'
  | 'loan_returned'
  | 'lookup_not_found';

export class ArchiveError extends DomainError<ArchiveErrorCode> {
  readonly status = statusOf(this.code);

  constructor(code: ArchiveErrorCode, message: string, extensions: Record<string, unknown> = {}, fieldErrors: FieldError[] = []) {
    super(code, message, extensions, fieldErrors);
  }
}

function statusOf(code: ArchiveErrorCode): number {
  switch (code) {
    case 'version_not_found':
    case 'archive_not_found':
    case 'disposal_not_found':
    case 'loan_not_found':
    case 'lookup_not_found':
      return 404;
    case 'invalid_request':
      return 400;
    case 'four_eyes':
      return 403;
    case 'encounter_in_progress':
    case 'already_archived':
    case 'archive_conflict':
    case 'not_reopenable':
    case 'retention_not_expired':
    case 'legal_hold':
    case 'disposal_decided':
    case 'disposal_open':
    case 'loan_returned':
      return 409;
    case 'archive_disposed':
      return 410;
    case 'archive_file_missing':
      return 500;
    default:
      return assertUnreachable(code);
  }
}

/** A mandatory free-text field (purpose, reason) that is missing or too short: 400 naming the field. */
export function requireText(field: string, value: string | undefined | null, min = 3): string {
  const text = value?.trim() ?? '';
  if (text.length < min) throw new ArchiveError('invalid_request', `${field} is required`, {}, [{ field, message: `must be at least ${min} characters`, code: 'required' }]);
  return text;
}
