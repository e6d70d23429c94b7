import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Requires, type UserPrincipal } from '@benhan/api/core';
import type { AccessRequest, Page } from '@benhan/shared/contracts';
import { AccessRequestQueryDto, CreateAccessRequestDto, RefuseAccessRequestDto } from './access-request.dto';
import { AccessRequestsService } from './access-requests.service';

/** R12: the records office records a patient's written request and releases the sealed summary. */
@ApiTags('records')
@Controller('api/access-requests')
export class AccessRequestsController {
  constructor(private readonly requests: AccessRequestsService) {}

  @Post()
  @Requires('records_officer')
  create(@CurrentUser() user: UserPrincipal, @Body() body: CreateAccessRequestDto): Promise<AccessRequest> {
    return this.requests.create(user, body);
  }

  @Get()
  @Requires('records_officer', 'inspector')
  list(@CurrentUser() user: UserPrincipal, @Query() query: AccessRequestQueryDto): Promise<Page<AccessRequest>> {
    return this.requests.list(user, query);
  }

  @Get(':id')
  @Requires('records_officer', 'inspector')
  get(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<AccessRequest> {
    return this.requests.get(user, id);
  }

  @Post(':id/release')
  @Requires('records_officer')
  @HttpCode(200)
  @Header('Content-Type', 'application/pdf')
  async release(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    return new StreamableFile(await this.requests.release(user, id), { disposition: `inline; filename="tom-tat-ho-so-${id.slice(0, 8)}.pdf"` });
  }

  @Post(':id/refuse')
  @Requires('records_officer')
  @HttpCode(200)
  refuse(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: RefuseAccessRequestDto): Promise<AccessRequest> {
    return this.requests.refuse(user, id, body.reason);
  }

  @Get(':id/summary')
  @Requires('records_officer', 'inspector')
  @Header('Content-Type', 'application/pdf')
  async summary(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    return new StreamableFile(await this.requests.releasedSummary(user, id), { disposition: `inline; filename="tom-tat-ho-so-${id.slice(0, 8)}.pdf"` });
  }
}
