import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentUser, Origin, Requires, type AuthenticatedPrincipal, type RequestOrigin, type UserPrincipal } from '@benhan/api/core';
import { BreakGlassDto } from '@benhan/api/identity';
import type { BreakGlassGrant, Page, PatientDetail, PatientSummary } from '@benhan/shared/contracts';
import { PatientQueryDto } from './dto/patient-query.dto';
import { MergePatientDto, RegisterPatientDto, UpdatePatientDto } from './dto/register-patient.dto';
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

  @Post()
  @Requires('doctor', 'nurse')
  register(@CurrentUser() user: UserPrincipal, @Body() body: RegisterPatientDto, @Origin() origin: RequestOrigin): Promise<PatientDetail> {
    return this.patients.register(user, body, origin);
  }

  @Get(':id')
  @Requires('doctor', 'nurse', 'records_officer', 'inspector')
  get(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Origin() origin: RequestOrigin): Promise<PatientDetail> {
    return this.patients.get(principal, id, origin);
  }

  @Patch(':id')
  @Requires('doctor', 'nurse')
  update(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdatePatientDto, @Origin() origin: RequestOrigin): Promise<PatientDetail> {
    return this.patients.update(user, id, body, origin);
  }

  /** Merge this (duplicate or temporary) record into another; both histories are kept. */
  @Post(':id/merge')
  @Requires('records_officer')
  merge(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: MergePatientDto, @Origin() origin: RequestOrigin): Promise<PatientDetail> {
    return this.patients.merge(user, id, body.intoPatientId, body.reason, origin);
  }

  @Post(':id/break-glass')
  @Requires('doctor', 'nurse')
  breakGlass(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: BreakGlassDto, @Origin() origin: RequestOrigin): Promise<BreakGlassGrant> {
    return this.patients.breakGlass(user, id, body.reason, origin);
  }
}
