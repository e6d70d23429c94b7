import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNumber, IsObject, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import type { RecordVitalSignsRequest, RecordVitalSignsRoundRequest, VitalSignValues } from '@benhan/shared/contracts';
import { IsDateTime } from './date-time';

/** An optional reading: a finite number with at most 2 decimals (the column is numeric(6, 2)). */
const Reading = () =>
  applyDecorators(
    IsOptional(),
    IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: ({ property }) => `${property} must be a number with at most 2 decimals` }),
  );

/** Type checks only; plausible ranges are the care chart's rule (vital-signs.ts), checked by the service. */
export class VitalSignValuesDto implements VitalSignValues {
  @ApiPropertyOptional({ description: '/min' }) @Reading() pulse?: number;
  @ApiPropertyOptional({ description: 'Cel' }) @Reading() temperature?: number;
  @ApiPropertyOptional({ description: 'mm[Hg]' }) @Reading() systolic_bp?: number;
  @ApiPropertyOptional({ description: 'mm[Hg]' }) @Reading() diastolic_bp?: number;
  @ApiPropertyOptional({ description: '/min' }) @Reading() respiratory_rate?: number;
  @ApiPropertyOptional({ description: '%' }) @Reading() spo2?: number;
  @ApiPropertyOptional({ description: 'kg' }) @Reading() weight?: number;
  @ApiPropertyOptional({ description: 'cm' }) @Reading() height?: number;
}

export class RecordVitalSignsDto implements RecordVitalSignsRequest {
  @ApiProperty({ example: '2026-11-28T08:00:00+07:00', description: 'When measured; not in the future, not before the encounter started' }) @IsDateTime() takenAt!: string;
  @ApiProperty({ type: VitalSignValuesDto }) @IsObject() @ValidateNested() @Type(() => VitalSignValuesDto) values!: VitalSignValuesDto;
}

export class RoundEntryDto extends RecordVitalSignsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() encounterId!: string;
}

export class RecordVitalSignsRoundDto implements RecordVitalSignsRoundRequest {
  @ApiProperty({ type: [RoundEntryDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => RoundEntryDto)
  entries!: RoundEntryDto[];
}

export class FlowsheetQueryDto {
  @ApiPropertyOptional({ description: 'Default: the start of the encounter' }) @IsOptional() @IsDateTime() from?: string;
  @ApiPropertyOptional({ description: 'Default: the end of the encounter, or now' }) @IsOptional() @IsDateTime() to?: string;
}
