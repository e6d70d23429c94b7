import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import {
  ACCESS_REQUEST_SCOPES,
  ACCESS_REQUESTER_RELATIONSHIPS,
  type AccessRequestScope,
  type AccessRequestStatus,
  type AccessRequesterRelationship,
  type CreateAccessRequest,
} from '@benhan/shared/contracts';

export class CreateAccessRequestDto implements CreateAccessRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() patientId!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'One stay; unset: the whole record' }) @IsOptional() @IsUUID() encounterId?: string | null;
  @ApiProperty({ example: 'Nguyễn Văn Hùng' }) @IsString() @MinLength(2) @MaxLength(200) requesterName!: string;
  @ApiProperty({ enum: ACCESS_REQUESTER_RELATIONSHIPS }) @IsIn(ACCESS_REQUESTER_RELATIONSHIPS) relationship!: AccessRequesterRelationship;
  @ApiProperty({ description: 'CCCD (12 digits), CMND (9) or passport number', example: '001085012345' })
  @Matches(/^[A-Z0-9]{6,20}$/, { message: 'requesterIdNumber must be a CCCD, CMND or passport number (6–20 letters or digits)' })
  requesterIdNumber!: string;
  @ApiProperty({ enum: ACCESS_REQUEST_SCOPES }) @IsIn(ACCESS_REQUEST_SCOPES) scope!: AccessRequestScope;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() receivedAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) note?: string | null;
}

export class AccessRequestQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() patient?: string;
  @ApiPropertyOptional({ enum: ['received', 'released', 'refused'] }) @IsOptional() @IsIn(['received', 'released', 'refused']) status?: AccessRequestStatus;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ minimum: 0, default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class RefuseAccessRequestDto {
  @ApiProperty({ example: 'Người yêu cầu không xuất trình được giấy tờ chứng minh quan hệ' }) @IsString() @MinLength(5) @MaxLength(1000) reason!: string;
}
