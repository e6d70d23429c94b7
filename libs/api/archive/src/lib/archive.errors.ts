import { DomainError, assertUnreachable } from '@benhan/api/core';
import type { FieldError } from '@benhan/shared/contracts';

export type ArchiveErrorCode = 'version_not_found';

export class ArchiveError extends DomainError<ArchiveErrorCode> {
  readonly status = statusOf(this.code);

  constructor(code: ArchiveErrorCode, message: string, extensions: Record<string, unknown> = {}, fieldErrors: FieldError[] = []) {
    super(code, message, extensions, fieldErrors);
  }
}

function statusOf(code: ArchiveErrorCode): number {
  switch (code) {
    case 'version_not_found':
      return 404;
    default:
      return assertUnreachable(code);
  }
}
