import { DiagnosticReportEntity } from './diagnostic-report.entity';
import { ImagingStudyEntity } from './imaging-study.entity';
import { ObservationEntity } from './observation.entity';
import { OrderItemEntity } from './order-item.entity';
import { OrderEntity } from './order.entity';
import { ResultAcknowledgementEntity } from './result-acknowledgement.entity';
import { SpecimenEntity } from './specimen.entity';

export { DiagnosticReportEntity, ImagingStudyEntity, ObservationEntity, OrderEntity, OrderItemEntity, ResultAcknowledgementEntity, SpecimenEntity };

export const ORDERS_ENTITIES = [OrderEntity, OrderItemEntity, DiagnosticReportEntity, ObservationEntity, ImagingStudyEntity, ResultAcknowledgementEntity, SpecimenEntity];
