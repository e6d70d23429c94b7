export { AuditEventEntity } from './audit-event.entity';
export { AuditCheckpointEntity } from './audit-checkpoint.entity';
export { IntegrityRunEntity } from './integrity-run.entity';
