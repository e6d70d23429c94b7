import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { LoginRequest, RefreshRequest } from '@benhan/shared/contracts';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'doctor' }) @IsString() @IsNotEmpty() @MaxLength(64) username!: string;
  @ApiProperty({ example: 'Benhan@2026' }) @IsString() @IsNotEmpty() @MaxLength(256) password!: string;
}

export class RefreshDto implements RefreshRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) refreshToken!: string;
}

/** RFC 6749 §4.4.2 form body; client id and secret may come in the body or in HTTP Basic auth (§2.3.1). */
export class ClientCredentialsDto {
  @ApiProperty({ example: 'client_credentials' }) @IsString() grant_type!: string;
  @ApiProperty({ required: false }) @IsOptional() @IsString() @MaxLength(64) client_id?: string;
  @ApiProperty({ required: false }) @IsOptional() @IsString() @MaxLength(256) client_secret?: string;
  @ApiProperty({ required: false, example: 'fhir.write hl7.send' }) @IsOptional() @IsString() @MaxLength(500) scope?: string;
}
