import { statusOf } from '@benhan/web/data-access';
import { _ } from '@ngx-translate/core';

/**
 * The message a failed login shows, by the API's status: 401 wrong credentials, 423 account locked after
 * repeated failures, 429 rate limited. Deliberately no hint whether the username exists.
 */
export function loginErrorKey(error: unknown): string {
  switch (statusOf(error)) {
    case 400:
    case 401:
      return _('login.error.invalidCredentials');
    case 423:
      return _('login.error.locked');
    case 429:
      return _('login.error.tooManyAttempts');
    case 0:
      return _('login.error.network');
    default:
      return _('login.error.unexpected');
  }
}
