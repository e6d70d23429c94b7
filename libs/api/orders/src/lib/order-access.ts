import { Injectable } from '@nestjs/common';
import type { AuthenticatedPrincipal } from '@benhan/api/core';
import { OrderError } from './orders.errors';

/** System clients act within the scopes their client-credentials token was granted (orders.read, results.write). */
@Injectable()
export class OrderAccess {
  requireScope(principal: AuthenticatedPrincipal, scope: string): AuthenticatedPrincipal {
    if (principal.kind === 'client' && !principal.scopes.includes(scope)) throw new OrderError('insufficient_scope', `This needs the scope ${scope}`, { scope });
    return principal;
  }
}
