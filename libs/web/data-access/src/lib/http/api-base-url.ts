import { InjectionToken } from '@angular/core';

/**
 * Prefix of every API URL. Empty in production because the API serves the built web app from the same
 * origin, so relative URLs need no CORS and the cookie-less bearer scheme stays simple.
 */
export const API_BASE_URL = new InjectionToken<string>('API_BASE_URL', {
  providedIn: 'root',
  factory: () => '',
});
