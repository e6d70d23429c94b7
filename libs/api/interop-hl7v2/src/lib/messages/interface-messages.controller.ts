import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Origin, Requires, type RequestOrigin, type UserPrincipal } from '@benhan/api/core';
import type { InterfaceMessageDetail, InterfaceMessageSummary, Page, ReplayInterfaceMessageResponse } from '@benhan/shared/contracts';
import { InterfaceMessageQueryDto, ReplayInterfaceMessageDto } from './interface-messages.dto';
import { InterfaceMessagesService } from './interface-messages.service';

/** The HL7 v2 message log and its quarantine, for administrators. */
@ApiTags('interfaces')
@Controller('api/interfaces/messages')
export class InterfaceMessagesController {
  constructor(private readonly messages: InterfaceMessagesService) {}

  @Get()
  @Requires('admin')
  search(@CurrentUser() admin: UserPrincipal, @Query() query: InterfaceMessageQueryDto): Promise<Page<InterfaceMessageSummary>> {
    return this.messages.search(admin, query);
  }

  @Get(':id')
  @Requires('admin')
  get(@CurrentUser() admin: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Origin() origin: RequestOrigin): Promise<InterfaceMessageDetail> {
    return this.messages.get(admin, id, origin);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @Requires('admin')
  replay(@CurrentUser() admin: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReplayInterfaceMessageDto, @Origin() origin: RequestOrigin): Promise<ReplayInterfaceMessageResponse> {
    return this.messages.replay(admin, id, body.text, origin);
  }
}
