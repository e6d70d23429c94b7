import type { UserRole } from './roles';

/** `POST /api/auth/login` (public contract: fixed names). */
export interface LoginRequest {
  username: string;
  password: string;
}

/** `POST /api/auth/refresh` and `POST /api/auth/logout`. */
export interface RefreshRequest {
  refreshToken: string;
}

export interface DepartmentRef {
  id: string;
  code: string;
  name: string;
  /** True when the user heads this department (countersigning later depends on it). */
  isHead: boolean;
}

/** The signed-in user as the client sees it (`GET /api/auth/me`, and inside every token response). */
export interface CurrentUser {
  id: string;
  username: string;
  fullName: string;
  roles: UserRole[];
  departments: DepartmentRef[];
  facility: { id: string; code: string; name: string };
  practisingCertificateNo: string | null;
}

/** Answer to login and refresh. Token lifetimes are in seconds. */
export interface TokenResponse {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
  user: CurrentUser;
}

/** `POST /api/auth/token` (OAuth2 client credentials, RFC 6749 §4.4): form body, snake_case by the RFC. */
export interface ClientCredentialsTokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/** `POST /api/patients/:id/break-glass`: emergency access to one patient's record, time-limited and recorded (R10). */
export interface BreakGlassRequest {
  reason: string;
}

export interface BreakGlassGrant {
  id: string;
  patientId: string;
  reason: string;
  grantedAt: string;
  expiresAt: string;
}
