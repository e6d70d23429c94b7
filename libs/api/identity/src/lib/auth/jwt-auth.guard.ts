import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { accessRuleOf } from '@benhan/api/core';

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

  /**
   * A token passport refuses comes as no principal: 401. An error the strategy threw is passed on as it is: an ended
   * session is a 401 of its own, and a database that cannot be reached is a 503 to retry — never a 401, which would
   * sign every user out of the web client during a database restart.
   */
  override handleRequest<T>(err: unknown, principal: T | false): T {
    if (err) throw err;
    if (!principal) throw new UnauthorizedException('A valid access token is required');
    return principal;
  }
}
