import type { SystemClientKind, UserRole } from '@benhan/shared/contracts';

/** A signed-in person, as the access token and its live session say. */
export interface UserPrincipal {
  kind: 'user';
  userId: string;
  username: string;
  roles: UserRole[];
  departmentIds: string[];
  facilityId: string;
  sessionId: string;
}

/** A machine (LIS, PACS) holding a client-credentials token. */
export interface ClientPrincipal {
  kind: 'client';
  clientId: string;
  clientKind: SystemClientKind;
  scopes: string[];
  facilityId: string;
}

export type AuthenticatedPrincipal = UserPrincipal | ClientPrincipal;

/** Who asked, from where: what every security and audit record needs besides the principal. */
export interface RequestOrigin {
  clientAddress: string | null;
  userAgent: string | null;
  requestId: string | null;
}
