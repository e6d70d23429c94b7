import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentUser, Origin, Requires, type AuthenticatedPrincipal, type RequestOrigin, type UserPrincipal } from '@benhan/api/core';
import type { CensusEntry, EncounterDetail, WardBeds } from '@benhan/shared/contracts';
import {
  AdmitDto,
  CensusQueryDto,
  ConcludeOutpatientVisitDto,
  DischargeDto,
  EncounterQueryDto,
  OpenOutpatientVisitDto,
  TransferDto,
  VersionDto,
} from './dto/encounter.dto';
import { EncountersService } from './encounters.service';

const READERS = ['doctor', 'nurse', 'records_officer', 'inspector'] as const;

@ApiTags('encounters')
@Controller('api/encounters')
export class EncountersController {
  constructor(private readonly encounters: EncountersService) {}

  @Get()
  @Requires(...READERS)
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Query() query: EncounterQueryDto): Promise<EncounterDetail[]> {
    return this.encounters.listForPatient(principal, query.patientId);
  }

  @Get('census')
  @Requires('doctor', 'nurse')
  census(@CurrentUser() user: UserPrincipal, @Query() query: CensusQueryDto): Promise<CensusEntry[]> {
    return this.encounters.census(user, query.departmentId);
  }

  @Get(':id')
  @Requires(...READERS)
  get(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Origin() origin: RequestOrigin): Promise<EncounterDetail> {
    return this.encounters.get(principal, id, origin);
  }

  @Post('outpatient')
  @Requires('doctor')
  openOutpatient(@CurrentUser() user: UserPrincipal, @Body() body: OpenOutpatientVisitDto, @Origin() origin: RequestOrigin): Promise<EncounterDetail> {
    return this.encounters.openOutpatientVisit(user, body, origin);
  }

  @Post(':id/examine')
  @Requires('doctor')
  examine(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: VersionDto): Promise<EncounterDetail> {
    return this.encounters.startExamination(user, id, body.version);
  }

  @Post(':id/conclude')
  @Requires('doctor')
  conclude(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: ConcludeOutpatientVisitDto, @Origin() origin: RequestOrigin): Promise<EncounterDetail> {
    return this.encounters.concludeOutpatientVisit(user, id, body, origin);
  }

  @Post('admissions')
  @Requires('doctor')
  admit(@CurrentUser() user: UserPrincipal, @Body() body: AdmitDto, @Origin() origin: RequestOrigin): Promise<EncounterDetail> {
    return this.encounters.admit(user, body, origin);
  }

  @Post(':id/transfer')
  @Requires('doctor')
  transfer(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: TransferDto, @Origin() origin: RequestOrigin): Promise<EncounterDetail> {
    return this.encounters.transfer(user, id, body, origin);
  }

  @Post(':id/discharge')
  @Requires('doctor')
  discharge(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: DischargeDto, @Origin() origin: RequestOrigin): Promise<EncounterDetail> {
    return this.encounters.discharge(user, id, body, origin);
  }
}

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
