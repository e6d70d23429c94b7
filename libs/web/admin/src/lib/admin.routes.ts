import type { Routes } from '@angular/router';
import { _ } from '@ngx-translate/core';
import { AdminHome } from './pages/admin-home/admin-home';

/** Routes of the admin workspace, lazy-loaded by the app under `/admin` (its guard checks the role). */
export const ADMIN_ROUTES: Routes = [{ path: '', title: _('workspace.admin'), component: AdminHome }];
