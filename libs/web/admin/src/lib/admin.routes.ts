import type { Routes } from '@angular/router';
import { WorkspaceFrame, type WorkspaceFrameConfig, workspaceFrameData } from '@benhan/web/ui';
import { _ } from '@ngx-translate/core';
import { AdminHome } from './pages/admin-home/admin-home';

/** The admin workspace's title and menu (overview, the form registry, the HL7 interfaces) above its pages. */
const FRAME: WorkspaceFrameConfig = {
  titleKey: _('workspacePage.admin.title'),
  navLabelKey: _('admin.nav.label'),
  tabs: [
    {
      link: '/admin',
      icon: 'pi pi-home',
      labelKey: _('admin.nav.home'),
      testId: 'nav-home',
      activeWhen: (path) => path === '/admin',
    },
    {
      link: '/admin/forms',
      icon: 'pi pi-file-edit',
      labelKey: _('admin.nav.forms'),
      testId: 'nav-forms',
      activeWhen: (path) => path.startsWith('/admin/forms'),
    },
    {
      link: '/admin/interfaces',
      icon: 'pi pi-arrow-right-arrow-left',
      labelKey: _('admin.nav.interfaces'),
      testId: 'nav-interfaces',
      activeWhen: (path) => path.startsWith('/admin/interfaces'),
    },
  ],
};

/**
 * Routes of the admin workspace, lazy-loaded by the app under `/admin` (its guard checks the role).
 * Form codes contain a slash (`01/BV1`): the router writes it into the URL as `01%2FBV1`, one segment.
 */
export const ADMIN_ROUTES: Routes = [
  {
    path: '',
    component: WorkspaceFrame,
    data: workspaceFrameData(FRAME),
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
      {
        path: 'interfaces',
        title: _('admin.interfaces.title'),
        loadComponent: () => import('./pages/interfaces/interfaces').then((m) => m.Interfaces),
      },
    ],
  },
];
