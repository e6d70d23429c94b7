import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { CurrentUser, Requires, type UserPrincipal } from '@benhan/api/core';
import { EncountersService } from './encounters.service';

export class RecordNumberPatternDto {
  @ApiProperty({ example: '{yyyy}.{dept}.{seq:6}', description: 'Tokens: {yyyy} {yy} {dept} {seq:N}; {seq} is required' })
  @IsString()
  @MaxLength(60)
  pattern!: string;
}

/** The facility's medical record number pattern (số lưu trữ), a per-facility rule (R20 spirit: configuration, not code). */
@ApiTags('encounters')
@Controller('api/settings/record-number')
export class RecordNumberSettingsController {
  constructor(private readonly encounters: EncountersService) {}

  @Get()
  @Requires('admin', 'records_officer')
  get(@CurrentUser() user: UserPrincipal): Promise<{ pattern: string; example: string }> {
    return this.encounters.recordNumberPattern(user.facilityId);
  }

  @Put()
  @Requires('admin')
  set(@CurrentUser() user: UserPrincipal, @Body() body: RecordNumberPatternDto): Promise<{ pattern: string; example: string }> {
    return this.encounters.setRecordNumberPattern(user.facilityId, body.pattern);
  }
}
