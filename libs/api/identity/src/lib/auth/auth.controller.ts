import { Body, Controller, Get, Headers, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { Authenticated, CurrentUser, Origin, Public, type RequestOrigin, type UserPrincipal } from '@benhan/api/core';
import type { CurrentUser as CurrentUserContract, TokenResponse } from '@benhan/shared/contracts';
import type { UserEntity } from '../entities';
import { ClientCredentialsDto, LoginDto, RefreshDto } from '../dto/login.dto';
import { AuthService, OAuthError } from './auth.service';
import { LocalAuthGuard } from './local-auth.guard';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @UseGuards(ThrottlerGuard, LocalAuthGuard)
  @ApiOperation({ summary: 'Sign in with username and password; returns a 15-minute access token and a rotating refresh token' })
  login(@Body() _body: LoginDto, @Req() req: Request & { user: UserEntity }, @Origin() origin: RequestOrigin): Promise<TokenResponse> {
    return this.auth.login(req.user, origin);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair; presenting a spent token revokes the session' })
  refresh(@Body() body: RefreshDto, @Origin() origin: RequestOrigin): Promise<TokenResponse> {
    return this.auth.refresh(body.refreshToken, origin);
  }

  @Post('logout')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ summary: 'End this session: its access and refresh tokens stop working at once' })
  logout(@CurrentUser() user: UserPrincipal, @Origin() origin: RequestOrigin): Promise<void> {
    return this.auth.logout(user, origin);
  }

  @Get('me')
  @Authenticated()
  me(@CurrentUser() user: UserPrincipal): Promise<CurrentUserContract> {
    return this.auth.currentUser(user.userId);
  }

  /** OAuth2 token endpoint for LIS and PACS. Errors follow RFC 6749 §5.2, not problem details, as OAuth clients expect. */
  @Post('token')
  @HttpCode(200)
  @Public()
  @UseGuards(ThrottlerGuard)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiOperation({ summary: 'OAuth2 client credentials grant (RFC 6749 §4.4) for system clients' })
  async token(
    @Body() body: ClientCredentialsDto,
    @Headers('authorization') authorization: string | undefined,
    @Origin() origin: RequestOrigin,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    res.setHeader('Cache-Control', 'no-store');
    try {
      if (body.grant_type !== 'client_credentials') {
        throw new OAuthError(400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported');
      }
      const basic = parseBasic(authorization);
      const clientId = basic?.id ?? body.client_id;
      const secret = basic?.secret ?? body.client_secret;
      if (!clientId || !secret) throw new OAuthError(400, 'invalid_request', 'client_id and client_secret are required');
      return await this.auth.clientCredentials(clientId, secret, body.scope, origin);
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      res.status(error.status);
      if (error.status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="benhan"');
      return { error: error.error, error_description: error.description };
    }
  }
}

function parseBasic(header: string | undefined): { id: string; secret: string } | null {
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}
