export * from './lib/inspection.module';
export type { InspectionOptions } from './lib/inspection.options';
export { CheckpointService } from './lib/checkpoint.service';
export { IntegrityService } from './lib/integrity.service';
