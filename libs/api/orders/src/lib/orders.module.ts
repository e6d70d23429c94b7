import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DocumentsModule } from '@benhan/api/documents';
import { EncountersModule } from '@benhan/api/encounters';
import { PatientsModule } from '@benhan/api/patients';
import { TerminologyModule } from '@benhan/api/terminology';
import { OrderCatalogue } from './catalogue/catalogue';
import { ORDERS_ENTITIES } from './entities';
import { OrderAccess } from './order-access';
import {
  EncounterOrdersController,
  OrderCatalogueController,
  OrdersController,
  PatientObservationsController,
  ResultsController,
} from './orders.controller';
import { FulfilmentService } from './fulfilment.service';
import { OrdersService } from './orders.service';
import { ResultsService } from './results.service';

/** Lab and imaging orders, signed through the (global) SignaturesModule, and their results. */
@Module({
  imports: [TypeOrmModule.forFeature(ORDERS_ENTITIES), PatientsModule, EncountersModule, DocumentsModule, TerminologyModule],
  controllers: [EncounterOrdersController, OrdersController, ResultsController, PatientObservationsController, OrderCatalogueController],
  providers: [OrderCatalogue, OrderAccess, OrdersService, ResultsService, FulfilmentService],
  exports: [OrdersService, ResultsService, FulfilmentService, OrderCatalogue],
})
export class OrdersModule {}
