import { inject } from '@angular/core';
import type { CanMatchFn, UrlSegment } from '@angular/router';
import { Router } from '@angular/router';
import type { WorkspaceDefinition } from '@benhan/shared/contracts';
import { AuthService } from './auth.service';

/**
 * Everything behind the shell needs a session; without one the user goes to the login page, which brings them
 * back to the page they asked for once signed in.
 */
export const authGuard: CanMatchFn = (_route, segments) => {
  const auth = inject(AuthService);
  return auth.isAuthenticated() || auth.loginUrl(requestedUrl(segments));
};

/** The full URL being navigated to (with its query), or the matched segments when no navigation is current. */
function requestedUrl(segments: UrlSegment[]): string {
  const navigation = inject(Router).currentNavigation();
  return navigation ? navigation.extractedUrl.toString() : `/${segments.map((s) => s.path).join('/')}`;
}

/**
 * The login page is for signed-out users; a signed-in one is sent to their first workspace. A user with no
 * workspace at all may stay, otherwise the two guards would bounce them back and forth.
 */
export const guestGuard: CanMatchFn = () => {
  const auth = inject(AuthService);
  return !auth.isAuthenticated() || auth.workspaces().length === 0 || auth.homeUrl();
};

/**
 * A workspace is open only to the roles that own it; anyone else lands on their own first workspace.
 * As a `canMatch` guard it also keeps the workspace's lazy bundle from being downloaded.
 */
export function workspaceGuard(key: WorkspaceDefinition['key']): CanMatchFn {
  return () => {
    const auth = inject(AuthService);
    if (!auth.isAuthenticated()) return auth.loginUrl(inject(Router).currentNavigation()?.extractedUrl.toString());
    return auth.workspaces().some((w) => w.key === key) || auth.homeUrl();
  };
}
