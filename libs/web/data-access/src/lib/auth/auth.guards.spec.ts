import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { type CanMatchFn, provideRouter, Router, UrlSegment, UrlTree } from '@angular/router';
import type { UserRole } from '@benhan/shared/contracts';
import { aUser } from '../../testing/fixtures';
import { safeReturnUrl } from './auth.service';
import { authGuard, guestGuard, workspaceGuard } from './auth.guards';

describe('auth guards', () => {
  function setUp(roles: UserRole[] | null): void {
    sessionStorage.clear();
    if (roles) {
      sessionStorage.setItem('bh.session', JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: aUser(roles) }));
    }
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
  }

  function run(guard: CanMatchFn): boolean | string {
    const result = TestBed.runInInjectionContext(() => guard({}, []));
    if (result instanceof UrlTree) return TestBed.inject(Router).serializeUrl(result);
    if (typeof result === 'boolean') return result;
    throw new Error('guards here are synchronous');
  }

  describe('authGuard', () => {
    it('sends a signed-out user to /login', () => {
      setUp(null);
      expect(run(authGuard)).toBe('/login');
    });

    it('lets a signed-in user through', () => {
      setUp(['nurse']);
      expect(run(authGuard)).toBe(true);
    });

    it('remembers the requested page so signing in returns there', () => {
      setUp(null);
      const result = TestBed.runInInjectionContext(() => authGuard({}, [new UrlSegment('nurse', {}), new UrlSegment('round', {})]));
      expect(result instanceof UrlTree && TestBed.inject(Router).serializeUrl(result)).toBe('/login?returnUrl=%2Fnurse%2Fround');
    });
  });

  describe(safeReturnUrl.name, () => {
    it('keeps a path of the app with its query', () => {
      expect(safeReturnUrl('/doctor/patients/42?tab=orders')).toBe('/doctor/patients/42?tab=orders');
    });

    it('refuses other origins, the login page and the bare root (no open redirect, no loop)', () => {
      for (const url of ['https://evil.example', '//evil.example', '/\\evil.example', '/', '/login', '/login?returnUrl=%2Fx', 'doctor', '', null]) {
        expect(safeReturnUrl(url)).toBeNull();
      }
    });
  });

  describe('guestGuard', () => {
    it('shows the login page to a signed-out user', () => {
      setUp(null);
      expect(run(guestGuard)).toBe(true);
    });

    it('sends a signed-in user to their first workspace', () => {
      setUp(['inspector']);
      expect(run(guestGuard)).toBe('/inspector');
    });

    it('lets a signed-in user without any workspace stay on the login page (no redirect loop)', () => {
      setUp([]);
      expect(run(guestGuard)).toBe(true);
    });
  });

  describe('workspaceGuard', () => {
    it('opens a workspace to a role that owns it', () => {
      setUp(['doctor']);
      expect(run(workspaceGuard('doctor'))).toBe(true);
    });

    it('redirects a role without the workspace to its own first workspace', () => {
      setUp(['nurse']);
      expect(run(workspaceGuard('admin'))).toBe('/nurse');
    });

    it('opens every workspace a multi-role user holds', () => {
      setUp(['doctor', 'admin']);
      expect(run(workspaceGuard('admin'))).toBe(true);
      expect(run(workspaceGuard('records'))).toBe('/doctor');
    });

    it('sends a signed-out user to /login', () => {
      setUp(null);
      expect(run(workspaceGuard('doctor'))).toBe('/login');
    });
  });
});
