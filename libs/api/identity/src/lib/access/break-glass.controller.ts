import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Requires, type UserPrincipal } from '@benhan/api/core';
import type { BreakGlassGrant } from '@benhan/shared/contracts';
import { PatientAccessService } from './patient-access.service';

/** A clinician's own open break-glass grants. Opening one is `POST /api/patients/:id/break-glass`. */
@ApiTags('access')
@Controller('api/break-glass')
export class BreakGlassController {
  constructor(private readonly access: PatientAccessService) {}

  @Get()
  @Requires('doctor', 'nurse')
  mine(@CurrentUser() user: UserPrincipal): Promise<BreakGlassGrant[]> {
    return this.access.activeBreakGlassGrants(user);
  }
}
