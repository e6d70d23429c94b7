import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
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
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class CertificateQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() userId?: string;
}

export class TrustedRootDto {
  @ApiProperty({ description: "A licensed CA's root certificate, PEM" }) @IsString() @MaxLength(20000) certificatePem!: string;
}

export class Pkcs12ImportDto {
  @ApiProperty({ description: 'The .p12/.pfx file, base64' }) @IsString() @MaxLength(200000) pkcs12Base64!: string;
  @ApiProperty({ description: 'The file password' }) @IsString() @MaxLength(200) password!: string;
  @ApiProperty({ description: 'The signing PIN the user will sign with (6–12 digits)' }) @IsString() @Matches(/^\d{6,12}$/, { message: 'pin must be 6 to 12 digits' }) pin!: string;
}
