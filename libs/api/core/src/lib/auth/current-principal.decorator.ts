import { ExecutionContext, UnauthorizedException, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthenticatedPrincipal, RequestOrigin, UserPrincipal } from './principal';

type AuthenticatedRequest = Omit<Request, 'user'> & { user?: AuthenticatedPrincipal; id?: unknown };

/** The authenticated caller (user or system client). */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthenticatedPrincipal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!principal) throw new UnauthorizedException();
  return principal;
});

/** The authenticated human user; a system client calling a user-only route is refused. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): UserPrincipal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!principal || principal.kind !== 'user') throw new UnauthorizedException();
  return principal;
});

/** Client address, user agent and request id, for security and audit records. */
export const Origin = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestOrigin => requestOrigin(ctx.switchToHttp().getRequest()));

export function requestOrigin(req: AuthenticatedRequest): RequestOrigin {
  return {
    clientAddress: req.ip ?? req.socket?.remoteAddress ?? null,
    userAgent: req.get?.('user-agent') ?? null,
    requestId: req.id == null ? null : String(req.id),
  };
}
