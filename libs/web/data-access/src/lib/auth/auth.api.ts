import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CurrentUser, LoginRequest, RefreshRequest, TokenResponse } from '@benhan/shared/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../http/api-base-url';

/** Paths of the identity endpoints; the interceptor needs them to tell credential exchanges apart. */
export const AUTH_PATHS = {
  login: '/api/auth/login',
  refresh: '/api/auth/refresh',
  logout: '/api/auth/logout',
  me: '/api/auth/me',
} as const;

/** Thin typed client of `/api/auth`: no state, no token handling (that is AuthService's job). */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  login(body: LoginRequest): Observable<TokenResponse> {
    return this.http.post<TokenResponse>(this.baseUrl + AUTH_PATHS.login, body);
  }

  refresh(body: RefreshRequest): Observable<TokenResponse> {
    return this.http.post<TokenResponse>(this.baseUrl + AUTH_PATHS.refresh, body);
  }

  logout(body: RefreshRequest): Observable<void> {
    return this.http.post<void>(this.baseUrl + AUTH_PATHS.logout, body);
  }

  me(): Observable<CurrentUser> {
    return this.http.get<CurrentUser>(this.baseUrl + AUTH_PATHS.me);
  }
}
