/** Human roles (the director approves disposals of archived records with the records office, R21). A user holds one or more; the web client opens the first of their workspaces in menu order. */
export const USER_ROLES = ['doctor', 'nurse', 'records_officer', 'director', 'inspector', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Machine clients that authenticate with OAuth2 client credentials (LIS = lab, PACS = imaging). */
export const SYSTEM_CLIENT_KINDS = ['lis', 'pacs'] as const;
export type SystemClientKind = (typeof SYSTEM_CLIENT_KINDS)[number];

/** Anything a route may name as allowed caller. */
export type Principal = UserRole | SystemClientKind;

/** Clinical roles see only patients of their own departments (R10); the others are facility-wide or non-clinical. */
export const DEPARTMENT_SCOPED_ROLES: readonly UserRole[] = ['doctor', 'nurse'];

export function isUserRole(value: unknown): value is UserRole {
  return typeof value === 'string' && (USER_ROLES as readonly string[]).includes(value);
}
