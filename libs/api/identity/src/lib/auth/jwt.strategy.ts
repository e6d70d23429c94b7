import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { InjectDataSource } from '@nestjs/typeorm';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DataSource } from 'typeorm';
import type { AuthenticatedPrincipal } from '@benhan/api/core';
import type { SystemClientKind, UserRole } from '@benhan/shared/contracts';
import { IDENTITY_OPTIONS, IdentityOptions } from '../identity.options';
import { IdentityError } from '../identity.errors';
import { JWT_AUDIENCE, JWT_ISSUER, type AccessTokenClaims } from './token.service';

/**
 * Verifies the bearer token, then reads the live session and user in one query: a revoked session
 * (logout, refresh-token reuse, password reset), a disabled or locked user, or changed roles and
 * departments take effect on the next request, not when the token expires.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(IDENTITY_OPTIONS) options: IdentityOptions,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: options.jwtSecret,
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessTokenClaims): Promise<AuthenticatedPrincipal> {
    if (claims.typ === 'client') {
      const [client] = (await this.dataSource.query(`SELECT client_id, kind, facility_id FROM system_clients WHERE id = $1 AND active`, [claims.sub])) as {
        client_id: string;
        kind: SystemClientKind;
        facility_id: string;
      }[];
      if (!client) throw new IdentityError('session_ended', 'Client disabled');
      return { kind: 'client', clientId: client.client_id, clientKind: client.kind, scopes: claims.scope.split(' ').filter(Boolean), facilityId: client.facility_id };
    }
    const [row] = (await this.dataSource.query(
      `SELECT u.username, u.roles, u.facility_id,
              COALESCE(array_agg(ud.department_id) FILTER (WHERE ud.department_id IS NOT NULL), '{}') AS department_ids
         FROM sessions s
         JOIN users u ON u.id = s.user_id
         LEFT JOIN user_departments ud ON ud.user_id = u.id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()
          AND u.active AND (u.locked_until IS NULL OR u.locked_until <= now())
        GROUP BY u.id`,
      [claims.sid, claims.sub],
    )) as { username: string; roles: UserRole[]; facility_id: string; department_ids: string[] }[];
    if (!row) throw new IdentityError('session_ended', 'The session has ended; sign in again');
    return {
      kind: 'user',
      userId: claims.sub,
      username: row.username,
      roles: row.roles,
      departmentIds: row.department_ids,
      facilityId: row.facility_id,
      sessionId: claims.sid,
    };
  }
}
