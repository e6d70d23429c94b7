export { API_BASE_URL } from './lib/http/api-base-url';
export { problemOf, statusOf } from './lib/http/problem-details';
export { AUTH_PATHS, AuthApi } from './lib/auth/auth.api';
export { SessionStore, type StoredSession } from './lib/auth/session-store';
export { AuthService } from './lib/auth/auth.service';
export { authInterceptor } from './lib/auth/auth.interceptor';
export { authGuard, guestGuard, workspaceGuard } from './lib/auth/auth.guards';
export { provideAuthSession } from './lib/auth/provide-auth';
