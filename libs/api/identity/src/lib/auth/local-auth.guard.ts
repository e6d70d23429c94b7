import { BadRequestException, ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request } from 'express';
import { flattenValidationErrors } from '@benhan/api/core';
import { IdentityError } from '../identity.errors';
import { LoginDto } from '../dto/login.dto';

/** Validates the login body first (a 400 naming the field beats passport's bare "Missing credentials"). */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const body: unknown = context.switchToHttp().getRequest<Request>().body ?? {};
    const errors = await validate(plainToInstance(LoginDto, body), { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) {
      const fieldErrors = flattenValidationErrors(errors);
      throw new BadRequestException({ message: `Invalid request: ${fieldErrors.map((e) => e.field).join(', ')}`, errors: fieldErrors });
    }
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(err: unknown, user: T | false): T {
    if (err) throw err;
    if (!user) throw new IdentityError('invalid_credentials', 'Wrong username or password');
    return user;
  }
}
