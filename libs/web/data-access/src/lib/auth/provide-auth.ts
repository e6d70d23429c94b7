import { HttpErrorResponse } from '@angular/common/http';
import { type EnvironmentProviders, inject, provideAppInitializer } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { AuthService } from './auth.service';

/**
 * Before the first navigation, checks a session restored from sessionStorage against `GET /api/auth/me`
 * (refreshing through the interceptor if the access token expired meanwhile). A rejected session is
 * dropped so the guards send the user to the login page; a network failure keeps it, since the server
 * may only be briefly unreachable.
 */
export function provideAuthSession(): EnvironmentProviders {
  return provideAppInitializer(async () => {
    const auth = inject(AuthService);
    if (!auth.isAuthenticated()) return;
    try {
      await firstValueFrom(auth.reloadUser());
    } catch (error: unknown) {
      if (error instanceof HttpErrorResponse && (error.status === 401 || error.status === 403)) auth.clearSession();
    }
  });
}
