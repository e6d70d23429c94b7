import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentUser, Requires, type AuthenticatedPrincipal, type UserPrincipal } from '@benhan/api/core';
import type { MedicationAdministration, MedicationOrderLine, VitalSignDefinition, VitalSignObservation, VitalSignsFlowsheet } from '@benhan/shared/contracts';
import { CareChartService } from './care-chart.service';
import { MarkEnteredInErrorDto, RecordAdministrationDto } from './dto/record-administration.dto';
import { FlowsheetQueryDto, RecordVitalSignsDto, RecordVitalSignsRoundDto } from './dto/record-vital-signs.dto';

/** Clinical readers of a chart: the ward (scoped to its departments), the records office and inspectors. */
const READERS = ['nurse', 'doctor', 'records_officer', 'inspector'] as const;

@ApiTags('care-chart')
@Controller('api')
export class CareChartController {
  constructor(private readonly careChart: CareChartService) {}

  @Get('care-chart/vital-sign-definitions')
  @Requires(...READERS)
  definitions(): readonly VitalSignDefinition[] {
    return this.careChart.definitions();
  }

  @Post('encounters/:id/vital-signs')
  @Requires('nurse', 'doctor')
  recordVitalSigns(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: RecordVitalSignsDto): Promise<VitalSignObservation[]> {
    return this.careChart.recordVitalSigns(user, id, body);
  }

  @Get('encounters/:id/vital-signs')
  @Requires(...READERS)
  flowsheet(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Query() query: FlowsheetQueryDto): Promise<VitalSignsFlowsheet> {
    return this.careChart.flowsheet(principal, id, query);
  }

  @Post('vital-signs/rounds')
  @Requires('nurse')
  recordRound(@CurrentUser() user: UserPrincipal, @Body() body: RecordVitalSignsRoundDto): Promise<VitalSignObservation[]> {
    return this.careChart.recordRound(user, body);
  }

  @Post('vital-signs/:id/entered-in-error')
  @Requires('nurse', 'doctor')
  markVitalSign(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: MarkEnteredInErrorDto): Promise<VitalSignObservation> {
    return this.careChart.markVitalSignEnteredInError(user, id, body.reason);
  }

  @Post('encounters/:id/medication-administrations')
  @Requires('nurse')
  recordAdministration(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: RecordAdministrationDto): Promise<MedicationAdministration> {
    return this.careChart.recordAdministration(user, id, body);
  }

  @Get('encounters/:id/medication-administrations')
  @Requires(...READERS)
  administrations(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<MedicationAdministration[]> {
    return this.careChart.administrations(principal, id);
  }

  @Get('encounters/:id/medication-orders')
  @Requires(...READERS)
  medicationOrders(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<MedicationOrderLine[]> {
    return this.careChart.medicationOrders(principal, id);
  }

  @Post('medication-administrations/:id/entered-in-error')
  @Requires('nurse')
  markAdministration(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: MarkEnteredInErrorDto): Promise<MedicationAdministration> {
    return this.careChart.markAdministrationEnteredInError(user, id, body.reason);
  }
}
