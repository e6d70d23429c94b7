import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentUser, Origin, Requires, type AuthenticatedPrincipal, type RequestOrigin, type UserPrincipal } from '@benhan/api/core';
import type {
  DiagnosticReport,
  ImagingProcedureDefinition,
  InboxEntry,
  LabCatalogue,
  Observation,
  OrderDetail,
  Page,
  RecordResultResponse,
} from '@benhan/shared/contracts';
import { ListQueryDto } from '@benhan/api/identity';
import { OrderCatalogue } from './catalogue/catalogue';
import { ActivateOrderDto, PlaceOrderDto, StatusReasonDto } from './dto/order.dto';
import { ObservationQueryDto, RecordResultDto } from './dto/result.dto';
import { OrderAccess } from './order-access';
import { OrdersService } from './orders.service';
import { ResultsService } from './results.service';

const READERS = ['doctor', 'nurse', 'records_officer', 'inspector'] as const;

@ApiTags('orders')
@Controller('api/encounters/:encounterId/orders')
export class EncounterOrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @Requires(...READERS)
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('encounterId', ParseUUIDPipe) encounterId: string, @Origin() origin: RequestOrigin): Promise<OrderDetail[]> {
    return this.orders.listForEncounter(principal, encounterId, origin);
  }

  @Post()
  @Requires('doctor')
  place(@CurrentUser() user: UserPrincipal, @Param('encounterId', ParseUUIDPipe) encounterId: string, @Body() body: PlaceOrderDto): Promise<OrderDetail> {
    return this.orders.place(user, encounterId, body);
  }
}

@ApiTags('orders')
@Controller('api/orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly results: ResultsService,
    private readonly access: OrderAccess,
  ) {}

  @Get(':id')
  @Requires(...READERS, 'lis', 'pacs')
  get(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Origin() origin: RequestOrigin): Promise<OrderDetail> {
    return this.orders.get(this.access.requireScope(principal, 'orders.read'), id, origin);
  }

  @Post(':id/activate')
  @HttpCode(200)
  @Requires('doctor')
  activate(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: ActivateOrderDto): Promise<OrderDetail> {
    return this.orders.activate(user, id, body.pin);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Requires('doctor')
  revoke(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: StatusReasonDto): Promise<OrderDetail> {
    return this.orders.revoke(user, id, body.reason);
  }

  @Post(':id/entered-in-error')
  @HttpCode(200)
  @Requires('doctor')
  enteredInError(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: StatusReasonDto): Promise<OrderDetail> {
    return this.orders.enteredInError(user, id, body.reason);
  }

  /** For the LIS/PACS (scope results.write) and simple integrations; 201 when recorded, 200 for a repeat. */
  @Post(':id/results')
  @Requires('lis', 'pacs')
  async recordResult(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecordResultDto,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ): Promise<RecordResultResponse> {
    const outcome = await this.results.record(principal, id, body);
    res.status(outcome.created ? 201 : 200);
    return outcome;
  }
}

@ApiTags('orders')
@Controller('api/results')
export class ResultsController {
  constructor(private readonly results: ResultsService) {}

  @Get('inbox')
  @Requires('doctor')
  inbox(@CurrentUser() user: UserPrincipal, @Query() query: ListQueryDto): Promise<Page<InboxEntry>> {
    return this.results.inbox(user, query.limit, query.offset);
  }

  @Post(':reportId/acknowledge')
  @HttpCode(200)
  @Requires('doctor')
  acknowledge(@CurrentUser() user: UserPrincipal, @Param('reportId', ParseUUIDPipe) reportId: string): Promise<DiagnosticReport> {
    return this.results.acknowledge(user, reportId);
  }
}

@ApiTags('orders')
@Controller('api/patients/:patientId/observations')
export class PatientObservationsController {
  constructor(private readonly results: ResultsService) {}

  @Get()
  @Requires(...READERS)
  trend(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('patientId', ParseUUIDPipe) patientId: string, @Query() query: ObservationQueryDto, @Origin() origin: RequestOrigin): Promise<Observation[]> {
    return this.results.trend(principal, patientId, query.code, origin);
  }
}

@ApiTags('orders')
@Controller('api/order-catalogue')
export class OrderCatalogueController {
  constructor(private readonly catalogue: OrderCatalogue) {}

  @Get('lab')
  @Requires(...READERS, 'lis', 'pacs')
  lab(): LabCatalogue {
    return this.catalogue.lab();
  }

  @Get('imaging')
  @Requires(...READERS, 'lis', 'pacs')
  imaging(): ImagingProcedureDefinition[] {
    return this.catalogue.imaging();
  }
}
