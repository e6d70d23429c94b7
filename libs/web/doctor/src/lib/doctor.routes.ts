import type { Routes } from '@angular/router';
import { WorkspaceFrame, type WorkspaceFrameConfig, workspaceFrameData } from '@benhan/web/ui';
import { _ } from '@ngx-translate/core';
import { DoctorStore } from './doctor.store';
import { PatientSearch } from './pages/patient-search/patient-search';

/** The doctor workspace's title and menu (patients, ward census, results inbox) above its pages. */
const FRAME: WorkspaceFrameConfig = {
  titleKey: _('workspacePage.doctor.title'),
  navLabelKey: _('doctor.nav.label'),
  tabs: [
    {
      link: '/doctor',
      icon: 'pi pi-users',
      labelKey: _('doctor.nav.patients'),
      testId: 'nav-patients',
      // The patient search is `/doctor`; patient pages and the registration form belong to it too.
      activeWhen: (path) => path === '/doctor' || path.startsWith('/doctor/patients'),
    },
    {
      link: '/doctor/census',
      icon: 'pi pi-th-large',
      labelKey: _('doctor.nav.census'),
      testId: 'nav-census',
      activeWhen: (path) => path.startsWith('/doctor/census'),
    },
    {
      link: '/doctor/results',
      icon: 'pi pi-inbox',
      labelKey: _('doctor.nav.results'),
      testId: 'nav-results',
      // The inbox and the result views opened from it (`/doctor/orders/:id/reports/:reportId`).
      activeWhen: (path) => path.startsWith('/doctor/results') || /^\/doctor\/orders\/[^/]+\/reports\//.test(path),
    },
  ],
};

/**
 * Routes of the doctor workspace, lazy-loaded by the app under `/doctor` (its guard checks the role).
 * The patient search is the landing page; the other pages load on first use.
 */
export const DOCTOR_ROUTES: Routes = [
  {
    path: '',
    component: WorkspaceFrame,
    data: workspaceFrameData(FRAME),
    providers: [DoctorStore],
    children: [
      { path: '', title: _('doctor.patients.title'), component: PatientSearch },
      {
        path: 'patients/new',
        title: _('doctor.registration.title'),
        loadComponent: () => import('./pages/patient-registration/patient-registration').then((m) => m.PatientRegistration),
      },
      {
        path: 'patients/:id',
        title: _('doctor.patient.title'),
        loadComponent: () => import('./pages/patient-page/patient-page').then((m) => m.PatientPage),
      },
      {
        path: 'census',
        title: _('doctor.census.title'),
        loadComponent: () => import('./pages/ward-census/ward-census').then((m) => m.WardCensus),
      },
      {
        path: 'encounters/:id',
        title: _('doctor.encounter.title'),
        loadComponent: () => import('./pages/encounter-page/encounter-page').then((m) => m.EncounterPage),
      },
      {
        path: 'encounters/:id/orders',
        title: _('doctor.orders.title'),
        loadComponent: () => import('./pages/encounter-orders/encounter-orders').then((m) => m.EncounterOrders),
      },
      {
        path: 'results',
        title: _('doctor.results.inbox.title'),
        loadComponent: () => import('./pages/results-inbox/results-inbox').then((m) => m.ResultsInbox),
      },
      {
        path: 'orders/:orderId/reports/:reportId',
        title: _('doctor.results.view.title'),
        loadComponent: () => import('./pages/result-view/result-view').then((m) => m.ResultView),
      },
      {
        path: 'encounters/:id/documents/new',
        title: _('doctor.document.newTitle'),
        loadComponent: () => import('./pages/document-page/document-page').then((m) => m.DocumentPage),
      },
      {
        path: 'documents/:id',
        title: _('doctor.document.title'),
        loadComponent: () => import('./pages/document-page/document-page').then((m) => m.DocumentPage),
      },
    ],
  },
];
