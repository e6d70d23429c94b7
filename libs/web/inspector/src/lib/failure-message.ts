import { problemOf, statusOf } from '@benhan/web/data-access';
import { _ } from '@ngx-translate/core';

/** A message to show, as a translation key and its parameters. */
export interface Translatable {
  key: string;
  params?: Record<string, string>;
}

/**
 * What to tell the inspector when a call failed: no connection, no access, nothing there, or what the server said
 * (its problem `detail`, plus any field errors).
 */
export function failureMessage(error: unknown): Translatable {
  const status = statusOf(error);
  if (status === 0) return { key: _('inspector.common.networkError') };
  if (status === 403) return { key: _('inspector.common.forbidden') };
  if (status === 404) return { key: _('inspector.common.notFound') };
  const problem = problemOf(error);
  const details = [problem?.detail, ...(problem?.errors ?? []).map((e) => `${e.field}: ${e.message}`)].filter(Boolean);
  if (status < 500 && details.length) return { key: _('inspector.common.rejected'), params: { message: details.join('; ') } };
  return { key: _('inspector.common.unexpectedError') };
}
