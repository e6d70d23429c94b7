import { HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { Router, type UrlTree } from '@angular/router';
import {
  type CurrentUser,
  type LoginRequest,
  type TokenResponse,
  type WorkspaceDefinition,
  workspacesFor,
} from '@benhan/shared/contracts';
import { catchError, finalize, map, type Observable, of, shareReplay, switchMap, tap, throwError } from 'rxjs';
import { AuthApi } from './auth.api';
import { SessionStore, type StoredSession } from './session-store';

/** The signed-in user and their tokens; the only place that changes them. */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly api = inject(AuthApi);
  private readonly store = inject(SessionStore);
  private readonly router = inject(Router);

  private readonly session = signal<StoredSession | null>(this.store.read());
  /** Shared by every caller while one refresh is on the wire: the refresh token rotates, so two would collide. */
  private refreshInFlight: Observable<string> | null = null;

  readonly currentUser = computed<CurrentUser | null>(() => this.session()?.user ?? null);
  readonly isAuthenticated = computed(() => this.session() !== null);
  /** Workspaces of the current user in menu order; the first one is where they land. */
  readonly workspaces = computed<WorkspaceDefinition[]>(() => workspacesFor(this.currentUser()?.roles ?? []));

  accessToken(): string | null {
    return this.session()?.accessToken ?? null;
  }

  hasRefreshToken(): boolean {
    return !!this.session()?.refreshToken;
  }

  login(credentials: LoginRequest): Observable<CurrentUser> {
    return this.api.login(credentials).pipe(
      tap((response) => this.storeTokens(response)),
      map((response) => response.user),
    );
  }

  /**
   * Exchanges the refresh token for a new pair. Concurrent callers share one request; the rotated refresh
   * token is stored before anyone retries, because presenting the old one again revokes the session.
   */
  refreshAccessToken(): Observable<string> {
    const refreshToken = this.session()?.refreshToken;
    if (!refreshToken) return throwError(() => new Error('No refresh token to exchange'));
    this.refreshInFlight ??= this.api.refresh({ refreshToken }).pipe(
      tap((response) => this.storeTokens(response)),
      map((response) => response.accessToken),
      finalize(() => (this.refreshInFlight = null)),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.refreshInFlight;
  }

  /** Re-reads the user from the API (roles or departments may have changed since the tokens were stored). */
  reloadUser(): Observable<CurrentUser> {
    return this.api.me().pipe(
      tap((user) => {
        const current = this.session();
        if (current) this.setSession({ ...current, user });
      }),
    );
  }

  /**
   * Revokes the session on the server, then forgets it locally whatever the server said: the user asked to
   * leave, and a failed call must not keep them signed in.
   */
  logout(): Observable<void> {
    const sendLogout = (): Observable<void> => {
      const refreshToken = this.session()?.refreshToken;
      return refreshToken ? this.api.logout({ refreshToken }) : of(undefined);
    };
    return sendLogout().pipe(
      // An expired access token gets 401: refresh once and log out with the *rotated* refresh token
      // (the interceptor must not replay the old body, which would look like refresh-token reuse).
      catchError((error: unknown) =>
        error instanceof HttpErrorResponse && error.status === 401 && this.hasRefreshToken()
          ? this.refreshAccessToken().pipe(switchMap(sendLogout))
          : throwError(() => error),
      ),
      catchError(() => of(undefined)),
      map(() => undefined),
      finalize(() => this.endSession()),
    );
  }

  /** Forgets the session and sends the user to the login page (they logged out). */
  endSession(): void {
    this.clearSession();
    void this.router.navigateByUrl('/login');
  }

  /**
   * The session ended without the user asking (refresh token expired or revoked): forget it and send them to
   * the login page, which brings them back to the page they were on once they have signed in again.
   */
  expireSession(): void {
    this.clearSession();
    // Before the first navigation (the session restored at start-up was refused) there is no page yet: the
    // guards of that navigation send the user to the login page with the page they asked for.
    if (!this.router.navigated) return;
    void this.router.navigateByUrl(this.loginUrl(this.router.url));
  }

  /** The login page, remembering where to return after signing in (`returnUrl`) when that is a page of the app. */
  loginUrl(returnUrl?: string | null): UrlTree {
    const safe = safeReturnUrl(returnUrl);
    return this.router.createUrlTree(['/login'], safe ? { queryParams: { returnUrl: safe } } : {});
  }

  clearSession(): void {
    this.refreshInFlight = null;
    this.store.clear();
    this.session.set(null);
  }

  /** Where a signed-in user belongs: their first workspace, or the login page if they have none. */
  homeUrl(): UrlTree {
    const first = this.workspaces()[0];
    return this.router.createUrlTree(first ? ['/', first.path] : ['/login']);
  }

  private storeTokens(response: TokenResponse): void {
    this.setSession({ accessToken: response.accessToken, refreshToken: response.refreshToken, user: response.user });
  }

  private setSession(session: StoredSession): void {
    this.store.write(session);
    this.session.set(session);
  }
}

/**
 * A return address is only ever a path of this app: never another origin (`//evil`, `https:`), never the login
 * page itself, never the bare root (the user's home is chosen by their roles anyway).
 */
export function safeReturnUrl(url: string | null | undefined): string | null {
  if (!url || !url.startsWith('/') || url.startsWith('//') || url.startsWith('/\\')) return null;
  if (url === '/' || url === '/login' || url.startsWith('/login?') || url.startsWith('/login/')) return null;
  return url;
}
