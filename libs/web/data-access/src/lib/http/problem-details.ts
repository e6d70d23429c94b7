import { HttpErrorResponse } from '@angular/common/http';
import type { ProblemDetails } from '@benhan/shared/contracts';

/**
 * The RFC 9457 body of a failed API call, or null when the failure never reached the API
 * (network down, proxy error page) and so carries no problem document.
 */
export function problemOf(error: unknown): ProblemDetails | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  const body: unknown = error.error;
  if (typeof body === 'object' && body !== null && 'status' in body && 'title' in body) {
    return body as ProblemDetails;
  }
  return null;
}

/** HTTP status of a failed call; 0 when the request never got an answer. */
export function statusOf(error: unknown): number {
  return error instanceof HttpErrorResponse ? error.status : 0;
}

/**
 * The domain code of a failed call: the last segment of the problem `type`
 * (`https://benhan.dev/problems/citizen_id_taken` → `citizen_id_taken`), or null without a problem document.
 */
export function problemCodeOf(error: unknown): string | null {
  const type = problemOf(error)?.type;
  if (!type || type === 'about:blank') return null;
  return type.slice(type.lastIndexOf('/') + 1) || null;
}
