import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Clock, type RequestOrigin, type UserPrincipal } from '@benhan/api/core';
import type { ClientCredentialsTokenResponse, CurrentUser, TokenResponse } from '@benhan/shared/contracts';
import { RefreshTokenEntity, SessionEntity, SystemClientEntity, UserEntity } from '../entities';
import { IDENTITY_OPTIONS, IdentityOptions } from '../identity.options';
import { IdentityError } from '../identity.errors';
import { SecurityEventsService } from '../security-events/security-events.service';
import { UsersService } from '../users/users.service';
import { PasswordHasher } from './password-hasher';
import { TokenService, hashRefreshToken } from './token.service';

export class OAuthError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly error: 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope',
    readonly description: string,
  ) {
    super(description);
  }
}

/**
 * Sign-in, token rotation, sign-out and machine tokens. Failures that must be remembered (failed
 * attempts, locks, refresh-token theft) are committed even though the request itself fails.
 */
@Injectable()
export class AuthService {

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
    private readonly clock: Clock,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly events: SecurityEventsService,
    private readonly users: UsersService,
  ) {}

  /** Check a username and password; on success returns the user, else throws and records why. */
  async verifyCredentials(username: string, password: string, origin: RequestOrigin): Promise<UserEntity> {
    const name = username.trim().toLowerCase();
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :name', { name })
      .getOne();
    const now = this.clock.now();

    if (!user) {
      await this.hasher.verify(password, null);
      await this.events.record(this.dataSource.manager, {
        type: 'login_failed',
        outcome: 'failure',
        actorUsername: name.slice(0, 64),
        reason: 'unknown user',
        origin,
      });
      throw invalidCredentials();
    }
    const failure = { type: 'login_failed' as const, outcome: 'failure' as const, facilityId: user.facilityId, actorUserId: user.id, actorUsername: user.username, origin };

    if (user.lockedUntil && user.lockedUntil > now) {
      await this.events.record(this.dataSource.manager, { ...failure, reason: 'account locked' });
      throw locked(user.lockedUntil, now);
    }
    const passwordOk = await this.hasher.verify(password, user.passwordHash);
    if (!user.active) {
      await this.events.record(this.dataSource.manager, { ...failure, reason: 'account disabled' });
      throw invalidCredentials();
    }
    if (!passwordOk) {
      const lockedUntil = await this.dataSource.transaction(async (em) => {
        // Atomic increment: parallel wrong guesses each count.
        const updated = await em
          .createQueryBuilder()
          .update(UserEntity)
          .set({ failedLoginCount: () => 'failed_login_count + 1' })
          .where('id = :id', { id: user.id })
          .returning('failed_login_count')
          .execute();
        const count = Number((updated.raw as { failed_login_count: number }[])[0].failed_login_count);
        await this.events.record(em, { ...failure, reason: 'wrong password', detail: { failedAttempts: count } });
        if (count < this.options.maxFailedLogins) return null;
        const until = new Date(now.getTime() + this.options.lockoutMinutes * 60_000);
        await em.update(UserEntity, { id: user.id }, { lockedUntil: until, failedLoginCount: 0 });
        await this.events.record(em, {
          type: 'account_locked',
          outcome: 'success',
          facilityId: user.facilityId,
          targetUserId: user.id,
          actorUsername: user.username,
          reason: `${count} failed logins`,
          detail: { lockedUntil: until.toISOString() },
          origin,
        });
        return until;
      });
      if (lockedUntil) throw locked(lockedUntil, now);
      throw invalidCredentials();
    }
    return user;
  }

  /** Open a session for a verified user and issue its first token pair. */
  async login(user: UserEntity, origin: RequestOrigin): Promise<TokenResponse> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      await em.update(UserEntity, { id: user.id }, { failedLoginCount: 0, lockedUntil: null });
      const session = await em.save(
        em.create(SessionEntity, {
          userId: user.id,
          createdAt: now,
          expiresAt: new Date(now.getTime() + this.options.sessionMaxAgeSeconds * 1000),
          lastRefreshedAt: null,
          revokedAt: null,
          revokeReason: null,
          clientAddress: origin.clientAddress,
          userAgent: origin.userAgent?.slice(0, 500) ?? null,
        }),
      );
      await this.events.record(em, {
        type: 'login',
        outcome: 'success',
        facilityId: user.facilityId,
        actorUserId: user.id,
        actorUsername: user.username,
        detail: { sessionId: session.id },
        origin,
      });
      return this.issueTokens(em, session, user.id, now);
    });
  }

  /**
   * Rotate: the presented refresh token is spent and a new pair issued in the same session. A token
   * presented twice means someone else holds a copy, so the whole session (family) is revoked.
   */
  async refresh(refreshToken: string, origin: RequestOrigin): Promise<TokenResponse> {
    const now = this.clock.now();
    const outcome = await this.dataSource.transaction(async (em) => {
      const token = await em
        .getRepository(RefreshTokenEntity)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :hash', { hash: hashRefreshToken(refreshToken) })
        .getOne();
      if (!token) return { error: new IdentityError('invalid_refresh_token', 'Unknown refresh token') };
      const session = await em.findOneOrFail(SessionEntity, { where: { id: token.sessionId }, lock: { mode: 'pessimistic_write' } });
      const user = await em.findOneOrFail(UserEntity, { where: { id: session.userId } });

      if (token.usedAt) {
        if (!session.revokedAt) {
          await em.update(SessionEntity, { id: session.id }, { revokedAt: now, revokeReason: 'refresh_reuse' });
        }
        await this.events.record(em, {
          type: 'refresh_reuse',
          outcome: 'failure',
          facilityId: user.facilityId,
          actorUserId: user.id,
          actorUsername: user.username,
          reason: 'a spent refresh token was presented again; session revoked',
          detail: { sessionId: session.id, tokenId: token.id },
          origin,
        });
        return { error: new IdentityError('refresh_token_reused', 'Refresh token already used: the session has been revoked') };
      }
      if (session.revokedAt || session.expiresAt <= now || token.expiresAt <= now) {
        return { error: new IdentityError('session_ended', 'The session has ended; sign in again') };
      }
      if (!user.active || (user.lockedUntil && user.lockedUntil > now)) {
        await em.update(SessionEntity, { id: session.id }, { revokedAt: now, revokeReason: 'user_disabled' });
        return { error: new IdentityError('session_ended', 'The account is disabled or locked') };
      }
      await em.update(RefreshTokenEntity, { id: token.id }, { usedAt: now });
      await em.update(SessionEntity, { id: session.id }, { lastRefreshedAt: now });
      return { tokens: await this.issueTokens(em, session, user.id, now) };
    });
    if ('error' in outcome) throw outcome.error;
    return outcome.tokens;
  }

  async logout(principal: UserPrincipal, origin: RequestOrigin): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.update(SessionEntity, { id: principal.sessionId, revokedAt: IsNull() }, { revokedAt: this.clock.now(), revokeReason: 'logout' });
      await this.events.record(em, {
        type: 'logout',
        outcome: 'success',
        facilityId: principal.facilityId,
        actorUserId: principal.userId,
        actorUsername: principal.username,
        detail: { sessionId: principal.sessionId },
        origin,
      });
    });
  }

  /** OAuth2 client credentials (RFC 6749 §4.4) for LIS and PACS. */
  async clientCredentials(clientId: string, clientSecret: string, requestedScope: string | undefined, origin: RequestOrigin): Promise<ClientCredentialsTokenResponse> {
    const client = await this.dataSource
      .getRepository(SystemClientEntity)
      .createQueryBuilder('c')
      .addSelect('c.secretHash')
      .where('c.client_id = :clientId', { clientId })
      .getOne();
    const secretOk = await this.hasher.verify(clientSecret, client?.secretHash ?? null);
    if (!client || !client.active || !secretOk) {
      await this.events.record(this.dataSource.manager, {
        type: 'client_token_failed',
        outcome: 'failure',
        facilityId: client?.facilityId ?? null,
        actorUsername: clientId.slice(0, 64),
        reason: client ? (client.active ? 'wrong secret' : 'client disabled') : 'unknown client',
        origin,
      });
      throw new OAuthError(401, 'invalid_client', 'Client authentication failed');
    }
    const requested = requestedScope ? requestedScope.split(' ').filter(Boolean) : client.scopes;
    const refused = requested.filter((s) => !client.scopes.includes(s));
    if (refused.length) throw new OAuthError(400, 'invalid_scope', `Scope not granted to this client: ${refused.join(' ')}`);

    const scope = requested.join(' ');
    await this.events.record(this.dataSource.manager, {
      type: 'client_token',
      outcome: 'success',
      facilityId: client.facilityId,
      actorUsername: client.clientId,
      detail: { kind: client.kind, scope },
      origin,
    });
    return {
      access_token: await this.tokens.signAccessToken({ typ: 'client', sub: client.id, fid: client.facilityId, scope }),
      token_type: 'Bearer',
      expires_in: this.options.accessTokenTtlSeconds,
      scope,
    };
  }

  async currentUser(userId: string): Promise<CurrentUser> {
    return this.users.currentUser(userId);
  }

  private async issueTokens(em: EntityManager, session: SessionEntity, userId: string, now: Date): Promise<TokenResponse> {
    const refresh = this.tokens.newRefreshToken();
    const refreshExpires = new Date(Math.min(now.getTime() + this.options.refreshTokenTtlSeconds * 1000, session.expiresAt.getTime()));
    await em.insert(RefreshTokenEntity, { sessionId: session.id, tokenHash: refresh.hash, issuedAt: now, expiresAt: refreshExpires, usedAt: null });
    const user = await this.users.currentUser(userId, em);
    return {
      accessToken: await this.tokens.signAccessToken({ typ: 'user', sub: userId, sid: session.id, fid: user.facility.id }),
      tokenType: 'Bearer',
      expiresIn: this.options.accessTokenTtlSeconds,
      refreshToken: refresh.token,
      refreshExpiresIn: Math.round((refreshExpires.getTime() - now.getTime()) / 1000),
      user,
    };
  }
}

function invalidCredentials(): IdentityError {
  return new IdentityError('invalid_credentials', 'Wrong username or password');
}

function locked(until: Date, now: Date): IdentityError {
  return new IdentityError('account_locked', 'Too many failed sign-ins: the account is locked', {
    lockedUntil: until.toISOString(),
    retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
  });
}

