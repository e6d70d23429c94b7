import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import type { EnrolSigningRequest, RevocationReason, RevokeCertificateRequest, SignVersionRequest } from '@benhan/shared/contracts';

const REASONS: RevocationReason[] = ['unspecified', 'key_compromise', 'affiliation_changed', 'superseded', 'cessation_of_operation'];

export class PinDto implements SignVersionRequest, EnrolSigningRequest {
  @ApiProperty({ description: 'The signing PIN (6–12 digits); never stored or logged', example: '123456' })
  @IsString()
  @Matches(/^\d{6,12}$/, { message: 'pin must be 6 to 12 digits' })
  pin!: string;
}

export class RevokeDto implements RevokeCertificateRequest {
  @ApiProperty({ enum: REASONS }) @IsIn(REASONS) reason!: RevocationReason;
}

export class SignatureQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() patient?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() document?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() signer?: string;
}

export class CertificateQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() userId?: string;
}
