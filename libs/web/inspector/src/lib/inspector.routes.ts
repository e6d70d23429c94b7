import type { Routes } from '@angular/router';
import { _ } from '@ngx-translate/core';
import { InspectorHome } from './pages/inspector-home/inspector-home';

/** Routes of the inspector workspace, lazy-loaded by the app under `/inspector` (its guard checks the role). */
export const INSPECTOR_ROUTES: Routes = [{ path: '', title: _('workspace.inspector'), component: InspectorHome }];
