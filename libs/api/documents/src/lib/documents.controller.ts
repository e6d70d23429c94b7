import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock, CurrentPrincipal, CurrentUser, Requires, type AuthenticatedPrincipal, type UserPrincipal } from '@benhan/api/core';
import type { DocumentDiff, DocumentSummary, DocumentVersion, DocumentVersionSummary, EncounterCompleteness, TimelinessEntry } from '@benhan/shared/contracts';
import { AmendDocumentDto, CreateDocumentDto, DiffQueryDto, SaveDraftDto, TimelinessQueryDto } from './dto/document.dto';
import { DocumentsService } from './documents.service';
import { RecordCompletenessService } from './record-completeness.service';

const READERS = ['doctor', 'nurse', 'records_officer', 'inspector'] as const;
const AUTHORS = ['doctor', 'nurse'] as const;

@ApiTags('documents')
@Controller('api')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly completeness: RecordCompletenessService,
    private readonly clock: Clock,
  ) {}

  @Get('encounters/:encounterId/documents')
  @Requires(...READERS)
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('encounterId', ParseUUIDPipe) encounterId: string): Promise<DocumentSummary[]> {
    return this.documents.listForEncounter(principal, encounterId);
  }

  @Post('encounters/:encounterId/documents')
  @Requires(...AUTHORS)
  @ApiOperation({ summary: 'Start a document on a form: version 1, a draft only its author edits' })
  create(@CurrentUser() user: UserPrincipal, @Param('encounterId', ParseUUIDPipe) encounterId: string, @Body() body: CreateDocumentDto): Promise<DocumentVersion> {
    return this.documents.create(user, encounterId, body);
  }

  @Get('encounters/:encounterId/completeness')
  @Requires(...READERS)
  @ApiOperation({ summary: 'Required forms missing, versions awaiting signatures, incomplete drafts' })
  getCompleteness(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('encounterId', ParseUUIDPipe) encounterId: string): Promise<EncounterCompleteness> {
    return this.completeness.completeness(principal, encounterId);
  }

  @Post('encounters/:encounterId/record/close')
  @HttpCode(200)
  @Requires('records_officer')
  @ApiOperation({ summary: 'Close a finished, complete record for archiving (409 lists what is missing)' })
  close(@CurrentUser() user: UserPrincipal, @Param('encounterId', ParseUUIDPipe) encounterId: string): Promise<EncounterCompleteness> {
    return this.completeness.closeRecord(user, encounterId);
  }

  @Get('documents/:id')
  @Requires(...READERS)
  get(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<DocumentSummary> {
    return this.documents.getDocument(principal, id);
  }

  @Get('documents/:id/versions')
  @Requires(...READERS)
  @ApiOperation({ summary: 'History: every version, who, when, why' })
  history(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<DocumentVersionSummary[]> {
    return this.documents.history(principal, id);
  }

  @Post('documents/:id/versions')
  @Requires(...AUTHORS)
  @ApiOperation({ summary: 'Amend the signed latest version: version N+1 as a draft, with a reason' })
  amend(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: AmendDocumentDto): Promise<DocumentVersion> {
    return this.documents.amend(user, id, body);
  }

  @Get('documents/:id/versions/:number')
  @Requires(...READERS)
  version(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Param('number', ParseIntPipe) number: number): Promise<DocumentVersion> {
    return this.documents.version(principal, id, number);
  }

  @Put('documents/:id/versions/:number')
  @Requires(...AUTHORS)
  @ApiOperation({ summary: "Save the author's draft again (optimistic lock on revision)" })
  save(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Param('number', ParseIntPipe) number: number, @Body() body: SaveDraftDto): Promise<DocumentVersion> {
    return this.documents.saveDraft(user, id, number, body);
  }

  @Get('documents/:id/diff')
  @Requires(...READERS)
  @ApiOperation({ summary: 'Field-level differences between two versions (JSON Pointer paths)' })
  diff(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Query() query: DiffQueryDto): Promise<DocumentDiff> {
    return this.documents.diff(principal, id, query.from, query.to);
  }

  @Get('reports/timeliness')
  @Requires('doctor', 'nurse', 'records_officer', 'inspector')
  @ApiOperation({ summary: 'R9: entries signed, or still unsigned, more than 12 h / 24 h after their time' })
  timeliness(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Query() query: TimelinessQueryDto): Promise<TimelinessEntry[]> {
    const to = query.to ? new Date(query.to) : this.clock.now();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * 86_400_000);
    return this.completeness.timeliness(principal, { from, to, departmentId: query.departmentId });
  }
}
