/** Identity settings; the API's validated environment supplies them (apps/api/src/config). */
export interface IdentityOptions {
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** A session (refresh family) ends this long after sign-in, however often it is refreshed. */
  sessionMaxAgeSeconds: number;
  maxFailedLogins: number;
  lockoutMinutes: number;
  breakGlassMinutes: number;
  /** How long a department keeps access to a patient after the patient left it (R10 time window). */
  careAccessDaysAfterEnd: number;
  /** Sign-in and token endpoints: at most `limit` requests per client address per `ttlSeconds`. */
  loginRateLimit: { limit: number; ttlSeconds: number };
}

export const IDENTITY_OPTIONS = Symbol('IDENTITY_OPTIONS');
