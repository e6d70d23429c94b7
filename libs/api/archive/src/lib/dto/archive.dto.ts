import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  DISPOSAL_LIST_FILTERS,
  RETENTION_CATEGORIES,
  type ArchiveRequest,
  type ArchiveSearch,
  type ArchiveStatus,
  type DisposalDecision,
  type DisposalProposal,
  type DisposalListFilter,
  type LegalHoldRequest,
  type LoanRequest,
  type ReopenRequest,
  type RetentionCategory,
} from '@benhan/shared/contracts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ArchiveRequestDto implements ArchiveRequest {
  @ApiPropertyOptional({ enum: RETENTION_CATEGORIES, isArray: true, description: 'Retention categories the records office asserts (R21); those found from the record are added' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(RETENTION_CATEGORIES, { each: true })
  categories?: RetentionCategory[];
}

/** A page of a list: every list of the records office is read a page at a time. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ minimum: 0, default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class QueueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'archived', 'all'], default: 'pending' }) @IsOptional() @IsIn(['pending', 'archived', 'all']) scope?: 'pending' | 'archived' | 'all';
}

export class ArchiveSearchDto extends PageQueryDto implements ArchiveSearch {
  @ApiPropertyOptional({ description: 'Patient name (accents optional) or patient code' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(30) recordNumber?: string;
  @ApiPropertyOptional({ description: 'ICD-10 code or prefix' }) @IsOptional() @IsString() @Matches(/^[A-Za-z][0-9A-Za-z.]{0,6}$/, { message: 'diagnosis must be an ICD-10 code or prefix' }) diagnosis?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @Matches(ISO_DATE, { message: 'endedFrom must be a date (YYYY-MM-DD)' }) endedFrom?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @Matches(ISO_DATE, { message: 'endedTo must be a date (YYYY-MM-DD)' }) endedTo?: string;
  @ApiPropertyOptional({ enum: ['stored', 'superseded', 'disposed'] }) @IsOptional() @IsIn(['stored', 'superseded', 'disposed']) status?: ArchiveStatus;
}

export class PurposeQueryDto {
  @ApiProperty({ description: 'Why the file is taken out (recorded)', example: 'Bảo hiểm xã hội đề nghị giám định' }) @IsOptional() @IsString() @MaxLength(500) purpose?: string;
}

export class ReasonQueryDto {
  @ApiProperty({ description: 'Why (recorded)' }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class LegalHoldDto implements LegalHoldRequest {
  @ApiProperty() @IsBoolean() hold!: boolean;
  @ApiProperty({ example: 'Toà án nhân dân quận 1 yêu cầu giữ hồ sơ' }) @IsString() @MaxLength(1000) reason!: string;
}

export class ReopenDto implements ReopenRequest {
  @ApiProperty({ example: 'Bổ sung kết quả giải phẫu bệnh về sau' }) @IsString() @MaxLength(1000) reason!: string;
}

export class LoanDto implements LoanRequest {
  @ApiProperty({ example: 'Phòng Kế hoạch tổng hợp' }) @IsString() @MaxLength(200) borrower!: string;
  @ApiProperty({ example: 'Hội chẩn chuyên môn' }) @IsString() @MaxLength(500) purpose!: string;
  @ApiProperty({ format: 'date-time' }) @IsISO8601() dueAt!: string;
}

export class DisposalProposalDto implements DisposalProposal {
  @ApiProperty({ format: 'uuid' }) @IsUUID() archiveId!: string;
  @ApiProperty() @IsString() @MaxLength(1000) reason!: string;
}

export class DisposalDecisionDto implements DisposalDecision {
  @ApiProperty() @IsBoolean() approve!: boolean;
  @ApiPropertyOptional({ description: 'Mandatory when rejecting' }) @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}

export class DisposalQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DISPOSAL_LIST_FILTERS, description: 'decided = approved or rejected' }) @IsOptional() @IsIn(DISPOSAL_LIST_FILTERS) status?: DisposalListFilter;
}

export class FixityQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}
