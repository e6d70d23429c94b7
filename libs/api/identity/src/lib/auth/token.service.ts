import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { IDENTITY_OPTIONS, IdentityOptions } from '../identity.options';

/** Claims of a Benhan access token. Roles are not in it: they are read live with the session. */
export type AccessTokenClaims =
  | { typ: 'user'; sub: string; sid: string; fid: string }
  | { typ: 'client'; sub: string; fid: string; scope: string };

export const JWT_ISSUER = 'benhan';
export const JWT_AUDIENCE = 'benhan-api';

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
  ) {}

  signAccessToken(claims: AccessTokenClaims): Promise<string> {
    return this.jwt.signAsync(claims, {
      secret: this.options.jwtSecret,
      algorithm: 'HS256',
      expiresIn: this.options.accessTokenTtlSeconds,
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
    });
  }

  /** An opaque 256-bit refresh token; only its SHA-256 is stored. */
  newRefreshToken(): { token: string; hash: Buffer } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: hashRefreshToken(token) };
  }
}

export function hashRefreshToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
