import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { Principal } from '@benhan/shared/contracts';

/**
 * Every route declares who may call it; the AccessGuard rejects a route that declares nothing
 * (deny by default). The rule is also published in OpenAPI as `x-benhan-access`, which the e2e
 * suite reads to check every route against every role.
 */
export type AccessRule = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'principals'; principals: Principal[] };

export const ACCESS_RULE = 'benhan:access-rule';
export const OPENAPI_ACCESS_EXTENSION = 'x-benhan-access';

/** No token needed (login, health, OAuth2 token endpoint). */
export const Public = () =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule),
    ApiExtension(OPENAPI_ACCESS_EXTENSION, { public: true }),
  );

/** Any signed-in human user, whatever the role (own profile, logout). System clients are refused. */
export const Authenticated = () =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'authenticated' } satisfies AccessRule),
    ApiBearerAuth(),
    ApiExtension(OPENAPI_ACCESS_EXTENSION, { authenticated: true }),
  );

/** Only these roles or system clients. */
export const Requires = (...principals: [Principal, ...Principal[]]) =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'principals', principals } satisfies AccessRule),
    ApiBearerAuth(),
    ApiExtension(OPENAPI_ACCESS_EXTENSION, { principals }),
  );
