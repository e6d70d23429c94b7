import { inject } from '@angular/core';
import type { CanMatchFn, Routes } from '@angular/router';
import { AuthService } from '@benhan/web/data-access';
import { WorkspaceFrame, type WorkspaceFrameConfig, type WorkspaceTab, workspaceFrameData } from '@benhan/web/ui';
import { _ } from '@ngx-translate/core';
import { DischargeQueue } from './pages/discharge-queue/discharge-queue';
import { Disposals } from './pages/disposals/disposals';
import { isDirectorOnly, RecordsStore } from './records.store';

const ARCHIVES_TAB: WorkspaceTab = {
  link: '/records/archives',
  icon: 'pi pi-box',
  labelKey: _('records.nav.archives'),
  testId: 'nav-archives',
  activeWhen: (path) => path.startsWith('/records/archives'),
};

const FIXITY_TAB: WorkspaceTab = {
  link: '/records/fixity',
  icon: 'pi pi-shield',
  labelKey: _('records.nav.fixity'),
  testId: 'nav-fixity',
  activeWhen: (path) => path.startsWith('/records/fixity'),
};

/** The records office: its inbox of discharged records first, then the archive, access requests, disposals and fixity. */
const RECORDS_FRAME: WorkspaceFrameConfig = {
  titleKey: _('workspacePage.records.title'),
  navLabelKey: _('records.nav.label'),
  tabs: [
    { link: '/records', icon: 'pi pi-inbox', labelKey: _('records.nav.queue'), testId: 'nav-queue', activeWhen: (path) => path === '/records' },
    ARCHIVES_TAB,
    {
      link: '/records/access-requests',
      icon: 'pi pi-id-card',
      labelKey: _('records.nav.accessRequests'),
      testId: 'nav-access-requests',
      activeWhen: (path) => path.startsWith('/records/access-requests'),
    },
    {
      link: '/records/disposals',
      icon: 'pi pi-trash',
      labelKey: _('records.nav.disposals'),
      testId: 'nav-disposals',
      activeWhen: (path) => path.startsWith('/records/disposals'),
    },
    FIXITY_TAB,
  ],
};

/** A director: the disposals waiting for a decision first; the archive and fixity to read. */
const DIRECTOR_FRAME: WorkspaceFrameConfig = {
  titleKey: _('workspacePage.records.title'),
  navLabelKey: _('records.nav.label'),
  tabs: [
    { link: '/records', icon: 'pi pi-trash', labelKey: _('records.nav.disposals'), testId: 'nav-disposals', activeWhen: (path) => path === '/records' },
    ARCHIVES_TAB,
    FIXITY_TAB,
  ],
};

const directorOnly: CanMatchFn = () => isDirectorOnly(inject(AuthService).currentUser()?.roles ?? []);

/** The pages both frames share. */
const SHARED_PAGES: Routes = [
  {
    path: 'archives',
    title: _('records.search.title'),
    loadComponent: () => import('./pages/archive-search/archive-search').then((m) => m.ArchiveSearch),
  },
  {
    path: 'archives/:id',
    title: _('records.detail.title'),
    loadComponent: () => import('./pages/archive-detail/archive-detail').then((m) => m.ArchiveDetail),
  },
  {
    path: 'fixity',
    title: _('records.fixity.title'),
    loadComponent: () => import('./pages/fixity/fixity').then((m) => m.Fixity),
  },
];

/**
 * Routes of the records workspace, lazy-loaded by the app under `/records` (its guard checks the role). The
 * records office lands on the discharge queue; a director who is not also in the records office lands on the
 * disposals to decide (and has no queue: archiving is not theirs).
 */
export const RECORDS_ROUTES: Routes = [
  {
    path: '',
    canMatch: [directorOnly],
    component: WorkspaceFrame,
    data: workspaceFrameData(DIRECTOR_FRAME),
    providers: [RecordsStore],
    children: [{ path: '', title: _('records.disposals.title'), component: Disposals }, ...SHARED_PAGES],
  },
  {
    path: '',
    component: WorkspaceFrame,
    data: workspaceFrameData(RECORDS_FRAME),
    providers: [RecordsStore],
    children: [
      { path: '', title: _('records.queue.title'), component: DischargeQueue },
      { path: 'disposals', title: _('records.disposals.title'), component: Disposals },
      {
        path: 'access-requests',
        title: _('records.accessRequests.title'),
        loadComponent: () => import('./pages/access-requests/access-requests').then((m) => m.AccessRequests),
      },
      ...SHARED_PAGES,
    ],
  },
];
