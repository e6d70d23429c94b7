import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Requires, type UserPrincipal } from '@benhan/api/core';
import type { InterfacesOverview } from '@benhan/shared/contracts';
import { InterfacesOverviewService } from './interfaces-overview.service';

/** The HL7 v2 interfaces at a glance, for administrators: listener, destinations, outbox depth, failures, quarantine. */
@ApiTags('interfaces')
@Controller('api/interfaces')
export class InterfacesController {
  constructor(private readonly overview: InterfacesOverviewService) {}

  @Get()
  @Requires('admin')
  get(@CurrentUser() admin: UserPrincipal): Promise<InterfacesOverview> {
    return this.overview.overview(admin);
  }
}
