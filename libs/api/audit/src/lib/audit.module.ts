import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLog } from './audit-log.service';
import { AuditCheckpointEntity, AuditEventEntity, IntegrityRunEntity } from './entities';

export const AUDIT_ENTITIES = [AuditEventEntity, AuditCheckpointEntity, IntegrityRunEntity];

/** The audit trail's log: every domain records into it (global, like the clock). */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(AUDIT_ENTITIES)],
  providers: [AuditLog],
  exports: [AuditLog],
})
export class AuditModule {}
