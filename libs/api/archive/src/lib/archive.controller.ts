import { Controller, Get, Header, Param, ParseUUIDPipe, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Requires, type UserPrincipal } from '@benhan/api/core';
import { VersionPrintService } from './version-print.service';

@ApiTags('archive')
@Controller('api')
export class ArchiveController {
  constructor(private readonly print: VersionPrintService) {}

  @Get('versions/:versionId/pdf')
  @Requires('doctor', 'nurse', 'records_officer', 'inspector')
  @Header('Content-Type', 'application/pdf')
  @ApiOperation({ summary: 'A document version as an A4 PDF in its form’s layout, with the signature block and the R13 footer' })
  async pdf(@CurrentUser() user: UserPrincipal, @Param('versionId', ParseUUIDPipe) versionId: string): Promise<StreamableFile> {
    return new StreamableFile(await this.print.pdf(user, versionId), { disposition: `inline; filename="version-${versionId}.pdf"` });
  }
}
