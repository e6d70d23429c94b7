import type { Principal } from '@benhan/shared/contracts';
import type { TestSystem } from './system';

/** Who may call a route, as the API publishes it in OpenAPI (`x-benhan-access`). */
export type Access = { public?: true; authenticated?: true; principals?: Principal[] };

export interface RouteParameter {
  name: string;
  in: 'query' | 'path' | 'header';
  schema?: { type?: string; enum?: unknown[]; format?: string };
}

/** One operation of the published route table. */
export interface Operation {
  method: string;
  path: string;
  access: Access | undefined;
  parameters: RouteParameter[];
}

/** One demo user per role, so every route can be tried as every role. */
export const USER_FOR_ROLE = { doctor: 'doctor', nurse: 'nurse', records_officer: 'records', director: 'director', inspector: 'inspector', admin: 'admin' } as const;

/** Every operation the running API publishes in its OpenAPI document. */
export async function publishedOperations(system: TestSystem): Promise<Operation[]> {
  const doc = await system.request<{ paths: Record<string, Record<string, { 'x-benhan-access'?: Access; parameters?: RouteParameter[] }>> }>('GET', '/api/docs-json');
  return Object.entries(doc.body.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, access: op['x-benhan-access'], parameters: op.parameters ?? [] })),
  );
}

/** An access token for every role's demo user, keyed by role, and one for the demo LIS client (`lis`). */
export async function tokensOfEveryRole(system: TestSystem): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (const [role, user] of Object.entries(USER_FOR_ROLE)) tokens.set(role, await system.token(user));
  const client = await system.request<{ access_token: string }>('POST', '/api/auth/token', {
    form: { grant_type: 'client_credentials', client_id: 'lis', client_secret: 'lis-demo-secret-2026' },
  });
  tokens.set('lis', client.body.access_token);
  return tokens;
}
