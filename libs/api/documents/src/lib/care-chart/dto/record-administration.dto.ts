import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import type { AdministrationRoute, AdministrationStatus, MarkEnteredInErrorRequest, RecordAdministrationRequest } from '@benhan/shared/contracts';
import { IsDateTime } from './date-time';

const ROUTES: AdministrationRoute[] = ['oral', 'iv', 'im', 'sc', 'topical', 'inhaled', 'rectal', 'sublingual', 'other'];
const STATUSES: AdministrationStatus[] = ['given', 'held', 'refused', 'missed'];

export class RecordAdministrationDto implements RecordAdministrationRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'The treatment sheet holding the order (with orderId)' }) @IsOptional() @IsUUID() treatmentSheetDocumentId?: string | null;
  @ApiPropertyOptional({ description: 'The order line id inside the treatment sheet' }) @IsOptional() @IsString() @MaxLength(64) orderId?: string | null;
  @ApiProperty({ example: 'Ceftriaxone 1 g' }) @IsString() @IsNotEmpty() @MaxLength(300) drug!: string;
  @ApiProperty({ example: '1 g' }) @IsString() @IsNotEmpty() @MaxLength(100) dose!: string;
  @ApiProperty({ enum: ROUTES }) @IsIn(ROUTES) route!: AdministrationRoute;
  @ApiPropertyOptional() @IsOptional() @IsDateTime() scheduledAt?: string | null;
  @ApiPropertyOptional({ description: 'Required when given' }) @IsOptional() @IsDateTime() administeredAt?: string | null;
  @ApiProperty({ enum: STATUSES }) @IsIn(STATUSES) status!: AdministrationStatus;
  @ApiPropertyOptional({ description: 'Required when held, refused or missed' }) @IsOptional() @IsString() @MaxLength(1000) reason?: string | null;
}

export class MarkEnteredInErrorDto implements MarkEnteredInErrorRequest {
  @ApiProperty({ example: 'Nhập nhầm bệnh nhân giường bên' }) @IsString() @Matches(/\S/, { message: 'reason must not be blank' }) @MaxLength(1000) reason!: string;
}
