import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength } from 'class-validator';
import type {
  AmendDocumentRequest,
  BilingualText,
  CreateDocumentRequest,
  EncounterType,
  FormCategory,
  FormRequirement,
  FormSettingsRequest,
  JsonSchema,
  SaveDraftRequest,
  SignerStep,
  UploadFormRequest,
  UserRole,
} from '@benhan/shared/contracts';

const CONTENT = { description: 'The form content, checked against the form schema', type: 'object', additionalProperties: true } as const;

export class CreateDocumentDto implements CreateDocumentRequest {
  @ApiProperty({ example: '01/BV1' }) @IsString() @MaxLength(20) formCode!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) title?: string | null;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) effectiveAt?: string | null;
  @ApiProperty(CONTENT) @IsObject() content!: Record<string, unknown>;
}

export class SaveDraftDto implements SaveDraftRequest {
  @ApiProperty({ description: 'The revision you read; a stale one gets 409' }) @IsInt() @Min(1) revision!: number;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) effectiveAt?: string | null;
  @ApiProperty(CONTENT) @IsObject() content!: Record<string, unknown>;
}

export class AmendDocumentDto implements AmendDocumentRequest {
  @ApiProperty({ description: 'Why the signed version is changed' }) @IsString() @MinLength(3) @MaxLength(2000) reason!: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) effectiveAt?: string | null;
  @ApiProperty(CONTENT) @IsObject() content!: Record<string, unknown>;
}

export class DiffQueryDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) from!: number;
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) to!: number;
}

export class FormListQueryDto {
  @ApiPropertyOptional({ enum: ['inpatient', 'outpatient'] }) @IsOptional() @IsIn(['inpatient', 'outpatient']) encounterType?: EncounterType;
}

export class TimelinessQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Default: 30 days ago' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Default: now' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() departmentId?: string;
}

/** Signers and requirements are checked by the forms service, which names each bad entry. */
export class FormSettingsDto implements FormSettingsRequest {
  @ApiProperty({ type: 'array', items: { type: 'object' } }) @IsObject({ each: true }) signers!: SignerStep[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) @IsObject({ each: true }) requiredFor!: FormRequirement[];
  @ApiProperty() @IsBoolean() active!: boolean;
}

export class UploadFormDto implements UploadFormRequest {
  @ApiProperty({ example: '01/BV1' }) @IsString() code!: string;
  @ApiProperty({ type: 'object', properties: { vi: { type: 'string' }, en: { type: 'string' } } }) @IsObject() title!: BilingualText;
  @ApiProperty() @IsString() category!: FormCategory;
  @ApiProperty() @IsString() source!: string;
  @ApiProperty({ type: [String] }) @IsString({ each: true }) encounterTypes!: EncounterType[];
  @ApiProperty({ type: [String] }) @IsString({ each: true }) authorRoles!: UserRole[];
  @ApiProperty() @IsBoolean() repeatable!: boolean;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) @IsObject({ each: true }) signers!: SignerStep[];
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' } }) @IsOptional() @IsObject({ each: true }) requiredFor?: FormRequirement[];
  @ApiPropertyOptional() @IsOptional() @IsString() requirementGroup?: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) @IsObject() schema!: JsonSchema;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsString({ each: true }) uncertainties?: string[];
}
