import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentUser, Origin, Requires, type AuthenticatedPrincipal, type RequestOrigin, type UserPrincipal } from '@benhan/api/core';
import { BreakGlassDto } from '@benhan/api/identity';
import type { BreakGlassGrant, Page, PatientSummary } from '@benhan/shared/contracts';
import { PatientQueryDto } from './dto/patient-query.dto';
import { PatientsService } from './patients.service';

@ApiTags('patients')
@Controller('api/patients')
export class PatientsController {
  constructor(private readonly patients: PatientsService) {}

  @Get()
  @Requires('doctor', 'nurse', 'records_officer', 'inspector')
  search(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Query() query: PatientQueryDto): Promise<Page<PatientSummary>> {
    return this.patients.search(principal, query.q, query.limit, query.offset);
  }

  @Get(':id')
  @Requires('doctor', 'nurse', 'records_officer', 'inspector')
  get(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<PatientSummary> {
    return this.patients.get(principal, id);
  }

  @Post(':id/break-glass')
  @Requires('doctor', 'nurse')
  breakGlass(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: BreakGlassDto, @Origin() origin: RequestOrigin): Promise<BreakGlassGrant> {
    return this.patients.breakGlass(user, id, body.reason, origin);
  }
}
