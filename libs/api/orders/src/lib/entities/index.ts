import { DiagnosticReportEntity } from './diagnostic-report.entity';
import { ImagingStudyEntity } from './imaging-study.entity';
import { ObservationEntity } from './observation.entity';
import { OrderItemEntity } from './order-item.entity';
import { OrderEntity } from './order.entity';
import { ResultAcknowledgementEntity } from './result-acknowledgement.entity';

export { DiagnosticReportEntity, ImagingStudyEntity, ObservationEntity, OrderEntity, OrderItemEntity, ResultAcknowledgementEntity };

export const ORDERS_ENTITIES = [OrderEntity, OrderItemEntity, DiagnosticReportEntity, ObservationEntity, ImagingStudyEntity, ResultAcknowledgementEntity];
