import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import {
  AUDIT_ACTIONS,
  AUDIT_RESOURCE_TYPES,
  type AuditAction,
  type AuditEventQuery,
  type AuditReportRequest,
  type AuditResourceType,
  type SignatureTrailQuery,
} from '@benhan/shared/contracts';

class PageDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ minimum: 0, default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class AuditEventQueryDto extends PageDto implements AuditEventQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() patient?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The acting user' }) @IsOptional() @IsUUID() actor?: string;
  @ApiPropertyOptional({ enum: AUDIT_ACTIONS, isArray: true }) @IsOptional() @Transform(({ value }) => (Array.isArray(value) ? value : [value])) @IsIn(AUDIT_ACTIONS, { each: true }) action?: AuditAction[];
  @ApiPropertyOptional({ enum: AUDIT_RESOURCE_TYPES }) @IsOptional() @IsIn(AUDIT_RESOURCE_TYPES) resourceType?: AuditResourceType;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) resourceId?: string;
  @ApiPropertyOptional({ enum: ['success', 'failure'] }) @IsOptional() @IsIn(['success', 'failure']) outcome?: 'success' | 'failure';
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() to?: string;
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' }) @IsOptional() @IsIn(['asc', 'desc']) sort?: 'asc' | 'desc';
}

export class AccessLogQueryDto extends PageDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() patient!: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() to?: string;
  @ApiPropertyOptional({ description: "Only events up to this seq: the first page's newest, so paging is not shifted by reads made meanwhile (reading the log is itself logged)" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  untilSeq?: number;
}

export class IntegrityQueryDto {
  @ApiPropertyOptional({ enum: ['genesis', 'checkpoint'], default: 'genesis', description: 'Verify from the first event, or from the last checkpoint whose seal verifies' })
  @IsOptional()
  @IsIn(['genesis', 'checkpoint'])
  from?: 'genesis' | 'checkpoint';
}

export class LimitQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class BundleQueryDto {
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() to?: string;
  @ApiProperty({ description: 'Why the trail is exported (recorded)', example: 'Thanh tra Sở Y tế, quyết định số 12/QĐ-SYT' })
  @IsString()
  @MinLength(5, { message: 'reason is required for an export (at least 5 characters)' })
  @MaxLength(500)
  reason!: string;
}

export class SignatureTrailQueryDto extends PageDto implements SignatureTrailQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() patient?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() encounter?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() document?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() signer?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() to?: string;
  @ApiPropertyOptional({ enum: ['signedAt', '-signedAt'], default: '-signedAt' }) @IsOptional() @IsIn(['signedAt', '-signedAt']) sort?: 'signedAt' | '-signedAt';
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' }) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
  @ApiPropertyOptional({ description: 'Required with format=csv (an export is recorded with its reason)' }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class AuditReportDto implements AuditReportRequest {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() patient?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() encounter?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() document?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() signer?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() to?: string;
  @ApiProperty({ description: 'Why the report is made (recorded)' })
  @IsString()
  @MinLength(5, { message: 'reason is required (at least 5 characters)' })
  @MaxLength(500)
  reason!: string;
}
