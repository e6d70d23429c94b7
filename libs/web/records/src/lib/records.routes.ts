import type { Routes } from '@angular/router';
import { _ } from '@ngx-translate/core';
import { RecordsHome } from './pages/records-home/records-home';

/** Routes of the records workspace, lazy-loaded by the app under `/records` (its guard checks the role). */
export const RECORDS_ROUTES: Routes = [{ path: '', title: _('workspace.records'), component: RecordsHome }];
