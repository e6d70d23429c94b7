import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Origin, Requires, type RequestOrigin, type UserPrincipal } from '@benhan/api/core';
import type { Page, UserSummary } from '@benhan/shared/contracts';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto, UserListQueryDto } from '../dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('admin')
@Controller('api/users')
@Requires('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(@CurrentUser() actor: UserPrincipal, @Query() query: UserListQueryDto): Promise<Page<UserSummary>> {
    return this.users.list(actor.facilityId, query);
  }

  @Get(':id')
  get(@CurrentUser() actor: UserPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<UserSummary> {
    return this.users.get(actor.facilityId, id);
  }

  @Post()
  create(@CurrentUser() actor: UserPrincipal, @Body() body: CreateUserDto, @Origin() origin: RequestOrigin): Promise<UserSummary> {
    return this.users.create(actor, body, origin);
  }

  @Patch(':id')
  update(@CurrentUser() actor: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateUserDto, @Origin() origin: RequestOrigin): Promise<UserSummary> {
    return this.users.update(actor, id, body, origin);
  }

  @Post(':id/password')
  @HttpCode(204)
  resetPassword(@CurrentUser() actor: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: ResetPasswordDto, @Origin() origin: RequestOrigin): Promise<void> {
    return this.users.resetPassword(actor, id, body.newPassword, origin);
  }
}
