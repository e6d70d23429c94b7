import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Origin, Public, Requires, type RequestOrigin, type UserPrincipal } from '@benhan/api/core';
import type { ArchiveAccessEntry, ArchiveLoan, ArchiveSummary, DischargeQueueItem, DisposalRecord, FixityRun, Page, VerificationResult } from '@benhan/shared/contracts';
import { ArchiveExportService } from './archive-export.service';
import { ArchiveService } from './archive.service';
import { DisposalService } from './disposal.service';
import {
  ArchiveRequestDto,
  ArchiveSearchDto,
  DisposalDecisionDto,
  DisposalProposalDto,
  DisposalQueryDto,
  FixityQueryDto,
  LegalHoldDto,
  LoanDto,
  PageQueryDto,
  PurposeQueryDto,
  QueueQueryDto,
  ReasonQueryDto,
  ReopenDto,
} from './dto/archive.dto';
import { FixityService } from './fixity.service';
import { VerificationService } from './verification.service';
import { VersionPrintService } from './version-print.service';

/** Who reads the archive: the records office, the director (disposals) and inspectors. */
const ARCHIVE_READERS = ['records_officer', 'director', 'inspector'] as const;

@ApiTags('archive')
@Controller('api')
export class ArchiveController {
  constructor(
    private readonly print: VersionPrintService,
    private readonly archives: ArchiveService,
    private readonly exports: ArchiveExportService,
    private readonly disposals: DisposalService,
    private readonly fixity: FixityService,
    private readonly verification: VerificationService,
  ) {}

  @Get('versions/:versionId/pdf')
  @Requires('doctor', 'nurse', 'records_officer', 'inspector')
  @Header('Content-Type', 'application/pdf')
  @ApiOperation({ summary: 'A document version as an A4 PDF in its form’s layout, with the signature block and the R13 footer' })
  async pdf(@CurrentUser() user: UserPrincipal, @Param('versionId', ParseUUIDPipe) versionId: string, @Origin() origin: RequestOrigin): Promise<StreamableFile> {
    return new StreamableFile(await this.print.pdf(user, versionId, origin), { disposition: `inline; filename="version-${versionId}.pdf"` });
  }

  @Get('verify/:code')
  @Public()
  @ApiOperation({ summary: 'What the QR code on a printed page resolves to: the version or archive, its hash, its signatures, whether it is current (no login; initials only)' })
  verify(@Param('code') code: string): Promise<VerificationResult> {
    return this.verification.verify(code);
  }

  @Get('records/queue')
  @Requires('records_officer', 'director')
  @ApiOperation({ summary: 'Discharged or concluded encounters with their completeness and archive state' })
  queue(@CurrentUser() user: UserPrincipal, @Query() query: QueueQueryDto): Promise<Page<DischargeQueueItem>> {
    return this.archives.queue(user, query.scope ?? 'pending', query.limit, query.offset);
  }

  @Post('encounters/:encounterId/archive')
  @Requires('records_officer')
  @ApiOperation({ summary: 'Archive a complete, discharged encounter as one sealed PDF/A-3 (409 with the list of what is missing otherwise)' })
  archive(@CurrentUser() user: UserPrincipal, @Param('encounterId', ParseUUIDPipe) encounterId: string, @Body() body: ArchiveRequestDto): Promise<ArchiveSummary> {
    return this.archives.archive(user, encounterId, body);
  }

  @Get('archives')
  @Requires(...ARCHIVE_READERS)
  @ApiOperation({ summary: 'Search archives by patient, record number, diagnosis, discharge dates, status' })
  search(@CurrentUser() user: UserPrincipal, @Query() query: ArchiveSearchDto): Promise<Page<ArchiveSummary>> {
    return this.archives.search(user, query);
  }

  @Get('archives/export')
  @Requires('records_officer')
  @Header('Content-Type', 'application/x-tar')
  @ApiOperation({ summary: 'Every archive file with a manifest, SHA256SUMS and the disposal records, as one tar (hand-over, R18); reason recorded' })
  async export(@CurrentUser() user: UserPrincipal, @Query() query: ReasonQueryDto): Promise<StreamableFile> {
    return new StreamableFile(await this.exports.export(user, query.reason), { disposition: `attachment; filename="benhan-archive-export.tar"` });
  }

  @Get('archives/:id')
  @Requires(...ARCHIVE_READERS)
  get(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<ArchiveSummary> {
    return this.archives.get(user, id);
  }

  @Get('archives/:id/pdf')
  @Requires(...ARCHIVE_READERS)
  @ApiOperation({ summary: 'Download the sealed archive file; `purpose` is mandatory and recorded' })
  async download(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Query() query: PurposeQueryDto): Promise<StreamableFile> {
    const { archive, stream } = await this.archives.download(user, id, query.purpose);
    return new StreamableFile(stream, { type: 'application/pdf', length: archive.sizeBytes, disposition: `attachment; filename="${archive.recordNumber ?? archive.patientCode}-g${archive.generation}.pdf"` });
  }

  @Get('archives/:id/access')
  @Requires(...ARCHIVE_READERS)
  @ApiOperation({ summary: 'The access and loan log of an archive' })
  accessLog(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Query() query: PageQueryDto): Promise<Page<ArchiveAccessEntry>> {
    return this.archives.accessLog(user, id, query.limit, query.offset);
  }

  @Put('archives/:id/legal-hold')
  @Requires('records_officer')
  legalHold(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: LegalHoldDto): Promise<ArchiveSummary> {
    return this.archives.setLegalHold(user, id, body);
  }

  @Post('archives/:id/reopen')
  @Requires('records_officer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-open an archived record for amendment (recorded); archiving again makes a new generation' })
  reopen(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReopenDto): Promise<ArchiveSummary> {
    return this.archives.reopen(user, id, body);
  }

  @Get('archives/:id/loans')
  @Requires(...ARCHIVE_READERS)
  loans(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<ArchiveLoan[]> {
    return this.archives.loans(user, id);
  }

  @Post('archives/:id/loans')
  @Requires('records_officer')
  lend(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: LoanDto): Promise<ArchiveLoan> {
    return this.archives.lend(user, id, body);
  }

  @Post('loans/:loanId/return')
  @Requires('records_officer')
  @HttpCode(200)
  returnLoan(@CurrentUser() user: UserPrincipal, @Param('loanId', ParseUUIDPipe) loanId: string): Promise<ArchiveLoan> {
    return this.archives.returnLoan(user, loanId);
  }

  @Get('disposals/candidates')
  @Requires('records_officer', 'director')
  @ApiOperation({ summary: 'Archives past retention and not on legal hold (never disposed of automatically)' })
  candidates(@CurrentUser() user: UserPrincipal, @Query() query: PageQueryDto): Promise<Page<ArchiveSummary>> {
    return this.disposals.candidates(user, query.limit, query.offset);
  }

  @Get('disposals')
  @Requires('records_officer', 'director', 'inspector')
  listDisposals(@CurrentUser() user: UserPrincipal, @Query() query: DisposalQueryDto): Promise<Page<DisposalRecord>> {
    return this.disposals.list(user, query.status, query.limit, query.offset);
  }

  @Post('disposals')
  @Requires('records_officer')
  @ApiOperation({ summary: 'Propose disposing of an archive past retention (first of two approvals)' })
  propose(@CurrentUser() user: UserPrincipal, @Body() body: DisposalProposalDto): Promise<DisposalRecord> {
    return this.disposals.propose(user, body);
  }

  @Post('disposals/:id/decision')
  @Requires('director')
  @HttpCode(200)
  @ApiOperation({ summary: 'The director approves (the file leaves the store; the record and its hash stay) or rejects' })
  decide(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: DisposalDecisionDto): Promise<DisposalRecord> {
    return this.disposals.decide(user, id, body);
  }

  @Get('fixity/runs')
  @Requires('records_officer', 'director', 'inspector')
  fixityRuns(@CurrentUser() user: UserPrincipal, @Query() query: FixityQueryDto): Promise<FixityRun[]> {
    return this.fixity.list(user.facilityId, query.limit);
  }

  @Post('fixity/runs')
  @Requires('records_officer')
  @ApiOperation({ summary: 'Re-hash every stored archive now and report missing or changed files' })
  runFixity(@CurrentUser() user: UserPrincipal): Promise<FixityRun> {
    return this.fixity.run(user.facilityId, 'manual', user.userId);
  }
}
