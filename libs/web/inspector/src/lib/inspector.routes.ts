import type { Routes } from '@angular/router';
import { WorkspaceFrame, type WorkspaceFrameConfig, workspaceFrameData } from '@benhan/web/ui';
import { _ } from '@ngx-translate/core';
import { SignatureTrail } from './pages/signature-trail/signature-trail';

/** The inspector: the signature trail first, then who accessed a record, the chain's integrity and the whole log. */
const INSPECTOR_FRAME: WorkspaceFrameConfig = {
  titleKey: _('workspacePage.inspector.title'),
  navLabelKey: _('inspector.nav.label'),
  tabs: [
    { link: '/inspector', icon: 'pi pi-verified', labelKey: _('inspector.nav.signatures'), testId: 'nav-signatures', activeWhen: (path) => path === '/inspector' },
    {
      link: '/inspector/access',
      icon: 'pi pi-eye',
      labelKey: _('inspector.nav.access'),
      testId: 'nav-access',
      activeWhen: (path) => path.startsWith('/inspector/access'),
    },
    {
      link: '/inspector/integrity',
      icon: 'pi pi-shield',
      labelKey: _('inspector.nav.integrity'),
      testId: 'nav-integrity',
      activeWhen: (path) => path.startsWith('/inspector/integrity'),
    },
    {
      link: '/inspector/events',
      icon: 'pi pi-list',
      labelKey: _('inspector.nav.events'),
      testId: 'nav-events',
      activeWhen: (path) => path.startsWith('/inspector/events'),
    },
  ],
};

/**
 * Routes of the inspector workspace, lazy-loaded by the app under `/inspector` (its guard checks the role). The
 * inspector lands on the signature trail; the other pages load when first opened. Everything here only reads,
 * except the exports, each with a reason the server records.
 */
export const INSPECTOR_ROUTES: Routes = [
  {
    path: '',
    title: _('workspace.inspector'),
    component: WorkspaceFrame,
    data: workspaceFrameData(INSPECTOR_FRAME),
    children: [
      { path: '', title: _('inspector.trail.title'), component: SignatureTrail },
      {
        path: 'access',
        title: _('inspector.access.title'),
        loadComponent: () => import('./pages/access-log/access-log').then((m) => m.AccessLog),
      },
      {
        path: 'integrity',
        title: _('inspector.integrity.title'),
        loadComponent: () => import('./pages/integrity/integrity').then((m) => m.Integrity),
      },
      {
        path: 'events',
        title: _('inspector.events.title'),
        loadComponent: () => import('./pages/audit-events/audit-events').then((m) => m.AuditEvents),
      },
    ],
  },
];
