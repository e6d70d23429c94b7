import { problemOf, statusOf } from '@benhan/web/data-access';
import { _ } from '@ngx-translate/core';

/** A message to show, as a translation key and its parameters. */
export interface Translatable {
  key: string;
  params?: Record<string, string>;
}

/**
 * What to tell the records office when a call failed and no more specific message applies: no connection, no
 * access, or what the server said (its problem `detail`, plus any field errors).
 */
export function failureMessage(error: unknown): Translatable {
  const status = statusOf(error);
  if (status === 0) return { key: _('records.common.networkError') };
  if (status === 403) return { key: _('records.common.forbidden') };
  if (status === 404) return { key: _('records.common.notFound') };
  const problem = problemOf(error);
  const details = [problem?.detail, ...(problem?.errors ?? []).map((e) => `${e.field}: ${e.message}`)].filter(Boolean);
  if (status < 500 && details.length) return { key: _('records.common.rejected'), params: { message: details.join('; ') } };
  return { key: _('records.common.unexpectedError') };
}
