import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Requires, type UserPrincipal } from '@benhan/api/core';
import type { WardBeds } from '@benhan/shared/contracts';
import { EncountersService } from './encounters.service';

@ApiTags('encounters')
@Controller('api/wards')
export class WardsController {
  constructor(private readonly encounters: EncountersService) {}

  @Get()
  @Requires('doctor', 'nurse')
  bedMap(@CurrentUser() user: UserPrincipal): Promise<WardBeds[]> {
    return this.encounters.bedMap(user);
  }
}
