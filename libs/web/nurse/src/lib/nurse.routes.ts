import type { Routes } from '@angular/router';
import { _ } from '@ngx-translate/core';
import { NurseHome } from './pages/nurse-home/nurse-home';

/** Routes of the nurse workspace, lazy-loaded by the app under `/nurse` (its guard checks the role). */
export const NURSE_ROUTES: Routes = [{ path: '', title: _('workspace.nurse'), component: NurseHome }];
