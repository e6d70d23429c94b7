import { DomainError, assertUnreachable } from '@benhan/api/core';
import type { FieldError } from '@benhan/shared/contracts';

export type DocumentErrorCode =
  | 'form_not_found'
  | 'invalid_form'
  | 'document_not_found'
  | 'version_not_found'
  | 'encounter_not_found'
  | 'invalid_content'
  | 'invalid_document'
  | 'form_not_for_encounter'
  | 'not_an_author_role'
  | 'not_the_author'
  | 'version_signed'
  | 'latest_not_signed'
  | 'stale_revision'
  | 'one_per_encounter'
  | 'record_closed'
  | 'record_incomplete'
  | 'encounter_in_progress'
  | 'signoff_not_allowed';

export class DocumentError extends DomainError<DocumentErrorCode> {
  readonly status = statusOf(this.code);

  constructor(code: DocumentErrorCode, message: string, extensions: Record<string, unknown> = {}, fieldErrors: FieldError[] = []) {
    super(code, message, extensions, fieldErrors);
  }
}

function statusOf(code: DocumentErrorCode): number {
  switch (code) {
    case 'form_not_found':
    case 'document_not_found':
    case 'version_not_found':
    case 'encounter_not_found':
      return 404;
    case 'invalid_form':
    case 'invalid_content':
    case 'invalid_document':
    case 'form_not_for_encounter':
      return 400;
    case 'not_an_author_role':
    case 'not_the_author':
    case 'signoff_not_allowed':
      return 403;
    case 'version_signed':
    case 'latest_not_signed':
    case 'stale_revision':
    case 'one_per_encounter':
    case 'record_closed':
    case 'record_incomplete':
    case 'encounter_in_progress':
      return 409;
    default:
      return assertUnreachable(code);
  }
}
