import type { Routes } from '@angular/router';
import { WorkspaceFrame, type WorkspaceFrameConfig, workspaceFrameData } from '@benhan/web/ui';
import { _ } from '@ngx-translate/core';
import { NurseStore } from './nurse.store';
import { WardList } from './pages/ward-list/ward-list';

/** The nurse workspace's title and menu (the ward, the vital signs round) above its pages. */
const FRAME: WorkspaceFrameConfig = {
  titleKey: _('workspacePage.nurse.title'),
  navLabelKey: _('nurse.nav.label'),
  tabs: [
    {
      link: '/nurse',
      icon: 'pi pi-th-large',
      labelKey: _('nurse.nav.ward'),
      testId: 'nav-ward',
      // The ward list is `/nurse`; each patient's care chart belongs to it.
      activeWhen: (path) => path === '/nurse' || path.startsWith('/nurse/encounters'),
    },
    {
      link: '/nurse/round',
      icon: 'pi pi-heart',
      labelKey: _('nurse.nav.round'),
      testId: 'nav-round',
      activeWhen: (path) => path.startsWith('/nurse/round'),
    },
  ],
};

/**
 * Routes of the nurse workspace, lazy-loaded by the app under `/nurse` (its guard checks the role).
 * The ward list is the landing page; a patient's care chart has one child route per tab.
 */
export const NURSE_ROUTES: Routes = [
  {
    path: '',
    component: WorkspaceFrame,
    data: workspaceFrameData(FRAME),
    providers: [NurseStore],
    children: [
      { path: '', title: _('nurse.ward.title'), component: WardList },
      {
        path: 'round',
        title: _('nurse.round.title'),
        loadComponent: () => import('./pages/vital-signs-round/vital-signs-round').then((m) => m.VitalSignsRound),
      },
      {
        path: 'encounters/:encounterId',
        loadComponent: () => import('./pages/care-chart/care-chart-page').then((m) => m.CareChartPage),
        children: [
          { path: '', pathMatch: 'full', redirectTo: 'vital-signs' },
          {
            path: 'vital-signs',
            title: _('nurse.chart.tabs.vitalSigns'),
            loadComponent: () => import('./pages/care-chart/vital-signs-tab/vital-signs-tab').then((m) => m.VitalSignsTab),
          },
          {
            path: 'medications',
            title: _('nurse.chart.tabs.medications'),
            loadComponent: () => import('./pages/care-chart/medication-tab/medication-tab').then((m) => m.MedicationTab),
          },
          {
            path: 'care-notes',
            title: _('nurse.chart.tabs.careNotes'),
            loadComponent: () => import('./pages/care-chart/care-notes-tab/care-notes-tab').then((m) => m.CareNotesTab),
          },
        ],
      },
    ],
  },
];
