import type { UserRole } from './roles';

/**
 * One workspace per role (ARCHITECTURE.md "UI"). The web shell builds its menu from this list, and
 * the route path is the workspace key. Labels are i18n keys, never display text.
 */
export interface WorkspaceDefinition {
  key: 'doctor' | 'nurse' | 'records' | 'inspector' | 'admin';
  path: string;
  labelKey: string;
  icon: string;
  roles: readonly UserRole[];
}

export const WORKSPACES: readonly WorkspaceDefinition[] = [
  { key: 'doctor', path: 'doctor', labelKey: 'workspace.doctor', icon: 'pi pi-heart', roles: ['doctor'] },
  { key: 'nurse', path: 'nurse', labelKey: 'workspace.nurse', icon: 'pi pi-clipboard', roles: ['nurse'] },
  { key: 'records', path: 'records', labelKey: 'workspace.records', icon: 'pi pi-folder', roles: ['records_officer', 'director'] },
  { key: 'inspector', path: 'inspector', labelKey: 'workspace.inspector', icon: 'pi pi-shield', roles: ['inspector'] },
  { key: 'admin', path: 'admin', labelKey: 'workspace.admin', icon: 'pi pi-cog', roles: ['admin'] },
];

export function workspacesFor(roles: readonly UserRole[]): WorkspaceDefinition[] {
  return WORKSPACES.filter((w) => w.roles.some((r) => roles.includes(r)));
}
