import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Requires, type UserPrincipal } from '@benhan/api/core';
import type { Page, SecurityEvent } from '@benhan/shared/contracts';
import { SecurityEventQueryDto } from '../dto/security-event.dto';
import { SecurityEventsService } from './security-events.service';

@ApiTags('admin')
@Controller('api/security-events')
export class SecurityEventsController {
  constructor(private readonly events: SecurityEventsService) {}

  @Get()
  @Requires('admin', 'inspector')
  list(@CurrentUser() user: UserPrincipal, @Query() query: SecurityEventQueryDto): Promise<Page<SecurityEvent>> {
    return this.events.list(user.facilityId, { ...query, limit: query.limit, offset: query.offset });
  }
}
