import { Controller, ExecutionContext, ForbiddenException, Get, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedPrincipal } from './principal';
import { AccessGuard } from './access.guard';
import { Authenticated, Public, Requires } from './access-rule';

@Controller()
class Routes {
  @Get() undeclared() {
    return null;
  }
  @Get() @Public() open() {
    return null;
  }
  @Get() @Authenticated() anyUser() {
    return null;
  }
  @Get() @Requires('doctor', 'nurse') clinical() {
    return null;
  }
  @Get() @Requires('lis') labOnly() {
    return null;
  }
}

@Controller()
@Requires('admin')
class AdminRoutes {
  @Get() list() {
    return null;
  }
  @Get() @Public() overridden() {
    return null;
  }
}

const doctor: AuthenticatedPrincipal = { kind: 'user', userId: 'u1', username: 'doctor', roles: ['doctor'], departmentIds: ['d1'], facilityId: 'f', sessionId: 's' };
const admin: AuthenticatedPrincipal = { ...doctor, roles: ['admin'] };
const lis: AuthenticatedPrincipal = { kind: 'client', clientId: 'lis', clientKind: 'lis', scopes: [], facilityId: 'f' };

function context(controller: object, handler: string, user?: AuthenticatedPrincipal): ExecutionContext {
  const proto = Object.getPrototypeOf(controller);
  return {
    getClass: () => proto.constructor,
    getHandler: () => proto[handler],
    switchToHttp: () => ({ getRequest: () => ({ user }) }),
  } as unknown as ExecutionContext;
}

describe(AccessGuard.name, () => {
  const guard = new AccessGuard(new Reflector());
  const routes = new Routes();
  const adminRoutes = new AdminRoutes();

  it('refuses a route that declares no access rule, even to an administrator (deny by default)', () => {
    expect(() => guard.canActivate(context(routes, 'undeclared', admin))).toThrow(ForbiddenException);
  });

  it('lets anyone through a public route', () => {
    expect(guard.canActivate(context(routes, 'open'))).toBe(true);
  });

  it('asks for authentication on a protected route without a principal', () => {
    expect(() => guard.canActivate(context(routes, 'clinical'))).toThrow(UnauthorizedException);
  });

  it('allows the named roles and refuses the others', () => {
    expect(guard.canActivate(context(routes, 'clinical', doctor))).toBe(true);
    expect(() => guard.canActivate(context(routes, 'clinical', admin))).toThrow(ForbiddenException);
  });

  it('lets any human user through @Authenticated but not a system client', () => {
    expect(guard.canActivate(context(routes, 'anyUser', doctor))).toBe(true);
    expect(() => guard.canActivate(context(routes, 'anyUser', lis))).toThrow(ForbiddenException);
  });

  it('matches system clients by kind', () => {
    expect(guard.canActivate(context(routes, 'labOnly', lis))).toBe(true);
    expect(() => guard.canActivate(context(routes, 'labOnly', doctor))).toThrow(ForbiddenException);
  });

  it('applies a controller-level rule to every handler, and a handler rule overrides it', () => {
    expect(guard.canActivate(context(adminRoutes, 'list', admin))).toBe(true);
    expect(() => guard.canActivate(context(adminRoutes, 'list', doctor))).toThrow(ForbiddenException);
    expect(guard.canActivate(context(adminRoutes, 'overridden'))).toBe(true);
  });
});
