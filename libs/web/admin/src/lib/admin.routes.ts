import type { Routes } from '@angular/router';
import { _ } from '@ngx-translate/core';
import { AdminHome } from './pages/admin-home/admin-home';
import { AdminWorkspace } from './pages/admin-workspace/admin-workspace';

/**
 * Routes of the admin workspace, lazy-loaded by the app under `/admin` (its guard checks the role).
 * Form codes contain a slash (`01/BV1`): the router writes it into the URL as `01%2FBV1`, one segment.
 */
export const ADMIN_ROUTES: Routes = [
  {
    path: '',
    component: AdminWorkspace,
    children: [
      { path: '', title: _('workspace.admin'), component: AdminHome },
      {
        path: 'forms',
        title: _('admin.forms.title'),
        loadComponent: () => import('./pages/form-list/form-list').then((m) => m.FormList),
      },
      {
        path: 'forms/new',
        title: _('admin.upload.title'),
        loadComponent: () => import('./pages/form-upload/form-upload').then((m) => m.FormUpload),
      },
      {
        path: 'forms/:code',
        title: _('admin.form.title'),
        loadComponent: () => import('./pages/form-page/form-page').then((m) => m.FormPage),
      },
    ],
  },
];
