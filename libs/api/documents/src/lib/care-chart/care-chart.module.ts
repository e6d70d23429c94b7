import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EncountersModule } from '@benhan/api/encounters';
import { CareChartController } from './care-chart.controller';
import { CareChartService } from './care-chart.service';
import { CARE_CHART_ENTITIES } from './entities';
import { DocumentsTreatmentOrders } from './treatment-orders';
import { TREATMENT_ORDERS } from './treatment-orders.port';

/** The nurses' care chart: vital signs and medication administrations against the treatment sheet's orders. */
@Module({
  imports: [TypeOrmModule.forFeature(CARE_CHART_ENTITIES), EncountersModule],
  controllers: [CareChartController],
  providers: [CareChartService, { provide: TREATMENT_ORDERS, useClass: DocumentsTreatmentOrders }],
  exports: [CareChartService],
})
export class CareChartModule {}
