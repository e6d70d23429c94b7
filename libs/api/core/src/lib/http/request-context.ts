import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import type { AuthenticatedPrincipal, RequestOrigin } from '../auth/principal';
import { requestOrigin } from '../auth/current-principal.decorator';

type ContextRequest = Omit<Request, 'user'> & { user?: AuthenticatedPrincipal; id?: unknown };

const storage = new AsyncLocalStorage<ContextRequest>();

/**
 * The request being served, wherever its work continues (services, transactions): the audit trail reads
 * who and from where from here instead of every service method threading the origin through.
 */
export const RequestContext = {
  middleware(req: ContextRequest, _res: Response, next: NextFunction): void {
    storage.run(req, next);
  },
  /** The caller's address, user agent and request id; null outside a request (jobs, start-up). */
  origin(): RequestOrigin | null {
    const req = storage.getStore();
    return req ? requestOrigin(req) : null;
  },
  /** The authenticated caller, once the guard has run; null outside a request or before sign-in. */
  principal(): AuthenticatedPrincipal | null {
    return storage.getStore()?.user ?? null;
  },
  /** Run `fn` as if serving `req` (tests, jobs that act for a request). */
  run<T>(req: ContextRequest, fn: () => T): T {
    return storage.run(req, fn);
  },
};
