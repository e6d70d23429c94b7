import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { requestOrigin } from '@benhan/api/core';
import type { UserEntity } from '../entities';
import { AuthService } from './auth.service';

/** Username and password from the JSON body (`POST /api/auth/login`). */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'username', passwordField: 'password', passReqToCallback: true });
  }

  validate(req: Request, username: string, password: string): Promise<UserEntity> {
    return this.auth.verifyCredentials(username, password, requestOrigin(req as Parameters<typeof requestOrigin>[0]));
  }
}
