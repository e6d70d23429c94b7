import { Body, Controller, Get, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Requires, type UserPrincipal } from '@benhan/api/core';
import type { FormDefinition, FormSummary } from '@benhan/shared/contracts';
import { FormListQueryDto, FormSettingsDto, UploadFormDto } from '../dto/document.dto';
import { FormsService } from './forms.service';

const READERS = ['doctor', 'nurse', 'records_officer', 'inspector', 'admin'] as const;

/** Form codes contain a slash (`01/BV1`): clients send them URL-encoded (`01%2FBV1`). */
@ApiTags('forms')
@Controller('api/forms')
export class FormsController {
  constructor(private readonly forms: FormsService) {}

  @Get()
  @Requires(...READERS)
  list(@CurrentUser() user: UserPrincipal, @Query() query: FormListQueryDto): Promise<FormSummary[]> {
    return this.forms.list(user.facilityId, query.encounterType);
  }

  @Get(':code')
  @Requires(...READERS)
  get(@CurrentUser() user: UserPrincipal, @Param('code') code: string): Promise<FormDefinition> {
    return this.forms.get(user.facilityId, code);
  }

  @Get(':code/versions/:version')
  @Requires(...READERS)
  getVersion(@CurrentUser() user: UserPrincipal, @Param('code') code: string, @Param('version', ParseIntPipe) version: number): Promise<FormDefinition> {
    return this.forms.get(user.facilityId, code, version);
  }

  @Post()
  @Requires('admin')
  @ApiOperation({ summary: 'Upload a form definition; an existing code gets a new schema version' })
  upload(@CurrentUser() user: UserPrincipal, @Body() body: UploadFormDto): Promise<FormDefinition> {
    return this.forms.upload(user, body);
  }

  @Put(':code/settings')
  @Requires('admin')
  @ApiOperation({ summary: "This facility's signer matrix and completeness rule for the form (R20)" })
  settings(@CurrentUser() user: UserPrincipal, @Param('code') code: string, @Body() body: FormSettingsDto): Promise<FormDefinition> {
    return this.forms.updateSettings(user, code, body);
  }
}
