import { DynamicModule, Module } from '@nestjs/common';
import { AuditBundleService } from './audit-bundle.service';
import { AuditController } from './audit.controller';
import { CheckpointService } from './checkpoint.service';
import { INSPECTION_OPTIONS, type InspectionOptions } from './inspection.options';
import { InspectorReportService } from './inspector-report.service';
import { IntegrityService } from './integrity.service';
import { SignatureTrailService } from './signature-trail.service';

/** Inspection: checkpoints and integrity of the audit chain, bundles, signature trails and the inspector's report. */
@Module({})
export class InspectionModule {
  static forRoot(options: InspectionOptions): DynamicModule {
    return {
      module: InspectionModule,
      controllers: [AuditController],
      providers: [{ provide: INSPECTION_OPTIONS, useValue: options }, CheckpointService, IntegrityService, AuditBundleService, SignatureTrailService, InspectorReportService],
      exports: [CheckpointService, IntegrityService],
    };
  }
}
