export { OrdersModule } from './lib/orders.module';
export { OrdersService, ORDER_FORM_CODE } from './lib/orders.service';
export { ResultsService, RESULTS_WRITE_SCOPE } from './lib/results.service';
export { FulfilmentService, FILLER_TRANSITIONS, type UpdateTarget } from './lib/fulfilment.service';
export { OrderCatalogue, isValidLoinc, interpret, UCUM_UNITS } from './lib/catalogue/catalogue';
export { OrderError, type OrderErrorCode } from './lib/orders.errors';
export { ORDER_TRANSITIONS, canTransition } from './lib/order-lifecycle';
export {
  DiagnosticReportEntity,
  ImagingStudyEntity,
  ObservationEntity,
  OrderEntity,
  OrderItemEntity,
  ResultAcknowledgementEntity,
  SpecimenEntity,
  ORDERS_ENTITIES,
} from './lib/entities';
