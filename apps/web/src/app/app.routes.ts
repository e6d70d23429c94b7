import { inject } from '@angular/core';
import type { LoadChildren, Route } from '@angular/router';
import { WORKSPACES, type WorkspaceDefinition } from '@benhan/shared/contracts';
import { authGuard, AuthService, guestGuard, workspaceGuard } from '@benhan/web/data-access';
import { _ } from '@ngx-translate/core';

/**
 * One lazy feature library per workspace. Keyed by the contract's workspace keys, so adding a workspace to
 * WORKSPACES without a route here fails to compile. Each `import()` must stay literal for the bundler.
 */
const WORKSPACE_ROUTES: Record<WorkspaceDefinition['key'], LoadChildren> = {
  doctor: () => import('@benhan/web/doctor').then((m) => m.DOCTOR_ROUTES),
  nurse: () => import('@benhan/web/nurse').then((m) => m.NURSE_ROUTES),
  records: () => import('@benhan/web/records').then((m) => m.RECORDS_ROUTES),
  inspector: () => import('@benhan/web/inspector').then((m) => m.INSPECTOR_ROUTES),
  admin: () => import('@benhan/web/admin').then((m) => m.ADMIN_ROUTES),
};

export const appRoutes: Route[] = [
  {
    path: 'login',
    title: _('login.title'),
    canMatch: [guestGuard],
    loadComponent: () => import('./login/login-page').then((m) => m.LoginPage),
  },
  {
    // Public: what the QR code on a printed page opens, for anyone holding the paper (no sign-in).
    path: 'verify/:code',
    title: _('verify.title'),
    loadComponent: () => import('./verify/verify-page').then((m) => m.VerifyPage),
  },
  {
    path: '',
    canMatch: [authGuard],
    loadComponent: () => import('./shell/shell').then((m) => m.Shell),
    children: [
      ...WORKSPACES.map(
        (workspace): Route => ({
          path: workspace.path,
          canMatch: [workspaceGuard(workspace.key)],
          loadChildren: WORKSPACE_ROUTES[workspace.key],
        }),
      ),
      { path: '', pathMatch: 'full', redirectTo: () => inject(AuthService).homeUrl() },
    ],
  },
  { path: '**', redirectTo: '' },
];
