import { Body, Controller, Get, Header, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Requires, type UserPrincipal } from '@benhan/api/core';
import { AuditLog } from '@benhan/api/audit';
import type { AccessLogEntry, AuditCheckpoint, AuditEvent, IntegrityReport, Page, SignatureTrailEntry } from '@benhan/shared/contracts';
import { AuditBundleService } from './audit-bundle.service';
import { CheckpointService } from './checkpoint.service';
import { AccessLogQueryDto, AuditEventQueryDto, AuditReportDto, BundleQueryDto, IntegrityQueryDto, LimitQueryDto, SignatureTrailQueryDto } from './dto/audit.dto';
import { InspectionError } from './inspection.errors';
import { InspectorReportService } from './inspector-report.service';
import { IntegrityService } from './integrity.service';
import { SignatureTrailService } from './signature-trail.service';

/** The inspector's workspace: the audit trail, who accessed a record, signature trails, integrity, exports. */
@ApiTags('audit')
@Controller('api/audit')
export class AuditController {
  constructor(
    private readonly audit: AuditLog,
    private readonly integrity: IntegrityService,
    private readonly checkpoints: CheckpointService,
    private readonly bundles: AuditBundleService,
    private readonly trail: SignatureTrailService,
    private readonly reports: InspectorReportService,
  ) {}

  @Get('events')
  @Requires('inspector')
  async events(@CurrentUser() user: UserPrincipal, @Query() query: AuditEventQueryDto): Promise<Page<AuditEvent>> {
    const page = await this.audit.query(user.facilityId, query);
    if (query.patient) await this.audit.recordNow({ action: 'audit_read', resource: { type: 'patient', id: query.patient }, patientId: query.patient, detail: { view: 'events' } });
    return page;
  }

  @Get('access')
  @Requires('inspector')
  async access(@CurrentUser() user: UserPrincipal, @Query() query: AccessLogQueryDto): Promise<Page<AccessLogEntry>> {
    const page = await this.audit.accessLog(user.facilityId, query.patient, query);
    await this.audit.recordNow({ action: 'audit_read', resource: { type: 'patient', id: query.patient }, patientId: query.patient, detail: { view: 'access_log' } });
    return page;
  }

  /** Runs the verification now (from genesis unless asked from the last checkpoint) and keeps the result. */
  @Get('integrity')
  @Requires('inspector', 'admin')
  check(@CurrentUser() user: UserPrincipal, @Query() query: IntegrityQueryDto): Promise<IntegrityReport> {
    return this.integrity.runFor(user, query.from ?? 'genesis');
  }

  @Get('integrity/runs')
  @Requires('inspector', 'admin')
  runs(@CurrentUser() user: UserPrincipal, @Query() query: LimitQueryDto): Promise<IntegrityReport[]> {
    return this.integrity.runs(user.facilityId, query.limit ?? 20);
  }

  @Get('checkpoints')
  @Requires('inspector', 'admin')
  listCheckpoints(@CurrentUser() user: UserPrincipal, @Query() query: LimitQueryDto): Promise<AuditCheckpoint[]> {
    return this.checkpoints.list(user.facilityId, query.limit ?? 20);
  }

  /** Seal the head now (before an export, say) instead of waiting for the schedule. */
  @Post('checkpoints')
  @Requires('inspector', 'admin')
  async checkpointNow(@CurrentUser() user: UserPrincipal): Promise<AuditCheckpoint> {
    const checkpoint = await this.checkpoints.checkpoint(user.facilityId);
    if (!checkpoint) throw new InspectionError('nothing_to_seal', 'The chain head is already sealed by a checkpoint (or another process is sealing it now).');
    return checkpoint;
  }

  @Get('bundle')
  @Requires('inspector')
  async bundle(@CurrentUser() user: UserPrincipal, @Query() query: BundleQueryDto): Promise<StreamableFile> {
    const bundle = await this.bundles.export(user, query);
    const name = `benhan-audit-${bundle.facility.code ?? 'facility'}-${bundle.exportedAt.slice(0, 10)}.json`;
    return new StreamableFile(Buffer.from(JSON.stringify(bundle, null, 1)), { type: 'application/json', disposition: `attachment; filename="${name}"` });
  }

  @Get('signature-trail')
  @Requires('inspector')
  async signatureTrail(@CurrentUser() user: UserPrincipal, @Query() query: SignatureTrailQueryDto): Promise<Page<SignatureTrailEntry> | StreamableFile> {
    if (query.format === 'csv') {
      if (!query.reason || query.reason.trim().length < 5) {
        throw new InspectionError('invalid_request', 'An export needs a reason', {}, [{ field: 'reason', message: 'reason is required for an export (at least 5 characters)' }]);
      }
      const csv = await this.trail.csv(user, query, query.reason.trim());
      return new StreamableFile(csv, { type: 'text/csv; charset=utf-8', disposition: 'attachment; filename="signature-trail.csv"' });
    }
    return this.trail.trail(user, query);
  }

  @Post('reports')
  @Requires('inspector')
  @HttpCode(200)
  @Header('Content-Type', 'application/pdf')
  async report(@CurrentUser() user: UserPrincipal, @Body() body: AuditReportDto): Promise<StreamableFile> {
    return new StreamableFile(await this.reports.render(user, body), { disposition: 'inline; filename="inspector-report.pdf"' });
  }
}
