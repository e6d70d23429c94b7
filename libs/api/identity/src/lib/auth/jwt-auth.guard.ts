import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { accessRuleOf } from '@benhan/api/core';
import { IdentityError } from '../identity.errors';

/** Global authentication: every route needs a valid bearer token unless it is declared `@Public()`. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    if (accessRuleOf(this.reflector, context)?.kind === 'public') return true;
    return super.canActivate(context);
  }

  override handleRequest<T>(err: unknown, principal: T | false): T {
    if (err instanceof IdentityError) throw err;
    if (err || !principal) throw new UnauthorizedException('A valid access token is required');
    return principal;
  }
}
