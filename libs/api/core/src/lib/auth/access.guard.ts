import { CanActivate, ExecutionContext, ForbiddenException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_RULE, AccessRule } from './access-rule';
import type { AuthenticatedPrincipal } from './principal';

/**
 * Role-based access on every route (R10). Runs after authentication; a route without an access
 * rule is a programming error and is refused for everyone, so forgetting a decorator fails closed.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = accessRuleOf(this.reflector, context);
    if (!rule) {
      this.logger.error(`Route ${context.getClass().name}.${context.getHandler().name} declares no access rule: refused`);
      throw new ForbiddenException('This route declares no access rule');
    }
    if (rule.kind === 'public') return true;

    const principal = context.switchToHttp().getRequest<{ user?: AuthenticatedPrincipal }>().user;
    if (!principal) throw new UnauthorizedException();
    if (!isAllowed(rule, principal)) throw new ForbiddenException('Your role may not use this function');
    return true;
  }
}

export function accessRuleOf(reflector: Reflector, context: ExecutionContext): AccessRule | undefined {
  return reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
}

export function isAllowed(rule: AccessRule, principal: AuthenticatedPrincipal): boolean {
  switch (rule.kind) {
    case 'public':
      return true;
    case 'authenticated':
      return principal.kind === 'user';
    case 'principals':
      return principal.kind === 'user'
        ? principal.roles.some((role) => rule.principals.includes(role))
        : rule.principals.includes(principal.clientKind);
  }
}
