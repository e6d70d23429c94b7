import type { Routes } from '@angular/router';
import { _ } from '@ngx-translate/core';
import { DoctorHome } from './pages/doctor-home/doctor-home';

/** Routes of the doctor workspace, lazy-loaded by the app under `/doctor` (its guard checks the role). */
export const DOCTOR_ROUTES: Routes = [{ path: '', title: _('workspace.doctor'), component: DoctorHome }];
