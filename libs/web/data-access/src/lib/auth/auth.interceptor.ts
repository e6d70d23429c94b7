import { HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, type Observable, of, switchMap, throwError } from 'rxjs';
import { API_BASE_URL } from '../http/api-base-url';
import { AUTH_PATHS } from './auth.api';
import { AuthService } from './auth.service';

/**
 * Adds the bearer token to API calls and, when one answers 401 because the access token expired, refreshes
 * once and replays it.
 *
 * - Login and refresh carry no bearer and are never retried: their 401 means bad credentials.
 * - Logout carries the bearer but is not retried here: AuthService retries it with the rotated refresh token.
 * - Requests outside `/api/` (translation files, other origins) pass through untouched, so the token
 *   never leaks to another host.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const baseUrl = inject(API_BASE_URL);
  if (!req.url.startsWith(`${baseUrl}/api/`)) return next(req);

  const path = req.url.slice(baseUrl.length).split('?')[0];
  if (path === AUTH_PATHS.login || path === AUTH_PATHS.refresh) return next(req);

  const auth = inject(AuthService);
  const sentToken = auth.accessToken();
  const send = (token: string | null) => next(withBearer(req, token));
  if (path === AUTH_PATHS.logout) return send(sentToken);

  return send(sentToken).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401 || !auth.hasRefreshToken()) {
        return throwError(() => error);
      }
      // Another request may already have refreshed while this one was on the wire: reuse its token
      // instead of spending the (already rotated) refresh token a second time.
      const current = auth.accessToken();
      const freshToken$: Observable<string> =
        current && current !== sentToken ? of(current) : auth.refreshAccessToken();
      return freshToken$.pipe(
        catchError(() => {
          // Several requests may fail on the same refresh; only the first needs to end the session.
          if (auth.isAuthenticated()) auth.expireSession();
          return throwError(() => error);
        }),
        switchMap((token) => send(token)),
      );
    }),
  );
};

function withBearer<T>(req: HttpRequest<T>, token: string | null): HttpRequest<T> {
  return token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;
}
